import { bundledCalendarData, createWorkingCalendar } from '../../../domain/calendar';
import {
  applySlaTransition,
  calendarDayClock,
  countsOnYears,
  nextRepeatAt,
  nextSlaTransition,
  recomputeClock,
  startClock,
  statutoryClocks,
  type ClockState,
} from '../../../domain/sla';

// The 2026 notice as bundled, then the same with the 2027 notice's New Year holiday (1–3 January 2027) published.
const with2026 = createWorkingCalendar({ years: { 2026: bundledCalendarData.years['2026'] } }, 'v2026');
const with2027 = createWorkingCalendar(
  { years: { 2026: bundledCalendarData.years['2026'], 2027: { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] } } },
  'v2027',
);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** The decision clock (20 WD, escalating daily to level 2) started on Wednesday 2 December 2026. */
const decision = () => startClock(with2026, statutoryClocks.decision, '2026-12-02T10:00:00+08:00');

function breachedToTop(clock: ClockState): ClockState {
  let c = clock;
  for (let t = nextSlaTransition(c); t && !(c.state === 'breached' && c.escalation >= c.spec.maxEscalation); t = nextSlaTransition(c)) {
    c = applySlaTransition(c, t);
  }
  return { ...c, repeatAt: nextRepeatAt(with2026, c) };
}

describe('a published year moves the escalations after a deadline it does not move', () => {
  it('recomputes the second escalation, counted Mon–Fri into 2027, onto the first working day after the holiday', () => {
    const clock = decision();
    // 20 WD from 2 December: the deadline (30 December) lies wholly in the published 2026; escalations follow it by 1 and 2 WD.
    expect(clock.deadline).toBe(endOf('2026-12-30'));
    expect(clock.provisional).toBe(false);
    expect(clock.escalationAt).toEqual([endOf('2026-12-31'), endOf('2027-01-01')]);
    expect(countsOnYears(clock, [2027])).toBe(true);

    const next = recomputeClock(with2027, clock, [2027]);
    expect(next).not.toBeNull();
    expect(next!.deadline).toBe(endOf('2026-12-30'));
    expect(next!.goalAt).toBe(clock.goalAt);
    expect(next!.escalationAt).toEqual([endOf('2026-12-31'), endOf('2027-01-04')]);
    expect(next!.calendarVersion).toBe('v2027');
  });

  it("recomputes the top level's next repetition of a clock already escalated to it", () => {
    const clock = breachedToTop(decision());
    // The third passed-deadline interval after 30 December: Mon–Fri, Monday 4 January 2027.
    expect(clock.repeatAt).toBe(endOf('2027-01-04'));
    const next = recomputeClock(with2027, clock, [2027]);
    // Without 1 January: 31 December, 4 January, 5 January.
    expect(next!.repeatAt).toBe(endOf('2027-01-05'));
    expect(next!.escalation).toBe(clock.escalation);
    expect(nextSlaTransition(next!)).toEqual({ at: endOf('2027-01-05'), kind: 'escalated', level: 2 });
  });

  it('leaves a clock alone whose instants all lie before the published year, or whose count it does not change', () => {
    const early = startClock(with2026, statutoryClocks.decision, '2026-11-02T10:00:00+08:00');
    expect(early.escalationAt.at(-1)! < endOf('2026-12-31')).toBe(true);
    expect(countsOnYears(early, [2027])).toBe(false);
    expect(recomputeClock(with2027, early, [2027])).toBeNull();
    // 2027 republished with dates that do not touch the escalation (a holiday in May): nothing moves.
    const may = createWorkingCalendar({ years: { 2026: bundledCalendarData.years['2026'], 2027: { holidays: ['2027-05-03'], workdays: [] } } }, 'may');
    expect(recomputeClock(may, decision(), [2027])).toBeNull();
  });
});

describe('a published year moves a calendar-day deadline whose end day rolled on an unknown year', () => {
  // The first ID card's issue clock: 60 CD, the end day rolling past rest days and holidays (民法典 art 203).
  const issue = calendarDayClock('issue', 60);
  // 60 days after Monday 2 November 2026: Friday 1 January 2027, a working day Mon–Fri while 2027 is unknown.
  const started = () => startClock(with2026, issue, '2026-11-02T10:00:00+08:00');

  it('marks the deadline provisional for the year its end day falls in, not for the years it only counts across', () => {
    const clock = started();
    expect(clock.deadline).toBe(endOf('2027-01-01'));
    expect(clock.provisional).toBe(true);
    expect(clock.provisionalYears).toEqual([2027]);
    expect(countsOnYears(clock, [2027])).toBe(true);
    // Ending in a published year (Saturday 31 October rolls to Monday 2 November), it is not provisional.
    const known = startClock(with2026, issue, '2026-09-01T10:00:00+08:00');
    expect(known.deadline).toBe(endOf('2026-11-02'));
    expect(known.provisional).toBe(false);
    expect(known.provisionalYears).toEqual([]);
  });

  it('rolls it onto the first working day after the New Year holiday once 2027 is published, exactly once', () => {
    const next = recomputeClock(with2027, started(), [2027]);
    expect(next).not.toBeNull();
    expect(next!.deadline).toBe(endOf('2027-01-04'));
    expect(next!.provisional).toBe(false);
    expect(next!.provisionalYears).toEqual([]);
    expect(next!.calendarVersion).toBe('v2027');
    // Publishing the same 2027 again moves nothing.
    expect(recomputeClock(with2027, next!, [2027])).toBeNull();
  });
});
