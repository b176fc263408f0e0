import { officesOf, provinceOf, type CaseState } from '../../domain';

export const provincesOf = (s: CaseState) => [...new Set(officesOf(s).map(provinceOf))];

/** Worst SLA state across a case's clocks, for filtering and ordering lists. */
export function slaSummary(s: CaseState): string {
  const states = Object.values(s.clocks).map((c) => c.state);
  for (const st of ['breached', 'at-risk', 'paused', 'on-track'] as const) if (states.includes(st)) return st;
  return 'none';
}

/** Nearest running deadline: queues show the most urgent case first. */
export function nextDeadline(s: CaseState): string | null {
  const running = Object.values(s.clocks).filter((c) => c.state !== 'stopped' && c.state !== 'paused');
  return running.map((c) => c.deadline).sort()[0] ?? null;
}
