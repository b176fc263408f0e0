import { decideTaskResult, fold, multiEntryVisa, pendingTasks, type CaseEvent, type CaseState, type OpenCaseInput, type TaskOutcome } from '../../../domain';
import { caseworker, given, opened, type LooseEvent, testEnv, multiEntryVisaAt, INVITING_COMPANY } from '../support/given';

/**
 * Issue 11, finding 3: a register that cannot be reached is not a negative answer (docs/domain.md §1).
 * The check is recorded as `unavailable`; approval waits for an answer instead of calling for a refusal,
 * no refusal may rest on it, and `recheck-records` asks the register again.
 */
const OFFICE = '440106';
const openedAt = '2026-11-25T02:00:00.000Z';
const worker = caseworker(OFFICE);

const input: OpenCaseInput = multiEntryVisaAt(OFFICE);

const lodged = () => opened(multiEntryVisa, input, worker, openedAt);
const stateOf = (events: CaseEvent[]) => fold(multiEntryVisa, events) as CaseState;

/** Answers every pending check: the company register keeps failing (the activity's retries ran out). */
function answered(events: CaseEvent[], companyOutcome: TaskOutcome): CaseEvent[] {
  const s = stateOf(events);
  return pendingTasks(multiEntryVisa, s).flatMap((t) =>
    decideTaskResult(
      multiEntryVisa,
      s,
      t,
      t.key === 'inviting-company' ? companyOutcome : { ok: true, value: { ok: true, detail: 'found' } },
      openedAt,
      testEnv,
    ),
  );
}
const outage: TaskOutcome = { ok: false, error: 'the company register failed: the company register did not answer (transient)' };

/** Lodged, the company register down, accepted by a caseworker. */
function acceptedDuringOutage(): CaseEvent[] {
  const events: CaseEvent[] = [...lodged()];
  events.push(...answered(events, outage));
  events.push(
    ...given(multiEntryVisa, events)
      .when(worker, 'accept', {})
      .then([{ type: 'CaseAccepted' }, { type: 'AcceptanceReceiptIssued' }, { type: 'PassportVerifiedAndReturned' }]),
  );
  return events;
}

describe('register outage (issue 11, finding 3)', () => {
  it('given a register that keeps failing, when the check gives up, then it is recorded as unavailable, not as a negative answer', () => {
    const events = answered(lodged(), outage) as LooseEvent[];
    const company = events.find((e) => e.data.key === 'inviting-company')!;
    expect(company).toMatchObject({ type: 'RecordsVerified', data: { registry: 'company', ok: false, result: 'unavailable' } });
    const s = stateOf([...lodged(), ...events]);
    expect(s.records['inviting-company']).toMatchObject({ ok: false, result: 'unavailable' });
    expect(s.records['entry-record']).toMatchObject({ ok: true, result: 'confirmed' });
  });

  it('given an unavailable check, when the caseworker approves, then it waits for an answer (409) instead of calling for a refusal', () => {
    given(multiEntryVisa, acceptedDuringOutage())
      .when(worker, 'approve', {})
      .thenFails('conflict', /did not answer.*recheck-records/);
  });

  it('given an unavailable check, when the caseworker refuses, then no refusal may rest on it (409)', () => {
    given(multiEntryVisa, acceptedDuringOutage())
      .when(worker, 'refuse', { reason: 'company not confirmed', legalBasis: '出境入境管理法 第二十一条' })
      .thenFails('conflict', /unanswered register check/);
  });

  it('given an unavailable check, when a caseworker of the deciding office rechecks, then the register is asked again and a confirmation allows approval', () => {
    const events = acceptedDuringOutage();
    const [recheck] = given(multiEntryVisa, events)
      .when(worker, 'recheck-records', {})
      .then([{ type: 'RecordsRecheckRequested', data: { keys: ['inviting-company'] } }]);
    const after = [...events, recheck];
    expect(pendingTasks(multiEntryVisa, stateOf(after))).toEqual([
      { key: 'inviting-company', kind: 'verify-record', registry: 'company', subject: INVITING_COMPANY },
    ]);
    const confirmed = answered(after, { ok: true, value: { ok: true, detail: 'active company' } });
    expect(stateOf([...after, ...confirmed]).records['inviting-company']).toMatchObject({ ok: true, result: 'confirmed' });
    given(multiEntryVisa, [...after, ...confirmed])
      .when(worker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'VisaIssued' }, { type: 'CaseCompleted' }]);
  });

  it('given every check answered, when anyone rechecks, then there is nothing to recheck (409); another office may not (403)', () => {
    const events: CaseEvent[] = [...lodged()];
    events.push(...answered(events, { ok: true, value: { ok: true, detail: 'active company' } }));
    given(multiEntryVisa, events)
      .when(worker, 'recheck-records', {})
      .thenFails('conflict', /no register check is unavailable/);
    given(multiEntryVisa, acceptedDuringOutage()).when(caseworker('440104'), 'recheck-records', {}).thenFails('forbidden');
  });

  it('given a recorded history from before `result` existed, when it is folded, then a failed check still reads as contradicted', () => {
    const s = stateOf(lodged());
    const [task] = pendingTasks(multiEntryVisa, s);
    const old = {
      type: 'RecordsVerified',
      data: { key: task.key, registry: 'entry-exit', subject: 'C01X00T47', ok: false, detail: 'no entry record' },
      at: openedAt,
    };
    expect(stateOf([...lodged(), old]).records[task.key]).toMatchObject({ ok: false, result: 'contradicted' });
  });
});
