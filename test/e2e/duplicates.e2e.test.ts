import { idNumberCheckCharacter } from '../../domain/registers/id-number';
import { hukouBody, ORIGIN, OWN } from '../api/support/fixtures';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

/** A second application of the same type for the same ID number is flagged on opening and reviewed before acceptance. */
describe('possible duplicates at opening (over HTTP)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { POSSIBLE_DUPLICATES: 'flag' });
  });
  afterAll(() => sys?.stop());

  const open = async (token: string, body: unknown) => {
    const r = await sys.request('POST', '/cases', { token, body });
    expect({ status: r.status, detail: r.body.detail }).toEqual({ status: 201, detail: undefined });
    return r.body;
  };
  const act = (caseId: string, token: string, action: string, body: unknown = {}) => sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body });

  it('flags the second hukou migration for the same ID number, holds acceptance until reviewed, and records the review', async () => {
    const worker = await sys.token('caseworker', OWN);
    const supervisor = await sys.token('supervisor', OWN);
    const first = await open(worker, hukouBody('window'));
    expect(first.possibleDuplicates).toBeUndefined();
    // The first case is in the case list: the search for duplicates reads it.
    await eventually(
      async () => (await sys.request('GET', `/cases?idNumber=${hukouBody().applicant.idNumber}`, { token: supervisor })).body.items.length === 1,
    );

    const second = await open(worker, hukouBody('window'));
    expect(second.possibleDuplicates).toEqual({
      cases: [{ caseId: first.caseId, receivingOffice: OWN, openedAt: first.openedAt }],
      review: null,
    });
    expect(second.allowedActions).toContain('review-duplicates');
    expect(second.allowedActions).not.toContain('accept');

    const refused = await act(second.caseId, worker, 'accept');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/must be reviewed before you accept/);
    expect((await act(second.caseId, worker, 'review-duplicates', { decision: 'perhaps', reason: 'x' })).status).toBe(400);
    expect((await act(second.caseId, await sys.token('caseworker', ORIGIN), 'review-duplicates', { decision: 'not-duplicate', reason: 'x' })).status).toBe(403);

    const reviewed = await act(second.caseId, worker, 'review-duplicates', { decision: 'not-duplicate', reason: 'a second move for a family member' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.possibleDuplicates.review).toMatchObject({ decision: 'not-duplicate', reason: 'a second move for a family member' });
    expect((await act(second.caseId, worker, 'accept')).status).toBe(200);

    const history = (await sys.request('GET', `/cases/${second.caseId}/history`, { token: supervisor })).body.events.map((e: { type: string }) => e.type);
    expect(history.slice(0, 2)).toEqual(['CaseOpened', 'PossibleDuplicatesFound']);
    expect(history).toEqual(expect.arrayContaining(['DuplicateReviewed', 'CaseAccepted']));
  });

  it('does not flag a case of another type, nor one about another person', async () => {
    const worker = await sys.token('caseworker', OWN);
    const otherPerson = await open(worker, {
      ...hukouBody('window'),
      applicant: { name: '王芳', idNumber: `44010619880101123${idNumberCheckCharacter('44010619880101123')}` },
    });
    expect(otherPerson.possibleDuplicates).toBeUndefined();
    const firstCard = await open(worker, {
      type: 'first-id-card',
      channel: 'window',
      receivingOffice: OWN,
      applicant: { ...hukouBody().applicant, birthDate: '1990-01-01' },
      details: { hukouOffice: OWN, residenceOffice: OWN, delivery: 'pickup' },
    });
    expect(firstCard.possibleDuplicates).toBeUndefined();
  });
});
