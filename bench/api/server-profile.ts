import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
/** The part of scripts/lib/temporal-server.cjs used here; the scripts are plain CommonJS without type declarations. */
interface TemporalServerScripts {
  freePort(): Promise<number>;
  startDevServer(cli: string, options: { port: number; flags?: string[]; stdio?: 'ignore' | 'inherit' }): ChildProcess;
  waitForTemporal(address: string, options?: { child?: ChildProcess }): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path from the repository root: the bench runs compiled from dist/
const temporalServer = require(join(root, 'scripts/lib/temporal-server.cjs')) as TemporalServerScripts;

export interface Started {
  children: ChildProcess[];
  stop(): Promise<void>;
}

/** The Temporal dev server from the provisioned CLI (or TEMPORAL_ADDRESS when given). */
export async function ensureTemporal(): Promise<{ address: string; child?: ChildProcess }> {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS };
  const cli = process.env.TEMPORAL_CLI ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'casework/temporal-cli/v1.5.1/temporal');
  if (!existsSync(cli)) throw new Error(`no Temporal CLI at ${cli}: run \`npm run setup\` first, or set TEMPORAL_CLI or TEMPORAL_ADDRESS`);
  const port = await temporalServer.freePort();
  const child = temporalServer.startDevServer(cli, { port, flags: ['--headless', '--log-level', 'error'], stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  await temporalServer.waitForTemporal(address, { child });
  return { address, child };
}

/** The server profile: the API and the worker as separate processes, as an operator runs them. */
export async function startServerProfile(env: Record<string, string>): Promise<Started> {
  // BENCH_PROFILE=<dir>: each process writes a V8 CPU profile there on exit, named after it (open it in Chrome DevTools,
  // or summarise it: bench/api/profile-summary.ts).
  const startedAt = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const profile = (name: string) =>
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`, `--cpu-prof-name=${name}-${startedAt}.cpuprofile`] : [];
  // BENCH_QUERIES=<dir>: each process counts the statements it sends to PostgreSQL (see query-counter.ts).
  const queries = process.env.BENCH_QUERIES ? ['--require', join(root, 'dist/bench/api/query-counter.js')] : [];
  const run = (entry: string) =>
    spawn(process.execPath, [...profile(entry.split('/')[1]), ...queries, join(root, 'dist', entry)], {
      env: { ...process.env, ...env, ...(process.env.BENCH_QUERIES ? { BENCH_QUERIES: resolve(process.env.BENCH_QUERIES) } : {}) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const worker = run('apps/worker/main.js');
  const api = run('apps/api/main.js');
  const children = [worker, api];
  await waitForHealth(`http://127.0.0.1:${env.PORT}/health`, 120_000);
  return {
    children,
    async stop() {
      await Promise.all(children.map((c) => new Promise<void>((done) => (c.exitCode !== null ? done() : (c.once('exit', () => done()), c.kill('SIGTERM'))))));
    },
  };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became healthy`);
}
