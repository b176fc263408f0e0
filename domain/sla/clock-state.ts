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
  state: ClockStatus;
  /** Passed-deadline intervals elapsed so far (0 until the first interval after the deadline). */
  escalation: number;
  /** Instants at which escalation levels 1..maxEscalation are reached; recomputed whenever the deadline moves. */
  escalationAt: string[];
  /** Escalations repeated at the top level since it was reached (the case never goes silent). */
  topLevelRepeats?: number;
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
