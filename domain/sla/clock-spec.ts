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
  /**
   * Units by which the clock may be extended once, in its own unit: default 10 for WD clocks (行政許可法 art 42),
   * 0 for the others; 0 = not extendable.
   */
  maxExtension?: number;
  /** The law that allows the extension, recorded with it; default 行政许可法 art 42. */
  extensionBasis?: string;
  /**
   * CD clocks: a deadline whose last day is not a working day (a statutory holiday or weekly rest day) ends on the
   * next working day (民法典 art 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
   */
  rollsToWorkingDay?: boolean;
  /**
   * The longest limit an office's own rules may set, where the law lets a city go beyond the statutory limit (居住證暫行條例
   * art 9: 15 days, up to 30 for remote areas); absent: an office may only commit below the limit.
   */
  localMaxLimit?: number;
}

export interface SlaPolicy {
  version: string;
  clocks: Record<string, ClockSpec>;
}

export const DEFAULT_MAX_EXTENSION_WD = 10;

export const DEFAULT_EXTENSION_BASIS = '行政许可法 第四十二条';

/** How far the clock may be extended, once, in its own unit. */
export function maxExtensionOf(spec: ClockSpec): number {
  if (spec.unit === 'hours') return 0;
  return spec.maxExtension ?? (spec.unit === 'WD' ? DEFAULT_MAX_EXTENSION_WD : 0);
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
