import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { forgedToken, openEventStream, OWN, problemDefects, raw } from './support/fixtures';

/**
 * Limits per caller (issue 12): requests per window (429 + Retry-After), open alert streams, and a
 * Last-Event-ID that must be one the stream could have sent. Low limits, configured as an operator would.
 */
describe('limits: requests and alert streams per caller', () => {
  const MAX = 10;
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { RATE_LIMIT_MAX: String(MAX), RATE_LIMIT_WINDOW_SECONDS: '60', ALERT_STREAMS_PER_CALLER: '2' });
  }, 120_000);
  afterAll(() => sys?.stop());

  it('answers 429 problem+json with Retry-After once a caller goes over the limit, and only that caller', async () => {
    const busy = await sys.token('supervisor', OWN, 'busy-supervisor');
    const statuses: number[] = [];
    for (let i = 0; i < MAX; i++) statuses.push((await raw(sys, 'GET', '/stats', { token: busy })).status);
    expect(statuses).toEqual(Array(MAX).fill(200));

    const res = await fetch(`${sys.url}/stats`, { headers: { authorization: `Bearer ${busy}` } });
    const body = (await res.json()) as { detail: string };
    expect(res.status).toBe(429);
    expect(problemDefects({ status: res.status, contentType: res.headers.get('content-type') ?? '', body })).toEqual([]);
    expect(body.detail).toMatch(/too many requests: at most 10 per 60 s; retry after \d+ s/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another caller (another token subject) has an allowance of its own; health probes are never limited.
    const other = await sys.token('supervisor', OWN, 'calm-supervisor');
    expect((await raw(sys, 'GET', '/stats', { token: other })).status).toBe(200);
    for (let i = 0; i < MAX + 2; i++) expect((await raw(sys, 'GET', '/health/live')).status).toBe(200);
  });

  it('counts tokens that do not verify against the client address: forging subjects buys no fresh allowance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < MAX + 1; i++) statuses.push((await raw(sys, 'GET', '/stats', { token: await forgedToken() })).status);
    // The caller's address has also sent the unauthenticated health probes above, which are not counted.
    expect(statuses.slice(0, MAX)).toEqual(Array(MAX).fill(401));
    expect(statuses[MAX]).toBe(429);
  });

  it('caps the alert streams a caller keeps open; a closed one frees its place', async () => {
    const monitor = await sys.token('sla-monitor', OWN, 'monitor-with-tabs');
    const first = await openEventStream(`${sys.url}/sla/alerts`, monitor);
    const second = await openEventStream(`${sys.url}/sla/alerts`, monitor);
    try {
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await raw(sys, 'GET', '/sla/alerts', { token: monitor });
      expect(third.status).toBe(429);
      expect(problemDefects(third)).toEqual([]);
      expect(third.body.detail).toMatch(/at most 2 alert streams/);
      // Someone else is not affected.
      const colleague = await openEventStream(`${sys.url}/sla/alerts`, await sys.token('sla-monitor', OWN, 'colleague'));
      expect(colleague.status).toBe(200);
      colleague.close();
    } finally {
      first.close();
    }
    const reopened = await eventually(async () => {
      const s = await openEventStream(`${sys.url}/sla/alerts`, monitor);
      if (s.status === 200) return s;
      s.close();
      return null;
    });
    reopened.close();
    second.close();
  });

  it('refuses a malformed Last-Event-ID with 400 instead of starting anywhere', async () => {
    const monitor = await sys.token('sla-monitor', OWN, 'monitor-resuming');
    for (const id of ['abc', '1-2', '00000000000000000001-0000000000000000000x', '00000000000000000001-00000000000000000001; x', '-1']) {
      const r = await raw(sys, 'GET', '/sla/alerts', { token: monitor, headers: { 'last-event-id': id } });
      expect({ id, status: r.status }).toEqual({ id, status: 400 });
      expect(problemDefects(r)).toEqual([]);
      expect(r.body.detail).toMatch(/Last-Event-ID/);
    }
  });
});
