import { startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, OWN, problemDefects, raw } from './support/fixtures';

/**
 * Linked cases over HTTP (docs/domain.md §7.9.3): a parentCaseId the type does not take, or naming no case, is a 422
 * with the reason, and nothing is opened.
 */
describe('linked cases at the boundary', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
  }, 120_000);
  afterAll(() => sys?.stop());

  it('refuses a parentCaseId on a type that links to no case (422), opening nothing', async () => {
    const token = await sys.token('caseworker', OWN, 'cw-links');
    await sys.caughtUp();
    const before = (await sys.request('GET', '/cases', { token })).body.items.length;
    const parentCaseId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const res = await raw(sys, 'POST', '/cases', { token, body: JSON.stringify({ ...hukouBody('window'), parentCaseId }) });
    expect(res.status).toBe(422);
    expect(problemDefects(res)).toEqual([]);
    expect(res.body.detail).toBe('a hukou-migration case is not linked to another case: leave parentCaseId out');
    await sys.caughtUp();
    expect((await sys.request('GET', '/cases', { token })).body.items.length).toBe(before);
  });

  it('refuses a parentCaseId that is not a case id (400)', async () => {
    const token = await sys.token('caseworker', OWN, 'cw-links-2');
    const res = await raw(sys, 'POST', '/cases', { token, body: JSON.stringify({ ...hukouBody('window'), parentCaseId: 'nope' }) });
    expect(res.status).toBe(400);
  });
});
