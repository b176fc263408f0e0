import type { ClockSpec } from './clock-spec';

/** Version of the default clocks; snapshotted into every CaseOpened with the clocks themselves. */
export const SLA_POLICY_VERSION = 'cn-2023-measures.1';

// Escalate daily (hourly for hour clocks) after the deadline: level 1 supervisor, level 2 office head,
// then level 2 again every interval until the case closes (docs/domain.md §1, SLA model).

/** A clock counted in working days on the Chinese calendar. */
export const workingDayClock = (clock: string, limit: number, maxExtension = 0): ClockSpec => ({
  clock,
  unit: 'WD',
  limit,
  goalRatio: 0.6,
  passedDeadlineEvery: 1,
  maxEscalation: 2,
  maxExtension,
});

/** A clock counted in calendar days; its last day rolls forward past rest days and holidays (民法典 art 203). */
export const calendarDayClock = (clock: string, limit: number, extension?: { max: number; basis: string }): ClockSpec => ({
  clock,
  unit: 'CD',
  limit,
  goalRatio: 0.6,
  passedDeadlineEvery: 1,
  maxEscalation: 2,
  rollsToWorkingDay: true,
  ...(extension ? { maxExtension: extension.max, extensionBasis: extension.basis } : {}),
});

/**
 * The statutory clocks of every administrative licence (行政許可法 arts 32, 42, 44): completeness
 * 5 WD, decision 20 WD extendable once by 10, delivery 10 WD. Each case type's own clocks live in its
 * folder; domain/case-types.ts gathers them into the default SLA policy. Sources in docs/domain.md.
 */
export const statutoryClocks = {
  completeness: workingDayClock('completeness', 5),
  // The applicant's deadline to supplement after a one-time notice (inferred: 30 CD; per office, docs/domain.md §1):
  // it does not escalate against the office; when it passes the case closes as not accepted.
  supplement: { clock: 'supplement', unit: 'CD', limit: 30, goalRatio: 1, passedDeadlineEvery: 1, maxEscalation: 0, rollsToWorkingDay: true },
  decision: workingDayClock('decision', 20, 10),
  delivery: workingDayClock('delivery', 10),
} as const satisfies Record<string, ClockSpec>;
