import { SignJWT } from 'jose';
import { idFromKey } from '../../apps/api/idempotency/idempotency';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, APPLICANT_NAME, hukouBody, openEventStream, openSettled, OTHER_OFFICE, OWN, portVisaBody, readEventStream } from './support/fixtures';

/**
 * Personal data only where it belongs (issue 12): what an SLA monitor's views leave out, alert streams
 * that end with their token and never replay the whole log by accident, and idempotent replays that are
 * authorized like the request itself. The embedded profile, with business time 100 000 times faster so
 * that a port visa's decision clock runs out (SLA events) within a second.
 */
describe('privacy: masking, alert streams, idempotent replays', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { SLA_TIME_SCALE: '100000' });
  }, 120_000);
  afterAll(() => sys?.stop());

  /** A token of the test system's issuer that expires in `seconds`. */
  const shortLived = (role: string, office: string, seconds: number) => {
    if (sys.config.auth.kind !== 'dev') throw new Error('tests run with development tokens');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: [role], office })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`${role}-short`)
      .setIssuer(sys.config.auth.issuer)
      .setAudience(sys.config.auth.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(sys.config.auth.secret);
  };

  it('shows an SLA monitor clocks, not people: no identifier in records, documents, receipts or the assignee, in the view and the list', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-zhou');
    const monitor = await sys.token('sla-monitor', OWN);

    // A hukou case refused at acceptance (a receipt), assigned; a port visa approved (a document).
    const hukou = await openSettled(sys, caseworker, hukouBody('window'));
    expect((await sys.request('POST', `/cases/${hukou}/actions/assign`, { token: caseworker, body: { assignee: 'officer-zhou' } })).status).toBe(200);
    const refused = await sys.request('POST', `/cases/${hukou}/actions/refuse-acceptance`, { token: caseworker, body: { reason: 'materials incomplete' } });
    expect(refused.status).toBe(200);
    const visa = await openSettled(sys, caseworker, portVisaBody());
    const approved = await sys.request('POST', `/cases/${visa}/actions/approve`, { token: caseworker, body: {} });
    expect(approved.status).toBe(200);

    // What the caseworker sees: the identifiers the monitor must not.
    const full = { hukou: (await sys.request('GET', `/cases/${hukou}`, { token: caseworker })).body, visa: approved.body };
    expect(JSON.stringify(full.hukou.records)).toContain(APPLICANT_ID);
    expect(full.hukou.receipts[0].number).toMatch(/\S/);
    expect(full.hukou.assignee).toBe('officer-zhou');
    expect(full.visa.documents[0].number).toMatch(/\S/);
    const secrets = [
      APPLICANT_ID,
      APPLICANT_ID.slice(6, 14), // the birth date and sequence, the part a partial mask hides
      APPLICANT_NAME,
      'C01X00T47',
      '01X00T47',
      'Anna',
      'Schmidt',
      'officer-zhou',
      full.hukou.receipts[0].number,
      full.visa.documents[0].number,
      ...full.hukou.records.map((r: any) => r.detail),
      ...full.visa.records.map((r: any) => r.detail),
    ];

    await eventually(async () => {
      const list = await sys.request('GET', `/cases?office=${OWN}`, { token: monitor });
      return [hukou, visa].every((id) => list.body.items.some((c: any) => c.caseId === id && c.status === (id === hukou ? 'not-accepted' : 'completed')));
    });
    const views = [
      (await sys.request('GET', `/cases/${hukou}`, { token: monitor })).body,
      (await sys.request('GET', `/cases/${visa}`, { token: monitor })).body,
      (await sys.request('GET', `/cases?office=${OWN}`, { token: monitor })).body,
    ];
    for (const view of views) {
      const text = JSON.stringify(view);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }

    // What a monitor needs stays: type, status, step, offices, clocks, versions, which checks ran and how.
    const [h, v] = views;
    for (const [masked, original] of [
      [h, full.hukou],
      [v, full.visa],
    ]) {
      for (const field of ['type', 'status', 'step', 'receivingOffice', 'handlingOffice', 'involvedOffices', 'version', 'openedAt', 'closedAt', 'sla'])
        expect(masked[field]).toEqual(original[field]);
      expect(masked.records.map((r: any) => [r.registry, r.ok])).toEqual(original.records.map((r: any) => [r.registry, r.ok]));
      expect(masked.assignee).toBeNull();
    }
    expect(h.receipts.map((r: any) => r.kind)).toEqual(['refusal']);
    expect(v.documents.map((d: any) => d.kind)).toEqual(full.visa.documents.map((d: any) => d.kind));
    const listed = views[2].items.find((c: any) => c.caseId === hukou);
    expect(listed.records.every((r: any) => r.subject === '' && r.detail === '')).toBe(true);
  }, 90_000);

  it('ends an alert stream when its token expires', async () => {
    const token = await shortLived('sla-monitor', OWN, 3);
    const started = Date.now();
    const stream = await readEventStream(`${sys.url}/sla/alerts`, token, () => false, 15_000);
    expect(stream.status).toBe(200);
    // Closed by the server at exp (3 s), long before the client would give up (15 s).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stream.received).toMatch(/event: token-expired/);
  }, 30_000);

  it('treats an empty Last-Event-ID as absent: from now on, not every alert since the start of the log', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-wu');
    const monitor = await sys.token('sla-monitor', OWN);
    const supervisor = await sys.token('supervisor', OWN);
    const caseId = await openSettled(sys, caseworker, portVisaBody());
    // The decision clock runs out: its SLA events are in the log before the stream connects.
    await eventually(async () => {
      const history = await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor });
      return history.body.events.some((e: any) => e.type === 'SlaDeadlinePassed');
    });
    // Closed, so its clocks stop: every alert of this case is in the log before the streams connect (a running
    // breached clock would keep escalating, and those live alerts are rightly sent).
    const withdrawn = await sys.request('POST', `/cases/${caseId}/actions/withdraw`, { token: caseworker, body: { reason: 'travel cancelled' } });
    expect(withdrawn.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));

    const empty = await openEventStream(`${sys.url}/sla/alerts`, monitor, { 'last-event-id': '' });
    const blank = await openEventStream(`${sys.url}/sla/alerts`, monitor, { 'last-event-id': '  ' });
    try {
      expect(empty.status).toBe(200);
      expect(blank.status).toBe(200);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(empty.messages.filter((m) => m.data.caseId === caseId)).toEqual([]);
      expect(blank.messages.filter((m) => m.data.caseId === caseId)).toEqual([]);
    } finally {
      empty.close();
      blank.close();
    }
  }, 60_000);

  it('authorizes a replayed Idempotency-Key as the request itself: moved to another office, no old case view', async () => {
    const atOwn = await sys.token('caseworker', OWN, 'officer-he');
    const key = `privacy-replay-${Date.now()}`;
    const opened = await sys.request('POST', '/cases', { token: atOwn, body: hukouBody('window'), headers: { 'idempotency-key': key } });
    expect(opened.status).toBe(201);
    expect(opened.body.caseId).toBe(idFromKey('officer-he', key));
    const actionKey = `${key}-assign`;
    const assigned = await sys.request('POST', `/cases/${opened.body.caseId}/actions/assign`, {
      token: atOwn,
      body: { assignee: 'officer-he' },
      headers: { 'idempotency-key': actionKey },
    });
    expect(assigned.status).toBe(200);

    // Still at the office: the replay is the stored answer.
    const again = await sys.request('POST', '/cases', { token: atOwn, body: hukouBody('window'), headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(opened.body);

    // The same person, now at another office: the replays are refused as a read of the case would be.
    const moved = await sys.token('caseworker', OTHER_OFFICE, 'officer-he');
    const replays = [
      await sys.request('POST', '/cases', { token: moved, body: hukouBody('window'), headers: { 'idempotency-key': key } }),
      await sys.request('POST', `/cases/${opened.body.caseId}/actions/assign`, {
        token: moved,
        body: { assignee: 'officer-he' },
        headers: { 'idempotency-key': actionKey },
      }),
    ];
    for (const r of replays) {
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(r.body)).not.toContain(APPLICANT_ID);
      expect(JSON.stringify(r.body)).not.toContain(APPLICANT_NAME);
    }
  }, 60_000);
});
