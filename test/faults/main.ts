// `npm run test:faults`: the fault suite. On its own PostgreSQL cluster, the production Temporal server and
// the API and worker as separate processes, a well-behaved client drives cases of every registered type while
// faults are injected, each kind several times with commands in flight. Then it checks, with code, that
// nothing acknowledged was lost, nothing happened twice, every case completed with an intact history,
// every read model equals a rebuild, and every process is up. The last line of the output is
// `lost=<n> duplicated=<n> stuck=<n> crashed=<n>`; the exit code is non-zero when anything failed.
//
// FAULTS_MINUTES (default 8) spreads the injections; FAULTS_ROUNDS (default 3) is how often each kind is
// injected; FAULTS_KINDS (default all) which kinds; FAULTS_LOOPS (default 6) how many cases are driven at a time;
// FAULTS_DEBUG=1 prints every request. A failed run keeps the processes' logs and each stuck case's history.
// Everything runs on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { COMMAND_DEADLINE_MS } from '../../apps/api/cases/case-commands';
import { createPostgresEventStore } from '../../event-store/postgres';
import { Client } from './client';
import { createPostgresCluster, type PostgresCluster } from './postgres-cluster';
import { createTopology, type Supervised, type Topology } from './topology';
import { nondeterministicTasks, saveStuckHistories } from './diagnose';
import { compareWithRebuild, readCaseEvents, verifyStore } from './verify';
import { FAULT_KINDS, formatReport, type FaultKind, type Injection } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository, without types
const scripts = require('../../scripts/lib/temporal-server.cjs') as {
  freePort: () => Promise<number>;
  isPortOpen: (a: { host: string; port: number }) => Promise<boolean>;
};
const { freePort, isPortOpen } = scripts;

const MINUTES = Number(process.env.FAULTS_MINUTES ?? 8);
const ROUNDS = Number(process.env.FAULTS_ROUNDS ?? 3);
const LOOPS = Number(process.env.FAULTS_LOOPS ?? 6);
/** FAULTS_KINDS: only these kinds (comma-separated, as the report names them), e.g. `worker frozen` to repeat one. */
const KINDS: readonly FaultKind[] = process.env.FAULTS_KINDS ? parseKinds(process.env.FAULTS_KINDS) : FAULT_KINDS;
const FREEZE_MS = 20_000;
/** A command may take the server-side deadline plus this before the client calls it a violation. */
const DEADLINE_MARGIN_MS = 2_000;
/** A dead or frozen worker must turn /health 503 within this (docs/api.md). */
const HEALTH_WITHIN_MS = 5_000;
const DRAIN_MS = 90_000;
/** How long one fault may take to heal before the suite calls it not recovered and goes on. */
const RECOVERY_MS = 90_000;
/** Injections still due this long after FAULTS_MINUTES are skipped (and reported): the run stays bounded. */
const OVERRUN_MS = 60_000;
/** The whole run, whatever happens: past it everything is stopped and the run fails. */
const LIMIT_MS = (MINUTES + 7) * 60_000;
const SCHEMA = 'casework';

function parseKinds(list: string): FaultKind[] {
  const kinds = list.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0) throw new Error(`FAULTS_KINDS: unknown ${unknown.join(', ')}; the kinds are ${FAULT_KINDS.join(', ')}`);
  return kinds as FaultKind[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** /health every 250 ms: when it turned 503 and back. */
class HealthWatch {
  samples: Array<{ at: number; status: number | undefined }> = [];
  private stopped = false;
  constructor(private readonly url: string) {}
  start(): void {
    void (async () => {
      while (!this.stopped) {
        const status = await fetch(this.url, { signal: AbortSignal.timeout(3_000) }).then(
          (r) => r.status,
          () => undefined,
        );
        this.samples.push({ at: Date.now(), status });
        await sleep(250);
      }
    })();
  }
  stop(): void {
    this.stopped = true;
  }
  /** First sample at or after `from` that was not 200, if any before `until`. */
  firstDown(from: number, until = Infinity): number | undefined {
    return this.samples.find((s) => s.at >= from && s.at <= until && s.status !== 200)?.at;
  }
  async waitUntil(predicate: (status: number | undefined) => boolean, from: number, timeoutMs: number): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const hit = this.samples.find((s) => s.at >= from && predicate(s.status));
      if (hit) return hit.at;
      await sleep(100);
    }
    return undefined;
  }
}

