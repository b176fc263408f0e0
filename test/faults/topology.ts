// The production topology on one machine: the Temporal server (not the dev server) on the suite's own
// PostgreSQL cluster, the API and the worker as separate processes (server profile). Each process can be
// killed, frozen and started again; an exit nobody asked for is counted as a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, openSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { importEsm } from '../support/import-esm';

const root = join(__dirname, '..', '..');

/** The parts of the repository's scripts used here (plain JavaScript modules without type declarations). */
interface TemporalProduction {
  ensureTemporalServer(): Promise<{ server: string; sqlTool: string; schema: string }>;
  startTemporalServer(options: {
    dir: string;
    frontendPort: number;
    postgres: { host: string; port: number; user: string; password: string; prefix: string };
    stdio?: unknown;
  }): Promise<ChildProcess>;
  registerNamespace(address: string, namespace?: string): Promise<void>;
}
interface TemporalServerScripts {
  waitForTemporal(address: string, options?: { namespace?: string; timeoutMs?: number; child?: ChildProcess }): Promise<void>;
  isPortOpen(address: { host: string; port: number }, timeoutMs?: number): Promise<boolean>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository, without types
const temporalScripts = require('../../scripts/lib/temporal-server.cjs') as TemporalServerScripts;
const temporalProduction = () => importEsm<TemporalProduction>(join(root, 'scripts/lib/temporal-production.mjs'));

/** A process the suite supervises: it knows which exits it caused, and counts the others. */
export class Supervised {
  child: ChildProcess | undefined;
  /** Exits the suite did not cause (the process died by itself). */
  crashes: string[] = [];
  /** How the last run of it ended. */
  lastExit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private expectingExit = false;

  constructor(
    readonly name: string,
    private readonly launch: () => Promise<ChildProcess>,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.expectingExit = false;
    const child = await this.launch();
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.child === child) this.lastExit = { code, signal };
      if (this.child === child && !this.expectingExit) this.crashes.push(`${this.name} exited by itself (code ${code}, signal ${signal})`);
    });
  }

  /** Sends a signal the suite means: SIGKILL and SIGTERM end the process, SIGSTOP and SIGCONT do not. */
  signal(signal: NodeJS.Signals): void {
    if (signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT') this.expectingExit = true;
    this.child?.kill(signal);
  }

  async exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => child.once('exit', resolve));
  }

  /** Stops it for good: SIGCONT (it may be frozen), SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited();
    clearTimeout(timer);
  }
}

export interface TopologyOptions {
  dir: string;
  postgres: { port: number; url(database: string): string };
  temporalPort: number;
  apiPort: number;
  env: Record<string, string>;
}

export interface Topology {
  temporal: Supervised;
  api: Supervised;
  worker: Supervised;
  temporalAddress: string;
  apiUrl: string;
  /** Where the processes' logs are written. */
  dir: string;
  all(): Supervised[];
  /** Resolves once the Temporal frontend serves the `default` namespace. */
  temporalReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts nothing yet: `start()` each part in order (Temporal, then the worker and the API). */
export async function createTopology(options: TopologyOptions): Promise<Topology> {
  const { dir, postgres, temporalPort, apiPort, env } = options;
  mkdirSync(dir, { recursive: true });
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const production = await temporalProduction();
  const paths = await production.ensureTemporalServer();
  const temporalDir = join(dir, 'temporal');
  let firstStart = true;

  const temporal = new Supervised('temporal-server', async () => {
    if (firstStart) {
      // Creates and migrates its databases and writes its configuration, then starts it.
      firstStart = false;
      return production.startTemporalServer({
        dir: temporalDir,
        frontendPort: temporalPort,
        postgres: { host: '127.0.0.1', port: postgres.port, user: 'postgres', password: '', prefix: 'temporal' },
      });
    }
    // Again after a kill: same configuration, same databases (setting them up again would block this process).
    const log = openSync(join(temporalDir, 'server.log'), 'a');
    return spawn(paths.server, ['--root', temporalDir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], {
      stdio: ['ignore', log, log],
    });
  });

  const logs: WriteStream[] = [];
  const casework = (entry: 'api' | 'worker') =>
    new Supervised(entry, async () => {
      const log = createWriteStream(join(dir, `${entry}.log`), { flags: 'a' });
      logs.push(log);
      const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps', entry, 'main.ts')], {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env, PORT: String(apiPort), TEMPORAL_ADDRESS: temporalAddress },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      return child;
    });
  const api = casework('api');
  const worker = casework('worker');

  return {
    temporal,
    api,
    worker,
    temporalAddress,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    dir,
    all: () => [temporal, api, worker],
    async temporalReady(timeoutMs = 120_000) {
      await temporalScripts.waitForTemporal(temporalAddress, { namespace: 'temporal-system', timeoutMs, child: temporal.child });
      await production.registerNamespace(temporalAddress, 'default');
      await temporalScripts.waitForTemporal(temporalAddress, { namespace: 'default', timeoutMs, child: temporal.child });
    },
    async stop() {
      // The API first (a command in flight needs a worker to answer it), then the worker, then Temporal.
      await api.stop();
      await worker.stop();
      await temporal.stop();
      for (const log of logs) log.end();
    },
  };
}
