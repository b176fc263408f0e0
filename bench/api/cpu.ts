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
 * PostgreSQL processes by what they serve: a backend's title is `postgres: [<cluster>: ]<user> <database> <host>(<port>) <state>`,
 * so the event store's backends (its database) are counted apart from an external Temporal server's
 * (`temporal`, `temporal_visibility`) and from the cluster's own background processes (WAL writer,
 * checkpointer, autovacuum), which serve every database at once.
 */
export function postgresPids(which: 'database' | 'temporal' | 'background', database: string, temporalDatabases = /^temporal/): number[] {
  return pidsNamed('postgres').filter((pid) => {
    let title: string;
    try {
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      return false;
    }
    const backend = /^postgres: (?:[^:]+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title);
    if (which === 'background') return !backend;
    if (!backend) return false;
    return which === 'database' ? backend[1] === database : backend[1] !== database && temporalDatabases.test(backend[1]);
  });
}

/**
 * The Temporal server's processes: BENCH_TEMPORAL_PIDS (comma-separated) when the server runs elsewhere or
 * under another name, else the dev server this run started, else every `temporal` / `temporal-server` process.
 */
export function temporalPids(started?: number): number[] {
  const given = process.env.BENCH_TEMPORAL_PIDS;
  if (given)
    return given
      .split(',')
      .map((p) => Number(p.trim()))
      .filter((p) => p > 0);
  if (started) return [started];
  return [...pidsNamed('temporal'), ...pidsNamed('temporal-server')];
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

/**
 * "worker 19.8 ms, api 8.4 ms, … total 46.9 ms" per command; with `ours`, also the sum of those groups
 * (the processes casework runs, apart from Temporal, its database and the load generator).
 */
export function formatCpu(used: Record<string, number>, commands: number, ours: string[] = []): string {
  const ms = (s: number) => `${((s * 1000) / commands).toFixed(1)} ms`;
  const total = Object.values(used).reduce((a, b) => a + b, 0);
  const own = ours.reduce((sum, name) => sum + (used[name] ?? 0), 0);
  return `${Object.entries(used)
    .map(([k, v]) => `${k} ${ms(v)}`)
    .join(', ')}; total ${ms(total)}${ours.length > 0 ? `; ours (${ours.join(' + ')}) ${ms(own)}` : ''}`;
}

/** CPU milliseconds per command of the named groups. */
export const cpuPerCommand = (used: Record<string, number>, commands: number, groups: string[]) =>
  (groups.reduce((sum, name) => sum + (used[name] ?? 0), 0) * 1000) / commands;
