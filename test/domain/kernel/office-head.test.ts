import { decideTaskResult, fold, hukouMigration, pendingTasks, type CaseEvent, type CaseState, type OpenCaseInput } from '../../../domain';
import { caseworker, given, officeHead, opened, supervisor, testEnv } from '../support/given';

/**
 * Issue 11, finding 12: an extension (行政許可法 art 42) and an art 45 pause are approved by the head of
 * the deciding office, not by any supervisor of its province. A head is a supervisor whose token says
 * `officeHead: true` for the office in `office` (docs/api.md).
 */
const FROM = '440105';
const TO = '440106'; // the move-in office decides
const openedAt = '2026-11-25T02:00:00.000Z';
const moveIn = caseworker(TO);
const head = officeHead;

const input: OpenCaseInput = {
  type: 'hukou-migration',
  channel: 'window',
  receivingOffice: TO,
  applicant: { name: '李娜', idNumber: '440105199205061238' },
  materials: ['application form', 'labour contract'],
  details: {
    category: 'work-transfer',
    fromOffice: FROM,
    toOffice: TO,
    destinationCity: { code: '440100' },
    residenceYears: 8,
    socialInsuranceYears: 10,
  },
};

function accepted(): CaseEvent[] {
  const events: CaseEvent[] = [...opened(hukouMigration, input, moveIn, openedAt)];
  const s = fold(hukouMigration, events) as CaseState;
  for (const t of pendingTasks(hukouMigration, s)) {
    events.push(
      ...decideTaskResult(hukouMigration, s, t, { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: FROM } } }, openedAt, testEnv),
    );
  }
  return [
    ...events,
    ...given(hukouMigration, events)
      .when(moveIn, 'accept', {})
      .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed' }]),
  ];
}

describe('office heads approve extensions and pauses (issue 11, finding 12)', () => {
  it('given an accepted case, when the head of the deciding office extends, then the deadline moves', () => {
    given(hukouMigration, accepted())
      .when(head(TO), 'extend-deadline', { workingDays: 10, reason: 'points audit' })
      .then([{ type: 'DeadlineExtended', data: { clock: 'decision', workingDays: 10 } }]);
  });

  it.each([
    ['a provincial supervisor', supervisor('440000')],
    ['a supervisor of the deciding office who is not its head', supervisor(TO)],
    ['the head of another office in the province', head('440104')],
    ['the head of the provincial department', head('440000')],
    ['a caseworker of the deciding office', moveIn],
  ])('given an accepted case, when %s extends, then it is refused (403)', (_who, actor) => {
    given(hukouMigration, accepted())
      .when(actor, 'extend-deadline', { workingDays: 5, reason: 'x' })
      .thenFails('forbidden', /head of office 440106/);
  });

  it('given an accepted case, when the head pauses for an inspection, then the clock stops; a caseworker or another supervisor may not (403)', () => {
    given(hukouMigration, accepted())
      .when(head(TO), 'pause-clock', { kind: 'inspection', reason: 'site visit' })
      .then([{ type: 'ClockPaused', data: { clock: 'decision', kind: 'inspection' } }]);
    given(hukouMigration, accepted())
      .when(moveIn, 'pause-clock', { kind: 'inspection', reason: 'site visit' })
      .thenFails('forbidden', /head of office 440106/);
    given(hukouMigration, accepted())
      .when(supervisor('440000'), 'pause-clock', { kind: 'inspection', reason: 'site visit' })
      .thenFails('forbidden', /head of office 440106/);
  });

  it('given a paused clock, when a caseworker of the deciding office resumes it, then it runs again', () => {
    const events = accepted();
    const paused = [
      ...events,
      ...given(hukouMigration, events)
        .when(head(TO), 'pause-clock', { kind: 'hearing', reason: 'hearing' })
        .then([{ type: 'ClockPaused' }]),
    ];
    given(hukouMigration, paused)
      .when(moveIn, 'resume-clock', {})
      .then([{ type: 'ClockResumed' }]);
  });
});

describe('extension limits per clock (issue 11, finding 12)', () => {
  it('given an accepted case, when the head extends the decision clock, then the event carries the new deadline and its legal basis', () => {
    const before = fold(hukouMigration, accepted()) as CaseState;
    const [ev] = given(hukouMigration, accepted())
      .when(head(TO), 'extend-deadline', { workingDays: 10, reason: 'points audit' })
      .then([{ type: 'DeadlineExtended', data: { clock: 'decision', workingDays: 10, previousDeadline: before.clocks.decision.deadline } }]);
    const after = fold(hukouMigration, [ev], before) as CaseState;
    expect(ev.data.deadline).toBe(after.clocks.decision.deadline);
    expect(ev.data.deadline > before.clocks.decision.deadline).toBe(true);
    expect(ev.data.legalBasis).toContain('第四十二条');
  });

  it('given an accepted case, when the head asks for 11 working days, then it is refused (422) and nothing changes', () => {
    given(hukouMigration, accepted())
      .when(head(TO), 'extend-deadline', { workingDays: 11, reason: 'x' })
      .thenFails('rule', /at most 10 working days/);
  });

  it('given a decision clock counted in working days, when the head gives calendar days, then it is refused (422)', () => {
    given(hukouMigration, accepted())
      .when(head(TO), 'extend-deadline', { calendarDays: 5, reason: 'x' })
      .thenFails('rule', /working days/);
  });
});
