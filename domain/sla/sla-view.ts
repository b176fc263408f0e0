import { countWorkingDays, shanghaiDate, toEpochMs, type Instant, type WorkingCalendar } from '../calendar';
import type { ClockState, ClockStatus } from './clock-state';
import { dueSlaTransitions } from './sla-transitions';

export interface SlaView {
  clock: string;
  deadline: string;
  goalAt: string;
  state: ClockStatus;
  escalation: number;
  provisional: boolean;
  /** Working days after today up to the deadline date (0 = due today, negative = overdue); frozen while paused/stopped. */
  remainingWorkingDays: number;
  /** Milliseconds to the deadline (negative = overdue); frozen while paused/stopped. Useful for hour clocks. */
  remainingMs: number;
}

/** Board row as of `now`: transitions already due are applied even if their timer has not fired yet. */
export function slaView(cal: WorkingCalendar, clock: ClockState, now: Instant): SlaView {
  const nowMs = toEpochMs(now);
  const current = dueSlaTransitions(clock, nowMs).clock;
  const reference = current.stoppedAt ?? current.pausedAt ?? nowMs;
  return {
    clock: current.clock,
    deadline: current.deadline,
    goalAt: current.goalAt,
    state: current.state,
    escalation: current.escalation,
    provisional: current.provisional,
    remainingWorkingDays: countWorkingDays(cal, shanghaiDate(reference), shanghaiDate(current.deadline)),
    remainingMs: toEpochMs(current.deadline) - toEpochMs(reference),
  };
}
