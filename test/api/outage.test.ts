import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { openSettled, OWN, portVisaBody } from './support/fixtures';

/**
 * Dependencies go down: the case store (PostgreSQL) and the workflow service (Temporal), each behind a relay
 * that the test cuts. While one is down the API answers 503 with Retry-After, problem+json naming it, within
 * the server-side deadline; the process stays up; once it is back, the same requests succeed again.
 */
describe('dependency outages (server profile)', () => {
  let sys: TestSystem;
  let store: TcpProxy;
  let temporal: TcpProxy;
  let caseworker: string;

  beforeAll(async () => {
    const db = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    const [temporalHost, temporalPort] = process.env.TEMPORAL_ADDRESS!.split(':');
    store = await startTcpProxy({ host: db.hostname, port: Number(db.port || 5432) });
    temporal = await startTcpProxy({ host: temporalHost, port: Number(temporalPort) });
    db.port = String(store.port);
    sys = await startTestSystem('postgres', { DATABASE_URL: db.toString(), TEMPORAL_ADDRESS: `127.0.0.1:${temporal.port}` });
    caseworker = await sys.token('caseworker', OWN);
  }, 120_000);
  afterAll(async () => {
    await store?.restore().catch(() => undefined);
    await temporal?.restore().catch(() => undefined);
    await sys?.stop();
    await store?.close();
    await temporal?.close();
  });

  const expectOutage = (r: { status: number; body: any; headers: Headers }, dependency: string) => {
    expect({ status: r.status, dependency: r.body?.dependency }).toEqual({ status: 503, dependency });
    expect(r.headers.get('retry-after')).toBe('5');
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(r.body)).not.toMatch(/ECONN|terminated|grpc|stack/i);
  };

  it('answers 503 + Retry-After while the case store is down, and serves again once it is back', async () => {
    const caseId = await openSettled(sys, caseworker, portVisaBody());
    const notice = { items: ['return ticket'] };
    await store.cut();
    expectOutage(await sys.request('GET', `/cases/${caseId}`, { token: caseworker }), 'store');
    expectOutage(
      await sys.request('POST', `/cases/${caseId}/actions/request-materials`, {
        token: caseworker,
        body: notice,
        headers: { 'idempotency-key': `req-${caseId}` },
      }),
      'store',
    );
    expect((await sys.request('GET', '/health')).status).toBe(503);
    await store.restore();
    const requested = await eventually(async () => {
      const r = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, {
        token: caseworker,
        body: notice,
        headers: { 'idempotency-key': `req-${caseId}` },
      });
      return r.status === 200 ? r : undefined;
    }, 30_000);
    expect(requested.body.status).toBe('awaiting-materials');
  }, 90_000);

  it('answers 503 + Retry-After within the command deadline while Temporal is down, and the retried command runs once', async () => {
    const caseId = await openSettled(sys, caseworker, portVisaBody());
    const key = { 'idempotency-key': `req-${caseId}` };
    await temporal.cut();
    const started = Date.now();
    const refused = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, { token: caseworker, body: { items: ['ticket'] }, headers: key });
    expect(Date.now() - started).toBeLessThan(10_000 + 1_000); // the command deadline, and the request's own path
    expectOutage(refused, 'temporal');
    await temporal.restore();
    const done = await eventually(async () => {
      const r = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, { token: caseworker, body: { items: ['ticket'] }, headers: key });
      return r.status === 200 ? r : undefined;
    }, 60_000);
    expect(done.body.status).toBe('awaiting-materials');
    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', OWN) })).body.events as { type: string }[];
    expect(history.filter((e) => e.type === 'MaterialsRequested')).toHaveLength(1);
  }, 120_000);
});
