import { SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, openSettled, OWN, problemDefects, raw } from './support/fixtures';

/**
 * Headers and input at the door (issue 12): security headers, no caching of personal data, JSON bodies
 * only, correlation ids checked, hidden characters refused, the embedded profile on loopback.
 */
describe('hardening: headers and input', () => {
  let sys: TestSystem;
  let caseworker: string;
  let supervisor: string;
  let caseId: string;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    caseworker = await sys.token('caseworker', OWN);
    supervisor = await sys.token('supervisor', OWN);
    caseId = await openSettled(sys, caseworker, hukouBody('window'));
  }, 120_000);
  afterAll(() => sys?.stop());

  it('sends security headers and Cache-Control: no-store on every answer about cases', async () => {
    const routes = [
      `/cases/${caseId}`,
      `/cases?office=${OWN}`,
      `/cases/${caseId}/history`,
      `/cases/${caseId}/state?version=1`,
      `/queues/${OWN}`,
      '/sla/board',
      `/cases/00000000-0000-4000-8000-000000000000`, // an error answer too
    ];
    for (const path of routes) {
      const res = await fetch(sys.url + path, { headers: { authorization: `Bearer ${supervisor}` } });
      await res.arrayBuffer();
      expect({ path, cache: res.headers.get('cache-control') }).toEqual({ path, cache: 'no-store' });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('takes JSON bodies only: a form-encoded or XML body is a 415 problem and opens nothing', async () => {
    await sys.caughtUp();
    const before = (await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length;
    for (const [contentType, body] of [
      ['application/x-www-form-urlencoded', 'type=hukou-migration&channel=window'],
      ['application/xml', '<case/>'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nhukou-migration\r\n--x--'],
      ['text/plain', JSON.stringify(hukouBody('window'))],
    ]) {
      const r = await raw(sys, 'POST', '/cases', { token: caseworker, body, contentType });
      expect({ contentType, status: r.status }).toEqual({ contentType, status: 415 });
      expect(problemDefects(r)).toEqual([]);
      expect(r.body.detail).toMatch(/application\/json/);
    }
    await sys.caughtUp();
    expect((await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length).toBe(before);
  });

  it('says what is wrong with a body that is not JSON, never quoting it back, and opens nothing', async () => {
    await sys.caughtUp();
    const before = (await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length;
    // JSON.parse's own messages quote the body around the error: a name or an ID number would come back in the answer.
    const name = '张三丰';
    const idNumber = '440105199001011234';
    for (const [what, body, detail] of [
      ['a bare word', `{"applicant":{"idNumber":"${idNumber}","name": ${name}}}`, /^the request body is not valid JSON: unexpected character$/],
      ['a missing comma', `{"applicant":{"idNumber":"${idNumber}" "name":"${name}"}}`, /^the request body is not valid JSON: .* at position \d+$/],
      ['cut short', `{"applicant":{"idNumber":"${idNumber}","name":`, /^the request body is not valid JSON: it ends too early$/],
      ['a string not closed', `{"applicant":{"idNumber":"${idNumber}`, /^the request body is not valid JSON: unterminated string at position \d+$/],
      ['a word before it', `X{"applicant":{"idNumber":"${idNumber}"}}`, /^the request body is not valid JSON: unexpected character$/],
      ['empty', '', /^the request body is empty: send a JSON document$/],
      ['a forbidden key', '{"__proto__":{"admin":true}}', /^the request body holds a key that is not allowed \(__proto__ or constructor\.prototype\)$/],
    ]) {
      const r = await raw(sys, 'POST', '/cases', { token: caseworker, body: body as string, contentType: 'application/json' });
      expect({ what, status: r.status, defects: problemDefects(r) }).toEqual({ what, status: 400, defects: [] });
      expect({ what, detail: r.body.detail }).toEqual({ what, detail: expect.stringMatching(detail) });
      expect(JSON.stringify(r.body)).not.toMatch(new RegExp(`${name}|${idNumber}|idNumbe`));
    }
    const huge = await raw(sys, 'POST', '/cases', { token: caseworker, body: JSON.stringify({ padding: 'x'.repeat(70 * 1024) }) });
    expect({ status: huge.status, detail: huge.body.detail }).toEqual({ status: 413, detail: 'the request body is larger than 64 KiB' });
    await sys.caughtUp();
    expect((await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length).toBe(before);
  });

  it('keeps a sane caller correlation id and replaces anything else with a generated one', async () => {
    const sane = await fetch(`${sys.url}/health/live`, { headers: { 'x-correlation-id': 'desk-7:req.42' } });
    expect(sane.headers.get('x-correlation-id')).toBe('desk-7:req.42');
    for (const bad of ['a b', 'x'.repeat(129), '<script>', 'id\u00e9', 'line%0Abreak']) {
      const res = await fetch(`${sys.url}/health/live`, { headers: { 'x-correlation-id': bad } });
      const given = res.headers.get('x-correlation-id');
      expect(given).not.toBe(bad);
      expect(given).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('refuses control and bidirectional characters in names and free text, and opens nothing', async () => {
    await sys.caughtUp();
    const before = (await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length;
    const withName = (name: string) => ({ ...hukouBody('window'), applicant: { ...hukouBody('window').applicant, name } });
    const cases: [string, unknown, string][] = [
      ['right-to-left override in the name', withName('张\u202E三'), 'U+202E'],
      ['isolate in the name', withName('\u2066张三\u2069'), 'U+2066'],
      ['escape in the name', withName('张\u001b[31m三'), 'U+001B'],
      ['line break in the name', withName('张\n三'), 'U+000A'],
      ['bell in a material', { ...hukouBody('window'), materials: ['deed\u0007'] }, 'U+0007'],
      ['C1 control in details', { ...hukouBody('window'), details: { ...hukouBody('window').details, category: 'home\u0085purchase' } }, 'U+0085'],
    ];
    for (const [what, body, code] of cases) {
      const r = await raw(sys, 'POST', '/cases', { token: caseworker, body: JSON.stringify(body) });
      expect({ what, status: r.status }).toEqual({ what, status: 400 });
      expect(problemDefects(r)).toEqual([]);
      expect(r.body.detail).toContain(code);
    }
    // A reason with a line break is still fine: free text may run over lines.
    const reason = await sys.request('POST', `/cases/${caseId}/actions/refuse-acceptance`, {
      token: caseworker,
      body: { reason: 'bidi \u202E in a reason' },
    });
    expect(reason.status).toBe(400);
    await sys.caughtUp();
    expect((await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length).toBe(before);
    const multiLine = await sys.request('POST', `/cases/${caseId}/actions/refuse-acceptance`, {
      token: caseworker,
      body: { reason: 'materials incomplete:\n- no deed' },
    });
    expect(multiLine.status).toBe(200);
  });

  it('listens on 127.0.0.1 only in the embedded profile: another address of the machine is refused', async () => {
    expect(sys.config.host).toBeUndefined();
    const port = new URL(sys.url).port;
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    // 127.0.0.2 reaches this machine too (all of 127/8 is loopback): a server bound to 0.0.0.0 would answer there.
    await expect(fetch(`http://127.0.0.2:${port}/health/live`)).rejects.toThrow();
  });

  // Tokens (issue 12): each defect answered 401 with its own reason, at the door as in the verifier's unit test.
  it('answers a bad token 401 with its precise reason: no expiry, expired, another audience or issuer, too long-lived', async () => {
    if (sys.config.auth.kind !== 'dev') throw new Error('tests run with development tokens');
    const { secret, issuer, audience } = sys.config.auth;
    const now = Math.floor(Date.now() / 1000);
    const token = (set: { exp?: number; iat?: number; aud?: string; iss?: string }) => {
      const jwt = new SignJWT({ roles: ['caseworker'], office: OWN }).setProtectedHeader({ alg: 'HS256' }).setSubject('officer-tokens');
      jwt
        .setIssuer(set.iss ?? issuer)
        .setAudience(set.aud ?? audience)
        .setIssuedAt(set.iat ?? now);
      if (set.exp !== undefined) jwt.setExpirationTime(set.exp);
      return jwt.sign(secret);
    };
    const cases: [string, Promise<string>, RegExp][] = [
      ['no expiry', token({}), /^the token has no expiry/],
      ['expired', token({ iat: now - 7200, exp: now - 3600 }), /^the token has expired/],
      ['audience', token({ exp: now + 600, aud: 'another-service' }), /audience/],
      ['issuer', token({ exp: now + 600, iss: 'someone-else' }), /issuer/],
      ['lifetime', token({ exp: now + 13 * 3600 }), /lifetime|longer|at most/],
    ];
    const details: string[] = [];
    for (const [what, signed, reason] of cases) {
      const r = await raw(sys, 'GET', '/cases', { token: await signed });
      expect({ what, status: r.status, defects: problemDefects(r) }).toEqual({ what, status: 401, defects: [] });
      expect({ what, detail: r.body.detail }).toEqual({ what, detail: expect.stringMatching(reason) });
      details.push(r.body.detail);
    }
    // Each defect has its own reason: a wrong audience or issuer is never reported as expired.
    expect(new Set(details).size).toBe(details.length);
    expect(details.filter((d) => /expired/.test(d))).toHaveLength(1);
  });
});
