import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { QueryCounts } from './query-counter';

type Totals = QueryCounts & { begins: number };

/**
 * BENCH_QUERIES=<dir>: the statements the API and the worker sent to PostgreSQL during a run, per command
 * (exact counts, unlike CPU on a shared machine). The processes count from their start; a run's share is
 * the difference of two readings, each asked for with SIGUSR2 (query-counter.ts). Null without BENCH_QUERIES.
 */
export function queryMeter(processes: Record<string, number>): (() => Promise<(commands: number) => Promise<string>>) | null {
  if (!process.env.BENCH_QUERIES) return null;
  const dir = resolve(process.env.BENCH_QUERIES);
  mkdirSync(dir, { recursive: true });
  const read = async (): Promise<Record<string, Totals>> => {
    const files = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, join(dir, `${pid}.json`)]));
    for (const [name, file] of Object.entries(files)) {
      rmSync(file, { force: true });
      process.kill(processes[name], 'SIGUSR2');
    }
    const deadline = Date.now() + 5_000;
    while (!Object.values(files).every((f) => existsSync(f))) {
      if (Date.now() > deadline) throw new Error(`no query counts in ${dir}: is the build older than query-counter.ts?`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Object.fromEntries(Object.entries(files).map(([name, f]) => [name, JSON.parse(readFileSync(f, 'utf8')) as Totals]));
  };
  return async () => {
    const before = await read();
    return async (commands) => {
      const after = await read();
      const perCommand = (name: string, key: keyof Totals) => ((after[name][key] - before[name][key]) / commands).toFixed(1);
      return Object.keys(processes)
        .map((name) => {
          const kinds = (['log reads', 'read models', 'checkpoints', 'other'] as const).map((k) => `${k} ${perCommand(name, k)}`).join(', ');
          return `${name} ${perCommand(name, 'queries')} (transactions ${perCommand(name, 'begins')}; BEGIN/COMMIT ${perCommand(name, 'transactions')}, ${kinds})`;
        })
        .join('; ');
    };
  };
}
