import { SlaClockError } from './sla-clock-error';

export type ClockUnit = 'WD' | 'CD' | 'hours';

export interface ClockSpec {
  clock: string;
  unit: ClockUnit;
  /** Statutory limit, in `unit`. */
  limit: number;
  /** Share of the limit after which the goal is missed (e.g. 0.6). */
  goalRatio: number;
  /** After the deadline, escalate once per this many `unit`s. */
  passedDeadlineEvery: number;
  /** Highest escalation level (e.g. 2: supervisor, then office head). */
  maxEscalation: number;
  /** WD by which the clock may be extended once (行政許可法 art 42); default 10 for WD clocks, 0 = not extendable. */
  maxExtension?: number;
}

export interface SlaPolicy {
  version: string;
  clocks: Record<string, ClockSpec>;
}

export const DEFAULT_MAX_EXTENSION_WD = 10;

export function maxExtensionOf(spec: ClockSpec): number {
  if (spec.unit !== 'WD') return 0;
  return spec.maxExtension ?? DEFAULT_MAX_EXTENSION_WD;
}

export function validateClockSpec(spec: ClockSpec): void {
  const wholeUnits = spec.unit !== 'hours';
  const bad = (why: string) => new SlaClockError('invalid-spec', `clock ${spec.clock}: ${why}`);
  if (!['WD', 'CD', 'hours'].includes(spec.unit)) throw bad(`unknown unit ${spec.unit}`);
  if (!isPositive(spec.limit, wholeUnits)) throw bad(`limit must be a positive ${wholeUnits ? 'integer' : 'number'}`);
  if (!(spec.goalRatio > 0 && spec.goalRatio <= 1)) throw bad('goalRatio must be in (0, 1]');
  if (!isPositive(spec.passedDeadlineEvery, wholeUnits)) throw bad('passedDeadlineEvery must be positive');
  if (!Number.isInteger(spec.maxEscalation) || spec.maxEscalation < 0) throw bad('maxEscalation must be >= 0');
  const ext = spec.maxExtension;
  if (ext !== undefined && (!Number.isInteger(ext) || ext < 0)) throw bad('maxExtension must be >= 0');
}

function isPositive(value: number, integer: boolean): boolean {
  return Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
}

export function getClockSpec(policy: SlaPolicy, clock: string): ClockSpec {
  const spec = policy.clocks[clock];
  if (!spec) throw new SlaClockError('invalid-spec', `SLA policy ${policy.version} has no clock ${clock}`);
  return spec;
}
