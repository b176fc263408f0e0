import type { ClockSpec, SlaPolicy } from './clock-spec';

// Escalate daily (hourly for port visas) after the deadline: level 1 supervisor, level 2 office head.
const wd = (clock: string, limit: number, maxExtension = 0): ClockSpec => ({
  clock, unit: 'WD', limit, goalRatio: 0.6, passedDeadlineEvery: 1, maxEscalation: 2, maxExtension,
});
const cd = (clock: string, limit: number): ClockSpec => ({
  clock, unit: 'CD', limit, goalRatio: 0.6, passedDeadlineEvery: 1, maxEscalation: 2,
});

/** Default clocks; sources in docs/domain.md (行政許可法 arts 32/42/44, 居民身份證法 art 12, 條例 art 13, news). */
export const defaultSlaPolicy = {
  version: 'cn-2023-measures.1',
  clocks: {
    completeness: wd('completeness', 5),
    decision: wd('decision', 20, 10),
    delivery: wd('delivery', 10),
    'port-visa-decision': {
      clock: 'port-visa-decision', unit: 'hours', limit: 4, goalRatio: 0.5, passedDeadlineEvery: 1, maxEscalation: 2,
    },
    'multi-entry-visa-decision': wd('multi-entry-visa-decision', 7),
    'first-id-card-production': cd('first-id-card-production', 60),
    'temporary-id': cd('temporary-id', 3),
    'hukou-move-out': wd('hukou-move-out', 1),
    'hukou-settlement': wd('hukou-settlement', 1),
  },
} as const satisfies SlaPolicy;

export type DefaultClockName = keyof typeof defaultSlaPolicy.clocks;
