import { addCalendarDaysDeadline, countWorkingDays, shanghaiDate, toEpochMs, toIsoInstant, yearOf, type Instant, type WorkingCalendar } from '../calendar';
import { addClockUnits, escalationSchedule, goalOffset } from './clock-arithmetic';
import { nextRepeatAt } from './sla-transitions';
import { maxExtensionOf, validateClockSpec, type ClockSpec } from './clock-spec';
import type { ClockState } from './clock-state';
import { SlaClockError } from './sla-clock-error';

// These functions compute: they run when a command is decided, with the calendar the case carries, and
// their results are recorded on the event (ClockFact). Folding a history applies the recorded results.

type Schedule = Pick<
  ClockState,
  'goalAt' | 'deadline' | 'escalationAt' | 'provisional' | 'provisionalYears' | 'calendarVersion' | 'pausedWorkingDays' | 'pausedMs'
>;

/**
 * Goal, deadline and escalations of a clock from what decides them: its start, its completed pauses and its
 * extension. WD clocks move by the working days in (pause date, resume date], so a pause and resume on the same
 * day costs nothing; CD and hour clocks move by the elapsed duration. Computed whole each time, so that a newly
 * published calendar year gives the same answer as if it had been known from the start.
 */
export function scheduleClock(cal: WorkingCalendar, spec: ClockSpec, startedAt: string, pauses: ClockState['pauses'], extendedBy = 0): Schedule {
  let goal = addClockUnits(cal, spec.unit, startedAt, goalOffset(spec)).deadline;
  let deadline = addClockUnits(cal, spec.unit, startedAt, spec.limit).deadline;
  const paused: Pick<Schedule, 'pausedWorkingDays' | 'pausedMs'> = {};
  if (spec.unit === 'WD') {
    const days = pauses.reduce((sum, p) => sum + countWorkingDays(cal, shanghaiDate(p.from), shanghaiDate(p.to)), 0);
    goal = addClockUnits(cal, 'WD', goal, days).deadline;
    deadline = addClockUnits(cal, 'WD', deadline, days + extendedBy).deadline;
    if (pauses.length > 0) paused.pausedWorkingDays = days;
  } else {
    const ms = pauses.reduce((sum, p) => sum + toEpochMs(p.to) - toEpochMs(p.from), 0);
    goal = toIsoInstant(toEpochMs(goal) + ms);
    deadline = toIsoInstant(toEpochMs(deadline) + ms);
    if (extendedBy > 0) deadline = addClockUnits(cal, spec.unit, deadline, extendedBy).deadline;
    if (pauses.length > 0) paused.pausedMs = ms;
  }
  let provisionalYears: number[] = [];
  if (spec.unit === 'WD') provisionalYears = unknownYears(cal, startedAt, deadline);
  if (spec.unit === 'CD' && spec.rollsToWorkingDay) {
    // The count of calendar days needs no calendar; only the end day's roll does, so only the years from the
    // counted end day to the rolled one make the deadline provisional (its end day taken Mon–Fri there).
    const counted = deadline;
    deadline = rollToWorkingDay(cal, counted);
    provisionalYears = unknownYears(cal, counted, deadline);
  }
  return {
    goalAt: goal,
    deadline,
    escalationAt: escalationSchedule(cal, spec, deadline),
    provisional: provisionalYears.length > 0,
    provisionalYears,
    calendarVersion: cal.version,
    ...paused,
  };
}

export function startClock(cal: WorkingCalendar, spec: ClockSpec, startedAt: Instant): ClockState {
  validateClockSpec(spec);
  const start = toIsoInstant(startedAt);
  return { clock: spec.clock, spec, startedAt: start, state: 'on-track', escalation: 0, pauses: [], ...scheduleClock(cal, spec, start, []) };
}

export function pauseClock(clock: ClockState, at: Instant): ClockState {
  if (clock.state === 'stopped') throw new SlaClockError('clock-stopped', `clock ${clock.clock} is stopped`);
  if (clock.state === 'paused') throw new SlaClockError('already-paused', `clock ${clock.clock} is already paused`);
  // Paused time is time not yet spent; once the deadline has passed there is none left to set aside.
  if (clock.state === 'breached') throw new SlaClockError('deadline-already-passed', `clock ${clock.clock} is past its deadline`);
  assertNotBefore(at, clock.startedAt, 'pause');
  return { ...clock, state: 'paused', pausedAt: toIsoInstant(at), pausedFrom: clock.state };
}

/** The clock running again, its schedule not yet moved (the fold takes the new one from the event). */
export function unpauseClock(clock: ClockState, at: Instant): ClockState {
  if (clock.state !== 'paused' || clock.pausedAt === undefined) {
    throw new SlaClockError('not-paused', `clock ${clock.clock} is not paused`);
  }
  assertNotBefore(at, clock.pausedAt, 'resume');
  const { pausedAt, pausedFrom, ...rest } = clock;
  return { ...rest, state: pausedFrom ?? 'on-track', pauses: [...(clock.pauses ?? []), { from: pausedAt, to: toIsoInstant(at) }] };
}

/** Resumes a paused clock: goal and deadline move by the time paused. */
export function resumeClock(cal: WorkingCalendar, clock: ClockState, at: Instant): ClockState {
  const resumed = unpauseClock(clock, at);
  return { ...resumed, ...scheduleClock(cal, clock.spec, clock.startedAt, resumed.pauses, clock.extendedBy) };
}

