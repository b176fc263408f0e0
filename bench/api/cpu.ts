import { readdirSync, readFileSync } from 'node:fs';

/** Named groups of processes, each listed afresh at every reading (PostgreSQL backends come and go). */
export type CpuGroups = Record<string, () => number[]>;

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return 0; // the process has exited
  }
}

/** Processes whose command name is `name` (e.g. every PostgreSQL backend). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Measures CPU seconds per group between this call and the returned stop(); null where /proc is missing.
 * A process that exits meanwhile (an idle pooled connection) counts nothing: its last reading is gone.
 */
export function startCpuMeter(groups: CpuGroups): (() => Record<string, number>) | null {
  try {
    readdirSync('/proc/self');
  } catch {
    return null;
  }
  const sample = () => Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((p) => [p, cpuSeconds(p)]))]));
  const before = sample();
  return () => {
    const after = sample();
    const used = (name: string) => [...after[name]].reduce((sum, [pid, s]) => sum + (s > 0 ? s - (before[name].get(pid) ?? 0) : 0), 0);
    return Object.fromEntries(Object.keys(groups).map((name) => [name, used(name)]));
  };
}

/** "worker 19.8 ms, api 8.4 ms, … total 46.9 ms" per command. */
export function formatCpu(used: Record<string, number>, commands: number): string {
  const ms = (s: number) => `${((s * 1000) / commands).toFixed(1)} ms`;
  const total = Object.values(used).reduce((a, b) => a + b, 0);
  return `${Object.entries(used)
    .map(([k, v]) => `${k} ${ms(v)}`)
    .join(', ')}; total ${ms(total)}`;
}