/** The last lines of a log file, for a message. */
function tail(file: string, lines = 15): string {
  try {
    // The server logs JSON lines with long stack traces: their start says enough.
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((line) => line.slice(0, 300))
      .join('\n');
  } catch {
    return `(no ${file})`;
  }
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortOpen({ host: '127.0.0.1', port }))) {
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/**
 * A frontend port whose neighbours (the server's other services: +1, +2, +6, +100…) are free too, below
 * 32768: the server stores membership ports as a PostgreSQL smallint.
 */
async function temporalPort(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = [0, 1, 2, 6, 100, 101, 102, 106].map((o) => base + o);
    const open = await Promise.all(ports.map((port) => isPortOpen({ host: '127.0.0.1', port })));
    if (!open.some(Boolean)) return base;
  }
}

interface Run {
  pg: PostgresCluster;
  topology: Topology;
  client: Client;
  health: HealthWatch;
}

/** Injects one fault and brings the system back; returns when it is back (or gave up waiting). */
async function inject(run: Run, kind: FaultKind, round: number): Promise<Injection> {
  const { topology, client, health, pg } = run;
  // Only with commands in flight: wait (briefly) for one.
  for (let i = 0; i < 100 && client.inFlight === 0; i++) await sleep(50);
  const injection: Injection = { kind, round, inFlight: client.inFlight, injectedAt: Date.now(), effectiveAt: 0, resumedAt: 0 };
  log(`inject ${kind} #${round + 1} (${injection.inFlight} commands in flight)`);
  const kill = async (p: Supervised) => {
    p.signal('SIGKILL');
    await p.exited();
    injection.effectiveAt = Date.now();
  };
  switch (kind) {
    case 'worker SIGKILL': {
      await kill(topology.worker);
      // A supervisor restarts it a moment later: long enough for readiness to notice it gone.
      const down = await health.waitUntil((s) => s !== 200, injection.injectedAt, HEALTH_WITHIN_MS * 2);
      injection.healthDownMs = down === undefined ? undefined : down - injection.injectedAt;
      await topology.worker.start();
      break;
    }
    case 'worker frozen': {
      topology.worker.signal('SIGSTOP');
      injection.effectiveAt = Date.now();
      await sleep(FREEZE_MS);
      const down = health.firstDown(injection.injectedAt);
      injection.healthDownMs = down === undefined ? undefined : down - injection.injectedAt;
      topology.worker.signal('SIGCONT');
      break;
    }
    case 'API SIGKILL':
      await kill(topology.api);
      await topology.api.start();
      break;
    case 'API SIGTERM':
      // A rolling restart: the API drains (503 to new requests, answers for those in flight) and exits; started again.
      topology.api.signal('SIGTERM');
      await topology.api.exited();
      injection.effectiveAt = Date.now();
      injection.exit = topology.api.lastExit;
      await topology.api.start();
      break;
    case 'Temporal SIGKILL':
      await kill(topology.temporal);
      await topology.temporal.start();
      break;
    case 'PostgreSQL stop':
      await pg.stopImmediately();
      injection.effectiveAt = Date.now();
      await sleep(3_000);
      await pg.start();
      break;
  }
  injection.resumedAt = Date.now();
  // Back: /health answers 200 and a command sent after the fault took effect has been acknowledged.
  const deadline = Date.now() + RECOVERY_MS;
  while (Date.now() < deadline) {
    const ack = client.attempts.find((a) => a.startedAt > injection.effectiveAt && a.status !== undefined && a.status < 300);
    const healthy = health.samples.some((s) => s.at > injection.resumedAt && s.status === 200);
    if (ack && healthy) {
      injection.recoveredAt = Math.max(ack.endedAt, health.samples.find((s) => s.at > injection.resumedAt && s.status === 200)!.at);
      break;
    }
    await sleep(200);
  }
  log(`  back after ${injection.recoveredAt ? ((injection.recoveredAt - injection.injectedAt) / 1000).toFixed(1) + ' s' : 'NOT RECOVERED'}`);
  return injection;
}