// A year has no run of more than a few rest days; the bound only guards against a calendar with none.
const MAX_ROLL_DAYS = 31;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** A day deadline whose last day is a rest day or holiday ends at the end of the next working day (民法典 art 203). */
function rollToWorkingDay(cal: WorkingCalendar, deadline: string): string {
  let rolled = deadline;
  for (let i = 0; i < MAX_ROLL_DAYS && !cal.isWorkingDay(shanghaiDate(rolled)); i++) rolled = addCalendarDaysDeadline(rolled, 1).deadline;
  return rolled;
}

/**
 * The single extension of a clock (行政許可法 art 42: the decision by ≤10 WD; 居民身份证法 art 12: the ID card's issue
 * by ≤30 CD): at most maxExtension of its units, before the deadline has passed.
 */
export function extendClock(cal: WorkingCalendar, clock: ClockState, workingDays: number): ClockState {
  const max = maxExtensionOf(clock.spec);
  if (max === 0) throw new SlaClockError('not-extendable', `clock ${clock.clock} cannot be extended`);
  if (clock.extendedBy !== undefined) {
    throw new SlaClockError('already-extended', `clock ${clock.clock} was already extended by ${clock.extendedBy} ${clock.spec.unit}`);
  }
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new SlaClockError('invalid-extension', `extension must be a positive whole number of ${clock.spec.unit}: ${workingDays}`);
  }
  if (workingDays > max) {
    throw new SlaClockError('extension-too-long', `clock ${clock.clock} may be extended by at most ${max} ${clock.spec.unit}`);
  }
  if (clock.state === 'stopped') throw new SlaClockError('clock-stopped', `clock ${clock.clock} is stopped`);
  if (clock.state === 'breached' || clock.pausedFrom === 'breached') {
    throw new SlaClockError('deadline-already-passed', `clock ${clock.clock} is past its deadline`);
  }
  // The goal stays put (scheduleClock adds an extension to the deadline only): it buys time to decide, not a later warning.
  return { ...clock, ...scheduleClock(cal, clock.spec, clock.startedAt, clock.pauses ?? [], workingDays), extendedBy: workingDays };
}

/**
 * The clock's schedule on a newly published calendar, or null when it does not move. Working-day clocks
 * depend on the calendar through the years from their start to their last scheduled instant (the deadline, the
 * escalations after it, the next repetition of the top level), calendar-day clocks only through their end day's
 * roll to a working day (countsOnYears): a clock moves when one of those
 * years changed (a year it counted provisionally, Mon–Fri, now published, or a year republished with other
 * dates) and the new count gives another goal, deadline, escalation instant or provisional flag. An instant
 * computed on published years that did not change never moves.
 */
export function recomputeClock(cal: WorkingCalendar, clock: ClockState, changedYears: readonly number[]): ClockState | null {
  if (!countsOnYears(clock, changedYears)) return null;
  const next: ClockState = { ...clock, ...scheduleClock(cal, clock.spec, clock.startedAt, clock.pauses ?? [], clock.extendedBy) };
  // The top level's next repetition counts from the deadline like the levels before it (sla-transitions).
  if (clock.repeatAt !== undefined) next.repeatAt = nextRepeatAt(cal, next) ?? clock.repeatAt;
  const same =
    next.goalAt === clock.goalAt &&
    next.deadline === clock.deadline &&
    next.provisional === clock.provisional &&
    next.repeatAt === clock.repeatAt &&
    next.escalationAt.join() === clock.escalationAt.join();
  return same ? null : next;
}

/**
 * Whether a running clock's count depends on any of these years: a working-day clock, from its start to the last
 * instant it has scheduled (escalations after the deadline are counted in working days too); a calendar-day
 * clock whose end day rolls (民法典 art 203), on the years the roll may have crossed to reach its deadline.
 */
export function countsOnYears(clock: ClockState, years: readonly number[]): boolean {
  if (clock.state === 'stopped') return false;
  if (clock.spec.unit === 'CD' && clock.spec.rollsToWorkingDay) {
    // The counted end day is not recorded; the roll never spans more than MAX_ROLL_DAYS, so it began no earlier.
    const rolledFrom = yearOf(shanghaiDate(toIsoInstant(toEpochMs(clock.deadline) - MAX_ROLL_DAYS * MS_PER_DAY)));
    const rolledTo = yearOf(shanghaiDate(clock.deadline));
    return years.some((year) => year >= rolledFrom && year <= rolledTo);
  }
  if (clock.spec.unit !== 'WD') return false;
  const from = yearOf(shanghaiDate(clock.startedAt));
  const last = [clock.deadline, ...clock.escalationAt, ...(clock.repeatAt ? [clock.repeatAt] : [])].reduce((a, b) => (toEpochMs(b) > toEpochMs(a) ? b : a));
  const to = yearOf(shanghaiDate(last));
  return years.some((year) => year >= from && year <= to);
}

export function stopClock(clock: ClockState, at: Instant): ClockState {
  if (clock.state === 'stopped') throw new SlaClockError('clock-stopped', `clock ${clock.clock} is already stopped`);
  assertNotBefore(at, clock.pausedAt ?? clock.startedAt, 'stop');
  const { pausedFrom, ...rest } = clock;
  return { ...rest, state: 'stopped', stoppedAt: toIsoInstant(at) };
}

function assertNotBefore(at: Instant, earliest: string, action: string): void {
  if (toEpochMs(at) < toEpochMs(earliest)) {
    throw new SlaClockError('invalid-time', `cannot ${action} at ${toIsoInstant(at)}, before ${earliest}`);
  }
}

/** Years from the start to the deadline the calendar does not know: there the count fell back to Mon–Fri. */
function unknownYears(cal: WorkingCalendar, from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = yearOf(shanghaiDate(from)); year <= yearOf(shanghaiDate(to)); year++) if (!cal.isKnownYear(year)) years.push(year);
  return years;
}
