import type { ClockSpec } from './clock-spec';

export type ClockStatus = 'on-track' | 'at-risk' | 'breached' | 'paused' | 'stopped';
export type RunningStatus = 'on-track' | 'at-risk' | 'breached';

/** Snapshot of one SLA clock; every field is plain JSON so it can live in events and workflow state. */
export interface ClockState {
  clock: string;
  spec: ClockSpec;
  startedAt: string;
  goalAt: string;
  deadline: string;
  /** Goal or deadline was computed across a year missing from the working calendar. */
  provisional: boolean;
  /** The years missing from the calendar that the computation crossed: publishing one recomputes the clock. */
  provisionalYears: number[];
  /** The calendar (its content hash) goal, deadline and escalations were computed with. */
  calendarVersion: string;
  state: ClockStatus;
  /** Passed-deadline intervals elapsed so far (0 until the first interval after the deadline). */
  escalation: number;
  /** Instants at which escalation levels 1..maxEscalation are reached; recomputed whenever the deadline moves. */
  escalationAt: string[];
  /** Escalations repeated at the top level since it was reached (the case never goes silent). */
  topLevelRepeats?: number;
  /** When the top level is escalated again: recorded with the escalation before it. */
  repeatAt?: string;
  /** Completed pauses, so that the deadline can be computed again on another calendar. */
  pauses: { from: string; to: string }[];
  pausedAt?: string;
  /** State to return to on resume. */
  pausedFrom?: RunningStatus;
  /** Total working days paused (WD clocks). */
  pausedWorkingDays?: number;
  /** Total milliseconds paused (CD and hour clocks). */
  pausedMs?: number;
  /** Working days added by the single permitted extension. */
  extendedBy?: number;
  stoppedAt?: string;
}

/**
 * What was computed when a clock started or moved, as recorded on the event that did it (its `clocks`).
 * Folding applies these values as they are: a history never depends on the calendar or code of the day it
 * is replayed on.
 */
export interface ClockFact {
  clock: string;
  /** `start`: the clock (re)starts from these values; `move`: its schedule changes, its state stays. */
  kind: 'start' | 'move';
  startedAt: string;
  goalAt: string;
  deadline: string;
  escalationAt: string[];
  provisional: boolean;
  provisionalYears: number[];
  calendarVersion: string;
  pausedWorkingDays?: number;
  pausedMs?: number;
  extendedBy?: number;
  /** The top level's next repetition, when a published calendar moves it (else the escalation's `nextAt`). */
  repeatAt?: string;
}

const FACT_FIELDS = [
  'startedAt',
  'goalAt',
  'deadline',
  'escalationAt',
  'provisional',
  'provisionalYears',
  'calendarVersion',
  'pausedWorkingDays',
  'pausedMs',
  'extendedBy',
  'repeatAt',
] as const satisfies readonly (keyof ClockFact & keyof ClockState)[];

/** The fact to record for a clock just computed. */
export function clockFact(kind: ClockFact['kind'], clock: ClockState): ClockFact {
  const fact: ClockFact = { clock: clock.clock, kind } as ClockFact;
  for (const field of FACT_FIELDS) if (clock[field] !== undefined) Object.assign(fact, { [field]: clock[field] });
  return fact;
}

/** Applies a recorded fact: a start makes a fresh running clock, a move replaces its schedule. */
export function applyClockFact(spec: ClockSpec, existing: ClockState | undefined, fact: ClockFact): ClockState {
  const { kind, clock, ...recorded } = fact;
  if (kind === 'start' || !existing) return { clock, spec, state: 'on-track', escalation: 0, pauses: [], ...recorded };
  return { ...existing, ...recorded };
}
