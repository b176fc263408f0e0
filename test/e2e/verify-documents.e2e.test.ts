import { hukouBody, OWN } from '../api/support/fixtures';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

/** Documents verified over HTTP by anyone holding them: no login, no personal data, a low rate limit of its own. */
describe('verifying issued documents (GET /verify/{number}?code=)', () => {
  let sys: TestSystem;
  const VERIFY_MAX = 60;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { VERIFY_RATE_LIMIT_MAX: String(VERIFY_MAX) });
  });
  afterAll(() => sys?.stop());

  const verify = (number: string, code: string) => sys.request('GET', `/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`);
  /** Polls, gently, until the verification register has caught up with the case. */
  const verified = (number: string, code: string, status: string) =>
    eventually(async () => {
      const r = await verify(number, code);
      if (r.body.status === status) return r;
      await new Promise((done) => setTimeout(done, 400));
      return null;
    });

  let permit: { number: string; verificationCode: string };
  let receipt: { number: string; verificationCode: string };
  let caseId: string;

  it('answers valid for a permit and an acceptance receipt, with kind, issuing office and dates only', async () => {
    const worker = await sys.token('caseworker', OWN);
    // Talent is admitted without points (the fixture's home purchase falls short of Guangzhou's pass mark).
    const body = { ...hukouBody('window'), details: { ...hukouBody().details, category: 'talent' } };
    const opened = await sys.request('POST', '/cases', { token: worker, body });
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    const accepted = await sys.request('POST', `/cases/${caseId}/actions/accept`, { token: worker, body: {} });
    receipt = accepted.body.receipts[0];
    expect(receipt.verificationCode).toMatch(/^[0-9A-Z]{10}$/);
    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records.length >= 2);
    const approved = await sys.request('POST', `/cases/${caseId}/actions/approve`, { token: worker, body: {} });
    expect({ status: approved.status, detail: approved.body.detail }).toEqual({ status: 200, detail: undefined });
    permit = approved.body.documents.find((d: { kind: string }) => d.kind === 'move-in-permit');
    expect(permit.verificationCode).toMatch(/^[0-9A-Z]{10}$/);

    const r = await verified(permit.number, permit.verificationCode, 'valid');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['issuedAt', 'issuingOffice', 'kind', 'status']);
    expect(r.body).toMatchObject({ status: 'valid', kind: 'move-in-permit', issuingOffice: OWN });
    expect(Date.parse(r.body.issuedAt)).toBeGreaterThan(Date.now() - 600_000);
    // Nothing of the person: no name, no ID number, no case id.
    const text = JSON.stringify(r.body);
    for (const secret of [hukouBody().applicant.name, hukouBody().applicant.idNumber, caseId]) expect(text).not.toContain(secret);

    // Codes are typed from paper: lower case is the same code.
    expect((await verify(receipt.number, receipt.verificationCode.toLowerCase())).body).toMatchObject({
      status: 'valid',
      kind: 'acceptance-receipt',
      issuingOffice: OWN,
    });
  });

  it('answers unknown for a wrong code exactly as for a number never issued', async () => {
    const wrongCode = permit.verificationCode.startsWith('0') ? `1${permit.verificationCode.slice(1)}` : `0${permit.verificationCode.slice(1)}`;
    const wrong = await verify(permit.number, wrongCode);
    const never = await verify('ZQ-440106-00000000-NOPE', permit.verificationCode);
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({ status: 'unknown' });
    expect(never.body).toEqual(wrong.body);
  });

  it('refuses a malformed number or code with a problem naming what to fix, and needs the code', async () => {
    for (const path of [`/verify/${permit.number}`, `/verify/${permit.number}?code=short`, `/verify/bad%20number?code=${permit.verificationCode}`]) {
      const r = await sys.request('GET', path);
      expect({ path, status: r.status, type: r.headers.get('content-type') }).toEqual({ path, status: 400, type: expect.stringMatching(/problem\+json/) });
      expect(r.body.errors.length).toBeGreaterThan(0);
    }
  });

  it('answers revoked once the deciding office revokes the decision', async () => {
    const boss = await sys.token('supervisor', OWN);
    const revoked = await sys.request('POST', `/cases/${caseId}/actions/revoke`, {
      token: boss,
      body: { reason: 'the property deed was forged', legalBasis: '行政许可法 第六十九条' },
    });
    expect(revoked.body.status).toBe('revoked');
    const r = await verified(permit.number, permit.verificationCode, 'revoked');
    expect(r.body).toMatchObject({ status: 'revoked', kind: 'move-in-permit', issuingOffice: OWN });
    expect(Date.parse(r.body.revokedAt)).toBeGreaterThanOrEqual(Date.parse(r.body.issuedAt));
  });

  it('slows down whoever guesses codes: 429 with Retry-After past the limit, whatever token they send', async () => {
    let last = 200;
    for (let i = 0; i < VERIFY_MAX + 1 && last !== 429; i++) last = (await verify(permit.number, 'AAAAAAAAAA')).status;
    expect(last).toBe(429);
    const limited = await verify(permit.number, permit.verificationCode);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit is the route's own: the rest of the API still answers the same caller.
    expect((await sys.request('GET', `/cases/${caseId}`, { token: await sys.token('supervisor', OWN) })).status).toBe(200);
  });
});
