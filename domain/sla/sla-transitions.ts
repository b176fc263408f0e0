import { toEpochMs, type WorkingCalendar } from '../calendar';
import { addClockUnits } from './clock-arithmetic';
import type { ClockState } from './clock-state';
import { SlaClockError } from './sla-clock-error';

export type SlaTransitionKind = 'goal-missed' | 'deadline-passed' | 'escalated';

export interface SlaTransition {
  at: string;
  kind: SlaTransitionKind;
  /** Escalation level reached; only on 'escalated'. */
  level?: number;
}

/**
 * The next timer a workflow should sleep until, or null (paused, stopped, or a policy without escalation).
 * Transitions fire at the goal / deadline / escalation instant itself; a goal that coincides with the
 * deadline is skipped so transition times stay strictly increasing. Once the top level is reached it
 * repeats every passed-deadline interval until the clock stops: a breached case never goes silent
 * (docs/domain.md §1, SLA model). Every instant comes from the clock as recorded: no calendar is read here.
 */
export function nextSlaTransition(clock: ClockState): SlaTransition | null {
  switch (clock.state) {
    case 'on-track':
      return toEpochMs(clock.goalAt) < toEpochMs(clock.deadline) ? { at: clock.goalAt, kind: 'goal-missed' } : { at: clock.deadline, kind: 'deadline-passed' };
    case 'at-risk':
      return { at: clock.deadline, kind: 'deadline-passed' };
    case 'breached': {
      const top = clock.spec.maxEscalation;
      if (top === 0) return null;
      if (clock.escalation >= top) return clock.repeatAt ? { at: clock.repeatAt, kind: 'escalated', level: top } : null;
      const level = clock.escalation + 1;
      return { at: clock.escalationAt[level - 1], kind: 'escalated', level };
    }
    case 'paused':
    case 'stopped':
      return null;
  }
}

/** Applies exactly the transition nextSlaTransition predicts; anything else is a stale timer and is refused. */
export function applySlaTransition(clock: ClockState, transition: SlaTransition): ClockState {
  const expected = nextSlaTransition(clock);
  if (!expected || expected.kind !== transition.kind || expected.at !== transition.at || expected.level !== transition.level) {
    throw new SlaClockError('unexpected-transition', `clock ${clock.clock}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(transition)}`);
  }
  switch (transition.kind) {
    case 'goal-missed':
      return { ...clock, state: 'at-risk' };
    case 'deadline-passed':
      return { ...clock, state: 'breached' };
    case 'escalated': {
      // The repetition that fired is spent; the escalation's event records when the next one is due.
      const { repeatAt: _fired, ...rest } = clock;
      return clock.escalation >= clock.spec.maxEscalation
        ? { ...rest, topLevelRepeats: (clock.topLevelRepeats ?? 0) + 1 }
        : { ...rest, escalation: transition.level ?? clock.escalation + 1 };
    }
  }
}

/** Every transition due at or before `now`, in order (for catching up after a restart, and for the board). */
export function dueSlaTransitions(clock: ClockState, nowMs: number): { clock: ClockState; transitions: SlaTransition[] } {
  const transitions: SlaTransition[] = [];
  let current = clock;
  for (let next = nextSlaTransition(current); next && toEpochMs(next.at) <= nowMs; next = nextSlaTransition(current)) {
    transitions.push(next);
    current = applySlaTransition(current, next);
  }
  return { clock: current, transitions };
}

/**
 * When the top level is escalated next, once the clock has reached it: the n-th passed-deadline interval after
 * the deadline, counted like the levels before it (on the calendar for working-day clocks). Computed when an
 * escalation is decided and recorded on its event, so that the timer fires at a recorded instant.
 */
export function nextRepeatAt(cal: WorkingCalendar, clock: ClockState): string | undefined {
  const top = clock.spec.maxEscalation;
  if (top === 0 || clock.escalation < top) return undefined;
  const n = top + (clock.topLevelRepeats ?? 0) + 1;
  return addClockUnits(cal, clock.spec.unit, clock.deadline, n * clock.spec.passedDeadlineEvery).deadline;
}
