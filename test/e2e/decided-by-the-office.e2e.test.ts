import { SignJWT } from 'jose';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, ORIGIN, OWN } from '../api/support/fixtures';

/**
 * Issue 11, findings 8 and 12 over HTTP: only the head of the deciding office extends a deadline (403
 * problem+json for any other supervisor); the origin office declines a move-out with a reason (422 without),
 * and the deciding office revokes the permit, which closes the case as revoked.
 */
describe('office heads, declined move-outs and revocation over HTTP (issue 11)', () => {
  let sys: TestSystem;
  let worker: string;
  let origin: string;
  let provincial: string;
  let head: string;

  /** A development token with the officeHead claim, as `npm run token -- --office-head` signs it. */
  const headToken = async (office: string) => {
    if (sys.config.auth.kind !== 'dev') throw new Error('tests run with development tokens');
    return new SignJWT({ roles: ['supervisor'], office, officeHead: true })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`head-${office}`)
      .setIssuer(sys.config.auth.issuer)
      .setAudience(sys.config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(sys.config.auth.secret);
  };

  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    worker = await sys.token('caseworker', OWN);
    origin = await sys.token('caseworker', ORIGIN);
    provincial = await sys.token('supervisor', '440000');
    head = await headToken(OWN);
  }, 120_000);
  afterAll(() => sys?.stop());

  const act = (caseId: string, action: string, body: unknown, token: string) => sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body });

  it('extends only with the head of the deciding office, declines with a reason, and revokes', async () => {
    const body = hukouBody('window');
    // Talent introduction is admitted without points (an eligible case: the decision is not the point here).
    const opened = await sys.request('POST', '/cases', { token: worker, body: { ...body, details: { ...body.details, category: 'talent' } } });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records.length >= 2);
    expect((await act(caseId, 'accept', {}, worker)).status).toBe(200);

    const byProvince = await act(caseId, 'extend-deadline', { workingDays: 5, reason: 'points audit' }, provincial);
    expect(byProvince.status).toBe(403);
    expect(byProvince.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(byProvince.body.detail).toMatch(/only the head of office 440106/);
    const extended = await act(caseId, 'extend-deadline', { workingDays: 5, reason: 'points audit' }, head);
    expect(extended.status).toBe(200);

    const approved = await act(caseId, 'approve', {}, worker);
    expect({ status: approved.status, detail: approved.body.detail }).toEqual({ status: 200, detail: undefined });
    const noReason = await act(caseId, 'decline-move-out', {}, origin);
    expect(noReason.status).toBe(422);
    expect(noReason.body.detail).toMatch(/needs a reason/);
    const declined = await act(caseId, 'decline-move-out', { reason: 'an obstacle to the move-out' }, origin);
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('approved');

    const revoked = await act(caseId, 'revoke', { reason: 'the origin office declined the move-out', legalBasis: '行政许可法 第六十九条' }, head);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', closedAt: expect.any(String) });
    expect(revoked.body.documents[0]).toMatchObject({ kind: 'move-in-permit', revoked: true });
    expect((await act(caseId, 'register-settlement', {}, worker)).status).toBe(409);
  }, 90_000);
});
