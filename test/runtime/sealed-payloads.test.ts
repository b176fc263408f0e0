import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import { loadSealingKeys, parseSealingKeys, SealingCodec, SEALED_ENCODING, UNOPENED_ENCODING } from '../../apps/runtime/sealing/payload-sealing';
import { caseActionUpdate, childCaseLinkedSignal } from '../../workflows/definitions';
import { startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, APPLICANT_NAME, hukouBody, openSettled, OWN } from '../api/support/fixtures';

/**
 * Temporal sealed (issue 12): every payload the API's client and the worker hand Temporal is AES-256-GCM
 * sealed with the key id in its metadata, failure messages included; a wrong key cannot open it; and a
 * command sent straight to Temporal, unsealed, is refused and leaves the case as it was.
 */
describe('payloads sealed for Temporal', () => {
  let sys: TestSystem;
  let plain: Client;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    // A client without the codec: what the Temporal UI, the CLI or an intruder on the network sees and can send.
    plain = new Client({ connection: await Connection.connect({ address: sys.config.temporal.address }), namespace: sys.config.temporal.namespace });
  }, 120_000);
  afterAll(async () => {
    await plain?.connection.close();
    await sys?.stop();
  });

  /** Every payload in a workflow's history, found by walking the decoded protobuf objects. */
  function payloadsIn(value: unknown, found: temporal.api.common.v1.IPayload[] = []): temporal.api.common.v1.IPayload[] {
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return found;
    const v = value as Record<string, unknown>;
    if ('metadata' in v && 'data' in v && v.metadata && typeof v.metadata === 'object') {
      found.push(v);
      return found;
    }
    for (const child of Object.values(v)) payloadsIn(child, found);
    return found;
  }
  const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');

  it('seals every payload of a case’s history, naming the encoding and the key id; nothing in it reads as the applicant', async () => {
    const caseworker = await sys.token('caseworker', OWN);
    const caseId = await openSettled(sys, caseworker, hukouBody('window'));
    // A refusal by the domain: its failure message travels sealed too.
    const refused = await sys.request('POST', `/cases/${caseId}/actions/register-settlement`, { token: caseworker, body: {} });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body.detail).toMatch(/\S/); // the API still reads the message

    const history = await plain.workflow.getHandle(caseId).fetchHistory();
    const payloads = payloadsIn(history.events);
    expect(payloads.length).toBeGreaterThan(3);
    const keyId = loadSealingKeys(sys.config.temporal.sealing).current;
    // Every payload that passed through the data converter is sealed. The exceptions are the SDK core's own
    // bookkeeping, written beneath the codec: local activity markers (`data`: sequence number, activity type,
    // times) and a `patched()` change's marker and search attribute, which name the change id and nothing else
    // (checked here). None holds anything of the case, as the byte scan below shows.
    const unsealed: string[] = [];
    const changeIds: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (!v || typeof v !== 'object' || ArrayBuffer.isView(v)) return;
      const o = v as { metadata?: Record<string, Uint8Array>; data?: Uint8Array };
      if (o.metadata && 'data' in o) {
        const sealed = text(o.metadata.encoding) === SEALED_ENCODING && text(o.metadata['encryption-key-id']) === keyId;
        const change = /markerRecordedEventAttributes\.details\.patch-data\.|indexedFields\.TemporalChangeVersion$/.test(path);
        if (change) changeIds.push(text(o.data));
        else if (!sealed && !/markerRecordedEventAttributes\.details\.data\./.test(path)) unsealed.push(path);
        return;
      }
      for (const [k, c] of Object.entries(o)) walk(c, `${path}.${k}`);
    };
    walk(history.events, 'events');
    expect(unsealed).toEqual([]);
    // A change marker's payload is its id and whether it is deprecated; the search attribute lists ids.
    for (const change of changeIds) expect(change).toMatch(/^(\{"id":"[a-z0-9-]+","deprecated":(true|false)\}|\["[a-z0-9-]+"(,"[a-z0-9-]+")*\])$/);
    expect(payloads.filter((p) => text(p.metadata!.encoding) === SEALED_ENCODING).length).toBeGreaterThan(3);
    const everything = JSON.stringify(temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, { bytes: String }));
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    for (const secret of [APPLICANT_ID, APPLICANT_NAME, Buffer.from(APPLICANT_ID).toString('base64')]) {
      expect(everything).not.toContain(secret);
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    }
    // Failure messages are sealed as well: no failure in the history says what the domain said.
    expect(raw.includes(Buffer.from(String(refused.body.detail)))).toBe(false);
  });

  it('cannot be opened with another key', async () => {
    const ours = new SealingCodec(loadSealingKeys(sys.config.temporal.sealing));
    const [sealed] = await ours.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify({ id: APPLICANT_ID })) }]);
    expect(Buffer.from(sealed.data!).includes(Buffer.from(APPLICANT_ID))).toBe(false);
    expect(text((await ours.decode([sealed]))[0].data)).toContain(APPLICANT_ID);
    const keyId = loadSealingKeys(sys.config.temporal.sealing).current;
    const otherKey = new SealingCodec(parseSealingKeys(`${keyId}=${Buffer.alloc(32, 7).toString('base64')}`, 'test'));
    expect(() => otherKey.open(sealed)).toThrow(`a payload sealed with key "${keyId}" does not authenticate`);
    const unknownId = new SealingCodec(parseSealingKeys(`another=${Buffer.alloc(32, 7).toString('base64')}`, 'test'));
    expect(() => unknownId.open(sealed)).toThrow(`a payload is sealed with key "${keyId}", which this process does not have`);
    // Decoding does not throw: it hands on a payload no converter turns into a value, naming why and nothing of it.
    for (const codec of [otherKey, unknownId]) {
      const [marker] = await codec.decode([sealed]);
      expect(text(marker.metadata!.encoding)).toBe(UNOPENED_ENCODING);
      expect(JSON.parse(text(marker.data)).unopened).toMatch(new RegExp(`key "${keyId}"`));
      expect(text(marker.data)).not.toContain(APPLICANT_ID);
      expect(() => defaultPayloadConverter.fromPayload(marker)).toThrow(/Unknown encoding/);
    }
  });

  it('refuses an unsealed update sent straight to Temporal and leaves the case unchanged', async () => {
    const caseworker = await sys.token('caseworker', OWN);
    const caseId = await openSettled(sys, caseworker, hukouBody('window'));
    const before = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
    expect(before.allowedActions).toContain('accept');

    const ghost = { id: 'ghost', role: 'caseworker' as const, office: OWN };
    await expect(
      plain.workflow
        .getHandle(caseId)
        .executeUpdate(caseActionUpdate, { args: [{ action: 'accept', payload: {}, actor: ghost, commandId: randomUUID(), correlationId: 'side-door' }] }),
    ).rejects.toThrow();

    const after = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', OWN) })).body;
    expect(history.events.map((e: any) => e.metadata.actor)).not.toContain('ghost');
    // The case still takes commands that come through the API.
    expect((await sys.request('POST', `/cases/${caseId}/actions/accept`, { token: caseworker, body: {} })).status).toBe(200);
  });

  // A payload naming a key this installation does not hold (a forged key id, or one removed too early), or one that
  // does not authenticate under the key it names, is never opened by guessing. Sent as an update, it is rejected at
  // once, before it is accepted: nothing reaches the history and the case answers the next command at once.
  it.each([
    ['a key it does not hold', `intruder=${Buffer.alloc(32, 9).toString('base64')}`],
    ['its own key id but another key', (id: string) => `${id}=${Buffer.alloc(32, 9).toString('base64')}`],
  ])(
    'rejects at once an update sealed with %s, and the case goes on',
    async (_what, keys) => {
      const caseworker = await sys.token('caseworker', OWN);
      const caseId = await openSettled(sys, caseworker, hukouBody('window'));
      const before = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
      const eventsBefore = (await plain.workflow.getHandle(caseId).fetchHistory()).events!.length;
      const ourId = loadSealingKeys(sys.config.temporal.sealing).current;
      const forgedKeys = parseSealingKeys(typeof keys === 'string' ? keys : keys(ourId), 'test');
      const foreign = new Client({
        connection: plain.connection,
        namespace: sys.config.temporal.namespace,
        dataConverter: { payloadCodecs: [new SealingCodec(forgedKeys)] },
      });
      const ghost = { id: 'ghost', role: 'caseworker' as const, office: OWN };
      const started = Date.now();
      const sent = foreign.workflow
        .getHandle(caseId)
        .executeUpdate(caseActionUpdate, { args: [{ action: 'accept', payload: {}, actor: ghost, commandId: randomUUID(), correlationId: 'side-door' }] });
      const outcome = await Promise.race([
        sent.then(
          () => 'applied',
          () => 'rejected',
        ),
        // Unref'd: once the update answers, this timer must not keep the test process alive.
        new Promise((r) => setTimeout(() => r('no answer'), 15_000).unref()),
      ]);
      expect(outcome).toBe('rejected');
      expect(Date.now() - started).toBeLessThan(3_000);

      const after = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
      expect({ version: after.version, status: after.status }).toEqual({ version: before.version, status: before.status });
      const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', OWN) })).body;
      expect(history.events.map((e: any) => e.metadata.actor)).not.toContain('ghost');
      // A rejected update leaves nothing in Temporal's history either.
      expect((await plain.workflow.getHandle(caseId).fetchHistory()).events!.length).toBe(eventsBefore);
      // No window of unavailability: the next command through the API is decided at once.
      const next = Date.now();
      expect((await sys.request('POST', `/cases/${caseId}/actions/accept`, { token: caseworker, body: {} })).status).toBe(200);
      expect(Date.now() - next).toBeLessThan(3_000);
    },
    60_000,
  );

  // The other side of the same decision: a payload that cannot be opened anywhere but in an update's arguments (here a
  // signal, recorded in the history before the workflow sees it) is never skipped or guessed at: the workflow task
  // fails, naming the marker, and keeps failing until an operator acts (the key restored, or the workflow reset).
  it('fails the workflow task, loudly, on a signal it cannot open, and applies nothing', async () => {
    const caseworker = await sys.token('caseworker', OWN);
    const caseId = await openSettled(sys, caseworker, hukouBody('window'));
    const before = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
    const foreign = new Client({
      connection: plain.connection,
      namespace: sys.config.temporal.namespace,
      dataConverter: { payloadCodecs: [new SealingCodec(parseSealingKeys(`intruder=${Buffer.alloc(32, 9).toString('base64')}`, 'test'))] },
    });
    const handle = foreign.workflow.getHandle(caseId);
    await handle.signal(childCaseLinkedSignal, { caseId: randomUUID(), type: 'hukou-settlement' });
    const ours = new SealingCodec(loadSealingKeys(sys.config.temporal.sealing));
    let message = '';
    const started = Date.now();
    while (!message && Date.now() - started < 20_000) {
      const history = await plain.workflow.getHandle(caseId).fetchHistory();
      const failed = history.events!.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes;
      const encoded = failed?.failure?.encodedAttributes;
      if (encoded) message = JSON.parse(text((await ours.decode([encoded]))[0].data)).message;
      else await new Promise((r) => setTimeout(r, 500));
    }
    expect(message).toContain(`Unknown encoding: ${UNOPENED_ENCODING}`);
    expect((await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body.version).toBe(before.version);
    await plain.workflow.getHandle(caseId).terminate('test: a case left failing on purpose');
  }, 60_000);
});
