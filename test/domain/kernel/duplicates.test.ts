import {
  allowedActions,
  checkNewOpening,
  decideOpen,
  decideTaskResult,
  decideTimers,
  fold,
  multiEntryVisa,
  nextTimer,
  pendingTasks,
  policyFor,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PossibleDuplicate,
} from '../../../domain';
import { caseworker, given, testEnv, multiEntryVisaAt } from '../support/given';

const OFFICE = '440106';
const openedAt = '2026-11-25T02:00:00.000Z';
const worker = caseworker(OFFICE);
const input: OpenCaseInput = multiEntryVisaAt(OFFICE);

const other: PossibleDuplicate = { caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', receivingOffice: '310101', openedAt: '2026-11-20T02:00:00.000Z' };

function lodged(possibleDuplicates?: PossibleDuplicate[]): CaseEvent[] {
  const events = decideOpen(multiEntryVisa, checkNewOpening(multiEntryVisa, input, openedAt), {
    caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    actor: worker,
    at: openedAt,
    policy: policyFor(multiEntryVisa),
    ...testEnv,
    possibleDuplicates,
  });
  const s = fold(multiEntryVisa, events) as CaseState;
  const checks = pendingTasks(multiEntryVisa, s).flatMap((t) =>
    decideTaskResult(multiEntryVisa, s, t, { ok: true, value: { ok: true, detail: 'found' } }, openedAt, testEnv),
  );
  return [...events, ...checks];
}

describe('possible duplicates at opening', () => {
  it('records the other open cases of the same person with the opening, and shows them unreviewed', () => {
    const events = lodged([other]);
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(['CaseOpened', 'PossibleDuplicatesFound']);
    expect((fold(multiEntryVisa, events) as CaseState).duplicates).toEqual({ cases: [other], review: null });
  });

  it('records nothing when there are none, and then there is nothing to review (409)', () => {
    const events = lodged([]);
    expect(events.map((e) => e.type)).not.toContain('PossibleDuplicatesFound');
    given(multiEntryVisa, events)
      .when(worker, 'review-duplicates', { decision: 'not-duplicate', reason: 'x' })
      .thenFails('conflict', /no possible duplicate/);
  });

  it('holds acceptance until a caseworker of the case reviews them; a not-duplicate review lets it go on', () => {
    const events = lodged([other]);
    given(multiEntryVisa, events)
      .when(worker, 'accept', {})
      .thenFails('conflict', /must be reviewed before you accept/);
    given(multiEntryVisa, events)
      .when(caseworker('310101'), 'review-duplicates', { decision: 'not-duplicate', reason: 'x' })
      .thenFails('forbidden', /only a caseworker of office 440106/);
    given(multiEntryVisa, events).when(worker, 'review-duplicates', { decision: 'maybe', reason: 'x' }).thenFails('invalid');
    const reviewed = given(multiEntryVisa, events)
      .when(worker, 'review-duplicates', { decision: 'not-duplicate', reason: 'the other case is a study visa' })
      .then([{ type: 'DuplicateReviewed', data: { decision: 'not-duplicate', reason: 'the other case is a study visa' } }]);
    const after = given(multiEntryVisa, [...events, ...reviewed]);
    expect(after.state().duplicates?.review).toMatchObject({ decision: 'not-duplicate' });
    expect(allowedActions(multiEntryVisa, after.state(), worker)).toContain('accept');
    expect(allowedActions(multiEntryVisa, after.state(), worker)).not.toContain('review-duplicates');
    after.when(worker, 'review-duplicates', { decision: 'duplicate', reason: 'x' }).thenFails('conflict', /already reviewed/);
  });

  it('a duplicate may not be accepted: it is refused acceptance or withdrawn', () => {
    const events = lodged([other]);
    const reviewed = given(multiEntryVisa, events)
      .when(worker, 'review-duplicates', { decision: 'duplicate', reason: 'lodged twice' })
      .then([{ type: 'DuplicateReviewed' }]);
    const after = given(multiEntryVisa, [...events, ...reviewed]);
    after.when(worker, 'accept', {}).thenFails('conflict', /reviewed as a duplicate of 7c9e6679/);
    after.when(worker, 'refuse-acceptance', { reason: 'the same application is open at 310101' }).then([{ type: 'AcceptanceRefused' }]);
  });

  it('deemed acceptance still runs (行政许可法 art 32(4)), and the review then blocks approval', () => {
    let events = lodged([other]);
    let s = fold(multiEntryVisa, events) as CaseState;
    // Let the completeness deadline pass: the case is deemed accepted although nobody reviewed.
    for (let i = 0; i < 10 && s.status === 'submitted'; i++) {
      const due = nextTimer(s)!;
      const fired = decideTimers(multiEntryVisa, s, due.transition.at, testEnv);
      events = [...events, ...fired];
      s = fold(multiEntryVisa, events) as CaseState;
    }
    expect(s.status).toBe('accepted');
    expect(events.map((e) => e.type)).toContain('CaseDeemedAccepted');
    given(multiEntryVisa, events)
      .when(worker, 'approve', {})
      .thenFails('conflict', /must be reviewed before you approve/);
    const reviewed = given(multiEntryVisa, events)
      .when(worker, 'review-duplicates', { decision: 'not-duplicate', reason: 'different visa' })
      .then([{ type: 'DuplicateReviewed' }]);
    given(multiEntryVisa, [...events, ...reviewed])
      .when(worker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'VisaIssued' }, { type: 'CaseCompleted' }]);
  });
});