async function main(): Promise<{ text: string; failed: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'casework-faults-'));
  const started = Date.now();
  let pg: PostgresCluster | undefined;
  let topology: Topology | undefined;
  let health: HealthWatch | undefined;
  let recordingStore: Awaited<ReturnType<typeof createPostgresEventStore>> | undefined;
  let cleaning: Promise<void> | undefined;
  let keepLogs = true;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      health?.stop();
      await recordingStore?.close().catch(() => undefined);
      await topology?.stop().catch((e: unknown) => log(`stopping the processes: ${String(e)}`));
      pg?.destroy();
      // The processes' logs stay when something went wrong.
      if (keepLogs) log(`logs kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping everything`);
      void cleanUp().then(() => process.exit(130));
    });
  }
  const watchdog = setTimeout(() => {
    log(`the run passed its limit of ${LIMIT_MS / 60_000} minutes: stopping everything`);
    void cleanUp().then(() => process.exit(3));
  }, LIMIT_MS);
  watchdog.unref();

  try {
    log(`PostgreSQL cluster, Temporal server, API and worker under ${dir}`);
    pg = createPostgresCluster(await freePort());
    await pg.start();
    const admin = new PgClient({ connectionString: pg.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE casework');
    await admin.end();

    const secret = randomBytes(32).toString('base64url');
    const apiPort = await freePort();
    const env = {
      NODE_ENV: 'development',
      EVENT_STORE: 'postgres',
      DATABASE_URL: pg.url('casework'),
      DATABASE_SCHEMA: SCHEMA,
      JWT_SECRET: secret,
      TEMPORAL_TASK_QUEUE: 'casework-faults',
      REGISTRY_LATENCY_MS: '10',
      REGISTRY_FAILURE_RATE: '0.02',
      // The suite's client and its verifier are one caller sending far more than a person would: the per-caller
      // rate limit (tested in test/api/limits) would slow the load and refuse the verification.
      RATE_LIMIT_MAX: '1000000',
    };
    // A port picked a moment ago can be taken by the time the server binds its seven: one more try elsewhere.
    for (let attempt = 1; ; attempt++) {
      topology = await createTopology({ dir: join(dir, `t${attempt}`), postgres: pg, temporalPort: await temporalPort(), apiPort, env });
      try {
        await topology.temporal.start();
        await topology.temporalReady();
        break;
      } catch (error) {
        log(`the Temporal server did not start: ${String(error)}\n${tail(join(dir, `t${attempt}`, 'temporal', 'server.log'))}`);
        await topology.stop();
        if (attempt === 2) throw error;
      }
    }
    log(`Temporal server ready at ${topology.temporalAddress}`);
    await topology.worker.start();
    await topology.api.start();
    await waitForPort(apiPort, 120_000);
    health = new HealthWatch(`${topology.apiUrl}/health`);
    health.start();
    if ((await health.waitUntil((s) => s === 200, 0, 180_000)) === undefined) throw new Error('the API never became ready (see api.log, worker.log)');
    log(`API ready at ${topology.apiUrl}; load: ${LOOPS} cases at a time`);

    // The client's own connection to the store, for the parents it records (a residence permit a year old): faults
    // hit it as they hit the API's.
    recordingStore = await createPostgresEventStore({ connectionString: pg.url('casework'), schema: SCHEMA });
    const client = new Client({ baseUrl: topology.apiUrl, secret, timeoutMs: 30_000, thinkMs: 400, store: recordingStore });
    await client.init();
    const run: Run = { pg, topology, client, health };
    let stopStarting = false;
    let stopAll = false;
    const load = client.run(
      LOOPS,
      () => stopStarting,
      () => stopAll,
    );

    // Warm up, then each kind in turn, ROUNDS times, spread over FAULTS_MINUTES.
    await sleep(15_000);
    const plan = Array.from({ length: ROUNDS }, (_, round) => KINDS.map((kind) => ({ kind, round }))).flat();
    const slotMs = (MINUTES * 60_000) / plan.length;
    const injections: Injection[] = [];
    const notes: string[] = [];
    const phaseStart = Date.now();
    for (const [i, { kind, round }] of plan.entries()) {
      const at = phaseStart + i * slotMs;
      if (Date.now() > phaseStart + MINUTES * 60_000 + OVERRUN_MS) {
        notes.push(`${plan.length - i} injections skipped: the faults took longer to heal than FAULTS_MINUTES allows`);
        break;
      }
      if (Date.now() < at) await sleep(at - Date.now());
      injections.push(await inject(run, kind, round));
      await sleep(5_000); // some steady load between faults
    }

    log('faults done: finishing the cases in flight');
    stopStarting = true;
    const drained = await Promise.race([load.then(() => true), sleep(DRAIN_MS).then(() => false)]);
    stopAll = true;
    if (!drained) log(`cases still moving after ${DRAIN_MS / 1000} s: counted as stuck`);

    // The verdict.
    log('verifying');
    const store = await createPostgresEventStore({ connectionString: pg.url('casework'), schema: SCHEMA });
    try {
      const verdict = verifyStore(client.acked, await readCaseEvents(store.sql, store.tables.events));
      const integrity: string[] = [];
      const unchecked = [...client.cases];
      const checkIntegrity = async () => {
        for (let c = unchecked.shift(); c; c = unchecked.shift()) {
          const r = await fetch(`${topology!.apiUrl}/cases/${c.caseId}/integrity`, { headers: { authorization: `Bearer ${client.token('supervisor')}` } });
          const body = (await r.json()) as { ok?: boolean; firstBrokenVersion?: number };
          if (r.status !== 200 || body.ok !== true) integrity.push(`${c.caseId}: ${r.status} ${JSON.stringify(body)}`);
        }
      };
      await Promise.all(Array.from({ length: 4 }, checkIntegrity));
      let readModels = await compareWithRebuild(store, store.sql);
      for (let i = 0; i < 15 && readModels.some((d) => d.differingRows > 0); i++) {
        await sleep(2_000); // the live projections may still be catching up
        readModels = await compareWithRebuild(store, store.sql);
      }
      const stuck = client.cases.filter((c) => !c.completed);
      for (const run of await saveStuckHistories(
        topology.temporalAddress,
        stuck.map((c) => c.caseId),
        topology.dir,
      )) {
        notes.push(`stuck ${run.caseId} in Temporal: ${run.summary}${run.file ? `; history in ${run.file}` : ''}`);
      }
      log(`the worker failed ${nondeterministicTasks(join(topology.dir, 'worker.log'))} workflow tasks as nondeterministic (TMPRL1100), each retried`);
      const down = topology.all().filter((p) => !p.running);
      const crashes = [...topology.all().flatMap((p) => p.crashes), ...down.map((p) => `${p.name} is not running at the end`)];
      const report = formatReport({
        injections,
        attempts: client.attempts,
        serverErrors: client.serverErrors,
        verdict,
        stuck,
        cases: client.cases,
        crashes,
        integrity,
        readModels,
        unexpected: client.unexpected,
        notes,
        deadlineMs: COMMAND_DEADLINE_MS + DEADLINE_MARGIN_MS,
        healthWithinMs: HEALTH_WITHIN_MS,
        minutes: (Date.now() - started) / 60_000,
      });
      keepLogs = report.failed;
      return report;
    } finally {
      await store.close();
    }
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

// The report comes once everything is stopped, so that its summary is the last line.
main().then(
  (report) => {
    process.stdout.write(report.text);
    process.exit(report.failed ? 1 : 0);
  },
  (error: unknown) => {
    process.stderr.write(`[faults] error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
