import { addCalendarDays, countWorkingDays, shanghaiDate, toEpochMs, toIsoInstant, yearOf, type Instant, type WorkingCalendar } from '../calendar';
import { addClockUnits, escalationSchedule, goalOffset } from './clock-arithmetic';
import { maxExtensionOf, validateClockSpec, type ClockSpec } from './clock-spec';
import type { ClockState } from './clock-state';
import { SlaClockError } from './sla-clock-error';

export function startClock(cal: WorkingCalendar, spec: ClockSpec, startedAt: Instant): ClockState {
  validateClockSpec(spec);
  const goal = addClockUnits(cal, spec.unit, startedAt, goalOffset(spec));
  const deadline = addClockUnits(cal, spec.unit, startedAt, spec.limit);
  return {
    clock: spec.clock,
    spec,
    startedAt: toIsoInstant(startedAt),
    goalAt: goal.deadline,
    deadline: deadline.deadline,
    provisional: goal.provisional || deadline.provisional,
    state: 'on-track',
    escalation: 0,
    escalationAt: escalationSchedule(cal, spec, deadline.deadline),
  };
}

export function pauseClock(clock: ClockState, at: Instant): ClockState {
  if (clock.state === 'stopped') throw new SlaClockError('clock-stopped', `clock ${clock.clock} is stopped`);
  if (clock.state === 'paused') throw new SlaClockError('already-paused', `clock ${clock.clock} is already paused`);
  // Paused time is time not yet spent; once the deadline has passed there is none left to set aside.
  if (clock.state === 'breached') throw new SlaClockError('deadline-already-passed', `clock ${clock.clock} is past its deadline`);
  assertNotBefore(at, clock.startedAt, 'pause');
  return { ...clock, state: 'paused', pausedAt: toIsoInstant(at), pausedFrom: clock.state };
}

/**
 * WD clocks move goal and deadline by the working days in (pause date, resume date], so a pause and resume on the
 * same day costs nothing; CD and hour clocks move by the elapsed duration.
 */
export function resumeClock(cal: WorkingCalendar, clock: ClockState, at: Instant): ClockState {
  if (clock.state !== 'paused' || clock.pausedAt === undefined) {
    throw new SlaClockError('not-paused', `clock ${clock.clock} is not paused`);
  }
  assertNotBefore(at, clock.pausedAt, 'resume');
  const { pausedAt, pausedFrom, ...rest } = clock;
  const resumed: ClockState = { ...rest, state: pausedFrom ?? 'on-track' };

  if (clock.spec.unit === 'WD') {
    const pauseDate = shanghaiDate(pausedAt);
    const resumeDate = shanghaiDate(at);
    const days = countWorkingDays(cal, pauseDate, resumeDate);
    const goal = addClockUnits(cal, 'WD', clock.goalAt, days);
    const deadline = addClockUnits(cal, 'WD', clock.deadline, days);
    return withDeadline(cal, {
      ...resumed,
      goalAt: goal.deadline,
      deadline: deadline.deadline,
      provisional: clock.provisional || goal.provisional || deadline.provisional || spansUnknownYear(cal, pauseDate, resumeDate),
      pausedWorkingDays: (clock.pausedWorkingDays ?? 0) + days,
    });
  }

  const elapsed = toEpochMs(at) - toEpochMs(pausedAt);
  return withDeadline(cal, {
    ...resumed,
    goalAt: toIsoInstant(toEpochMs(clock.goalAt) + elapsed),
    deadline: toIsoInstant(toEpochMs(clock.deadline) + elapsed),
    pausedMs: (clock.pausedMs ?? 0) + elapsed,
  });
}

/** The single extension of 行政許可法 art 42: at most maxExtension WD, before the deadline has passed. */
export function extendClock(cal: WorkingCalendar, clock: ClockState, workingDays: number): ClockState {
  const max = maxExtensionOf(clock.spec);
  if (max === 0) throw new SlaClockError('not-extendable', `clock ${clock.clock} cannot be extended`);
  if (clock.extendedBy !== undefined) {
    throw new SlaClockError('already-extended', `clock ${clock.clock} was already extended by ${clock.extendedBy} WD`);
  }
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new SlaClockError('invalid-extension', `extension must be a positive whole number of WD: ${workingDays}`);
  }
  if (workingDays > max) {
    throw new SlaClockError('extension-too-long', `clock ${clock.clock} may be extended by at most ${max} WD`);
  }
  if (clock.state === 'stopped') throw new SlaClockError('clock-stopped', `clock ${clock.clock} is stopped`);
  if (clock.state === 'breached' || clock.pausedFrom === 'breached') {
    throw new SlaClockError('deadline-already-passed', `clock ${clock.clock} is past its deadline`);
  }
  // The goal stays put: the extension buys time to decide, not a later warning.
  const deadline = addClockUnits(cal, 'WD', clock.deadline, workingDays);
  return withDeadline(cal, {
    ...clock,
    deadline: deadline.deadline,
    provisional: clock.provisional || deadline.provisional,
    extendedBy: workingDays,
  });
}

export function stopClock(clock: ClockState, at: Instant): ClockState {
  if (clock.state === 'stopped') throw new SlaClockError('clock-stopped', `clock ${clock.clock} is already stopped`);
  assertNotBefore(at, clock.pausedAt ?? clock.startedAt, 'stop');
  const { pausedFrom, ...rest } = clock;
  return { ...rest, state: 'stopped', stoppedAt: toIsoInstant(at) };
}

function withDeadline(cal: WorkingCalendar, clock: ClockState): ClockState {
  return { ...clock, escalationAt: escalationSchedule(cal, clock.spec, clock.deadline) };
}

function assertNotBefore(at: Instant, earliest: string, action: string): void {
  if (toEpochMs(at) < toEpochMs(earliest)) {
    throw new SlaClockError('invalid-time', `cannot ${action} at ${toIsoInstant(at)}, before ${earliest}`);
  }
}

function spansUnknownYear(cal: WorkingCalendar, fromDate: string, toDate: string): boolean {
  if (toDate <= fromDate) return false;
  for (let year = yearOf(addCalendarDays(fromDate, 1)); year <= yearOf(toDate); year++) {
    if (!cal.isKnownYear(year)) return true;
  }
  return false;
}
