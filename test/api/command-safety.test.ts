import { startTestSystem, type TestSystem } from '../support/system';
import { openSettled, OWN, portVisaBody } from './support/fixtures';

/**
 * A command is one caller's request: an Idempotency-Key deduplicates that caller's retries, never another
 * caller's command; a command racing the close of its case is told what happened (409), not that the
 * case does not exist; and a string the store cannot keep is refused at the door, never held in a case.
 */
describe('command safety (server profile)', () => {
  let sys: TestSystem;
  let officerA: string;
  let officerB: string;
  let supervisor: string;

  beforeAll(async () => {
    sys = await startTestSystem('postgres');
    officerA = await sys.token('caseworker', OWN, 'officer-a');
    officerB = await sys.token('caseworker', OWN, 'officer-b');
    supervisor = await sys.token('supervisor', OWN);
  }, 120_000);
  afterAll(() => sys?.stop());

  const types = async (caseId: string) =>
    ((await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as { type: string }[]).map((e) => e.type);

  it("runs another caller's command under the same Idempotency-Key instead of answering with the first one's result", async () => {
    const caseId = await openSettled(sys, officerA, portVisaBody());
    const key = { 'idempotency-key': `shared-${caseId}` };
    const assigned = await sys.request('POST', `/cases/${caseId}/actions/assign`, { token: officerA, body: { assignee: 'officer-a' }, headers: key });
    expect(assigned.status).toBe(200);
    const notice = { items: ['return ticket'] };
    const requested = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, { token: officerB, body: notice, headers: key });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('awaiting-materials');
    expect(await types(caseId)).toEqual(expect.arrayContaining(['CaseAssigned', 'MaterialsRequested']));
    // The same caller retrying with the same key still gets the first answer and changes nothing.
    const before = (await types(caseId)).length;
    const retried = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, { token: officerB, body: notice, headers: key });
    expect(retried.status).toBe(200);
    expect((await types(caseId)).length).toBe(before);
  });

  it('answers 409, never 404, to the loser of two approvals racing to close a case', async () => {
    const caseId = await openSettled(sys, officerA, portVisaBody()); // accepted at lodging
    const [first, second] = await Promise.all([
      sys.request('POST', `/cases/${caseId}/actions/approve`, { token: officerA, body: {} }),
      sys.request('POST', `/cases/${caseId}/actions/approve`, { token: officerB, body: {} }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await types(caseId)).filter((t) => t === 'CaseApproved')).toHaveLength(1);
  });

  it.each([
    ['a NUL', 'Anna\u0000Schmidt'],
    ['an unpaired surrogate', 'Anna \ud800Schmidt'],
  ])('refuses %s in a body or query with 400 at once, naming where but not echoing it, and changes nothing', async (_label, bad) => {
    const body = portVisaBody();
    body.applicant.name = bad;
    const started = Date.now();
    const opened = await sys.request('POST', '/cases', { token: officerA, body, headers: { 'idempotency-key': `bad-${bad.length}-${Date.now()}` } });
    expect(opened.status).toBe(400);
    expect(opened.body.detail).toMatch(/cannot be stored .* at applicant\.name/);
    expect(JSON.stringify(opened.body)).not.toContain('Schmidt');

    const caseId = await openSettled(sys, officerA, portVisaBody());
    const version = (await sys.request('GET', `/cases/${caseId}`, { token: officerA })).body.version;
    const action = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, { token: officerA, body: { items: [bad] } });
    expect(action.status).toBe(400);
    expect(action.body.detail).toMatch(/at items\.0/);
    // A URL carries no unpaired surrogate (it is UTF-8), but a NUL it can.
    const listed = await sys.request('GET', `/cases?office=${OWN}&cursor=abc%00`, { token: officerA });
    expect(listed.status).toBe(400);
    expect(listed.body.detail).toMatch(/query .*cannot be stored .* at cursor/);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing held the case: another caseworker acts at once, on the version before the refusal.
    const requested = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, { token: officerB, body: { items: ['return ticket'] } });
    expect(requested.status).toBe(200);
    expect(requested.body.version).toBeGreaterThan(version);
  });
});
