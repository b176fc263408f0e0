import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { parseSealingKeys, SealingCodec, SEALED_ENCODING } from '../../apps/runtime/sealing/payload-sealing';
import { startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, hukouBody, openSettled, OWN, problemDefects, raw } from './support/fixtures';

/**
 * The codec server for the Temporal UI (issue 12): supervisors open the sealed payloads of a case's
 * history through POST /codec/decode (Temporal's remote codec protocol), called from the configured UI
 * origins only; nobody may seal through it; every call is in the access log.
 */
describe('codec server for the Temporal UI', () => {
  const UI = 'http://temporal-ui.internal:8080';
  let sys: TestSystem;
  let plain: Client;
  let sealed: { metadata: Record<string, string>; data: string }[];
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { CODEC_CORS_ORIGINS: UI });
    plain = new Client({ connection: await Connection.connect({ address: sys.config.temporal.address }), namespace: sys.config.temporal.namespace });
    const caseId = await openSettled(sys, await sys.token('caseworker', OWN), hukouBody('window'));
    // What the UI holds: the history's payloads as Temporal stores them, in proto3 JSON.
    const history = await plain.workflow.getHandle(caseId).fetchHistory();
    const json = temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, { bytes: String });
    sealed = [];
    const walk = (v: unknown) => {
      if (!v || typeof v !== 'object') return;
      const o = v as { metadata?: Record<string, string>; data?: string };
      if (o.metadata && typeof o.data === 'string' && Buffer.from(o.metadata.encoding ?? '', 'base64').toString() === SEALED_ENCODING) {
        sealed.push({ metadata: o.metadata, data: o.data });
        return;
      }
      for (const c of Object.values(o)) walk(c);
    };
    walk(json);
  }, 120_000);
  afterAll(async () => {
    await plain?.connection.close();
    await sys?.stop();
  });

  const decode = async (token: string | undefined, payloads: unknown, origin?: string) =>
    raw(sys, 'POST', '/codec/decode', { token, body: JSON.stringify({ payloads }), headers: { 'x-namespace': 'default', ...(origin ? { origin } : {}) } });
  const texts = (payloads: { data: string }[]) => payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');

  it('opens the sealed payloads of a case’s history for a supervisor', async () => {
    expect(sealed.length).toBeGreaterThan(2);
    expect(texts(sealed)).not.toContain(APPLICANT_ID);
    const r = await decode(await sys.token('supervisor', OWN, 'supervisor-ui'), sealed);
    expect(r.status).toBe(200);
    const opened = r.body.payloads as { metadata: Record<string, string>; data: string }[];
    expect(opened).toHaveLength(sealed.length);
    expect(opened.every((p) => Buffer.from(p.metadata.encoding, 'base64').toString() !== SEALED_ENCODING)).toBe(true);
    expect(texts(opened)).toContain(APPLICANT_ID);
  });

  it('hands back as they came the payloads it cannot open: unsealed ones, and ones sealed with another key', async () => {
    const other = new SealingCodec(parseSealingKeys(`elsewhere=${Buffer.alloc(32, 9).toString('base64')}`, 'test'));
    const [foreign] = await other.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(`"${APPLICANT_ID}"`) }]);
    const foreignJson = {
      metadata: { encoding: Buffer.from(foreign.metadata!.encoding).toString('base64'), 'encryption-key-id': Buffer.from('elsewhere').toString('base64') },
      data: Buffer.from(foreign.data!).toString('base64'),
    };
    const unsealed = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"a":1}').toString('base64') };
    const r = await decode(await sys.token('supervisor', OWN), [foreignJson, unsealed, sealed[0]]);
    expect(r.status).toBe(200);
    const out = r.body.payloads;
    expect(out[0]).toEqual(foreignJson);
    expect(out[1]).toEqual(unsealed);
    expect(Buffer.from(out[2].metadata.encoding, 'base64').toString()).not.toBe(SEALED_ENCODING);
  });

  it('is for supervisors only; never seals, for anyone', async () => {
    for (const role of ['caseworker', 'sla-monitor', 'applicant', 'admin'] as const) {
      const r = await decode(await sys.token(role, OWN), sealed.slice(0, 1));
      expect({ role, status: r.status }).toEqual({ role, status: 403 });
      expect(problemDefects(r)).toEqual([]);
    }
    expect((await decode(undefined, sealed.slice(0, 1))).status).toBe(401);
    const encode = await raw(sys, 'POST', '/codec/encode', {
      token: await sys.token('supervisor', OWN),
      body: JSON.stringify({
        payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{}').toString('base64') }],
      }),
    });
    expect(encode.status).toBe(403);
    expect(encode.body.detail).toMatch(/through the API/);
    expect(problemDefects(encode)).toEqual([]);
    for (const payloads of ['nope', [{ data: 'not base64!' }], [{ metadata: { encoding: 1 } }], [{ data: '', extra: true }]]) {
      const r = await decode(await sys.token('supervisor', OWN), payloads);
      expect({ payloads, status: r.status }).toEqual({ payloads, status: 400 });
      expect(problemDefects(r)).toEqual([]);
    }
  });

  it('answers the Temporal UI’s origin only (CORS), preflight included', async () => {
    const preflight = await fetch(`${sys.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const fromUi = await fetch(`${sys.url}/codec/decode`, {
      method: 'POST',
      headers: { origin: UI, authorization: `Bearer ${await sys.token('supervisor', OWN)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: sealed.slice(0, 1) }),
    });
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI);

    const stranger = 'https://evil.example';
    const strangerPreflight = await fetch(`${sys.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: stranger, 'access-control-request-method': 'POST' },
    });
    expect(strangerPreflight.status).toBe(403);
    expect(strangerPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const fromStranger = await decode(await sys.token('supervisor', OWN), sealed.slice(0, 1), stranger);
    expect(fromStranger.status).toBe(403);
    expect(problemDefects(fromStranger)).toEqual([]);
    // The rest of the API stays same-origin: no CORS headers for the UI's origin there.
    const elsewhere = await fetch(`${sys.url}/cases`, { headers: { origin: UI, authorization: `Bearer ${await sys.token('supervisor', OWN)}` } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts every call in the access log', async () => {
    const supervisor = await sys.token('supervisor', OWN, 'supervisor-decoder');
    expect((await decode(supervisor, sealed.slice(0, 1))).status).toBe(200);
    expect((await decode(await sys.token('caseworker', OWN, 'officer-curious'), sealed.slice(0, 1))).status).toBe(403);
    const log = async (actor: string) =>
      (await raw(sys, 'GET', `/access-log?actor=${actor}`, { token: await sys.token('supervisor', OWN, 'auditor') })).body.items as any[];
    expect((await log('supervisor-decoder')).map((e) => [e.kind, e.caseId, e.route, e.status])).toEqual([['decode', null, 'POST /codec/decode', 200]]);
    expect((await log('officer-curious')).map((e) => [e.kind, e.role, e.route, e.status])).toEqual([['refused', 'caseworker', 'POST /codec/decode', 403]]);
  });
});
