// SIGTERM under load, on the real processes: the server profile (API and worker as separate processes on
// PostgreSQL) and the embedded profile (one process on PGlite), against the test run's Temporal server.
// A steady stream of commands (openings, then an action on each opened case, every one with an
// Idempotency-Key) is in flight when the signal arrives. Each process must exit 0; every request must be
// acknowledged (2xx) or refused (503 on an open connection, or a refused new connection), never cut off;
// and every acknowledged command must be in the event store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { idFromKey } from '../../apps/api/idempotency/idempotency';
import { createPgliteEventStore, createPostgresEventStore } from '../../event-store/postgres';
import type { EventStore } from '../../event-store/types';
import { startCaseworkProcess, waitUntilHealthy, type CaseworkProcess } from '../support/casework-process';
import { freshSchema } from '../support/system';
import { portVisaBody } from '../api/support/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository, without types
const temporalServer = require('../../scripts/lib/temporal-server.cjs') as { freePort(): Promise<number> };
const freePort = () => temporalServer.freePort();

const OFFICE = '440106';
const CALLER = 'officer-li';
const LOOPS = 8;

interface Outcome {
  command: 'open' | 'request-materials';
  key: string;
  caseId?: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  contentType?: string;
  /** The error's code when no answer came (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, ...). */
  error?: string;
}

/** Sends one command; a request that got no answer is recorded with its error code instead of a status. */
async function send(base: string, token: string, command: Outcome['command'], path: string, body: unknown, caseId?: string): Promise<Outcome> {
  const key = randomUUID();
  const startedAt = Date.now();
  try {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const answeredCaseId = res.ok ? (JSON.parse(text) as { caseId: string }).caseId : caseId;
    return { command, key, caseId: answeredCaseId, startedAt, endedAt: Date.now(), status: res.status, contentType: res.headers.get('content-type') ?? '' };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { command, key, caseId, startedAt, endedAt: Date.now(), error: cause?.code ?? cause?.message ?? String(e) };
  }
}

/**
 * LOOPS clients, each opening a case and then asking for materials on it, again and again, until the server
 * turns it away (503 or a refused connection). Returns every outcome.
 */
function generateLoad(base: string, token: string): { outcomes: Outcome[]; inFlight: () => number; done: Promise<void> } {
  const outcomes: Outcome[] = [];
  let inFlight = 0;
  const track = async (p: Promise<Outcome>) => {
    inFlight += 1;
    const outcome = await p;
    inFlight -= 1;
    outcomes.push(outcome);
    return outcome;
  };
  const turnedAway = (o: Outcome) => o.status === 503 || o.error !== undefined;
  const loop = async () => {
    for (;;) {
      const opening = await track(send(base, token, 'open', '/cases', portVisaBody()));
      if (turnedAway(opening)) return;
      const action = await track(
        send(base, token, 'request-materials', `/cases/${opening.caseId}/actions/request-materials`, { items: ['return ticket'] }, opening.caseId),
      );
      if (turnedAway(action)) return;
    }
  };
  const done = Promise.all(Array.from({ length: LOOPS }, loop)).then(() => undefined);
  return { outcomes, inFlight: () => inFlight, done };
}

async function caseworkerToken(secret: string): Promise<string> {
  return new SignJWT({ roles: ['caseworker'], office: OFFICE })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(CALLER)
    .setIssuer('casework-dev')
    .setAudience('casework')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

/** Waits until some commands have been acknowledged and some are in flight, then sends SIGTERM. */
async function terminateUnderLoad(target: CaseworkProcess, load: ReturnType<typeof generateLoad>): Promise<{ signalledAt: number; inFlightAtSignal: number }> {
  const deadline = Date.now() + 60_000;
  while (load.outcomes.filter((o) => o.status !== undefined && o.status < 300).length < 2 * LOOPS || load.inFlight() < LOOPS / 2) {
    if (Date.now() > deadline) throw new Error(`the load never got going: ${JSON.stringify(load.outcomes.slice(-3))}\n${target.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const inFlightAtSignal = load.inFlight();
  const signalledAt = Date.now();
  target.child.kill('SIGTERM');
  return { signalledAt, inFlightAtSignal };
}

/** The outcome rules shared by both profiles; returns the acknowledged commands. */
function checkOutcomes(outcomes: Outcome[], signalledAt: number): Outcome[] {
  // A refused connection (the listener closes once the drain is over) never reached the server: safe to retry.
  const cutOff = outcomes.filter((o) => !(o.status !== undefined && ((o.status >= 200 && o.status < 300) || o.status === 503)) && o.error !== 'ECONNREFUSED');
  expect(cutOff).toEqual([]);
  for (const refused of outcomes.filter((o) => o.status === 503)) expect(refused.contentType).toMatch(/^application\/problem\+json/);
  const acknowledged = outcomes.filter((o) => o.status !== undefined && o.status < 300);
  // Commands sent before the signal and answered after it: the drain let them finish.
  expect(acknowledged.filter((o) => o.startedAt < signalledAt && o.endedAt > signalledAt).length).toBeGreaterThan(0);
  return acknowledged;
}

/** Exit code 0 and no signal; the process's output is in the failure message otherwise. */
async function expectCleanExit(p: CaseworkProcess): Promise<void> {
  const exit = await p.exited;
  expect({ ...exit, output: exit.code === 0 ? '' : p.output() }).toEqual({ code: 0, signal: null, output: '' });
}

async function expectStored(store: EventStore, acknowledged: Outcome[]): Promise<void> {
  const missing: Outcome[] = [];
  for (const o of acknowledged) {
    const events = await store.readStream(`case-${o.caseId}`);
    // A command's id is derived from the caller and the Idempotency-Key (apps/api/cases/case-commands.ts).
    if (!events.some((e) => e.metadata.commandId === idFromKey(CALLER, o.key))) missing.push(o);
  }
  expect(missing).toEqual([]);
}

describe('SIGTERM with commands in flight', () => {
  const secret = randomUUID();
  const temporal = () => ({ TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!, TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const common = { JWT_SECRET: secret, NODE_ENV: 'test', REGISTRY_LATENCY_MS: '5', REGISTRY_FAILURE_RATE: '0' };
  const started: CaseworkProcess[] = [];
  afterEach(() => {
    for (const p of started.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  });

  it('server profile: the API drains and exits 0, then the worker drains and exits 0; every acknowledged command is stored', async () => {
    const schema = await freshSchema();
    const port = await freePort();
    const env = { ...common, ...temporal(), ...schema, EVENT_STORE: 'postgres', PORT: String(port), TEMPORAL_TASK_QUEUE: `casework-sigterm-${randomUUID()}` };
    const worker = startCaseworkProcess('worker', env);
    const api = startCaseworkProcess('api', env);
    started.push(worker, api);
    await waitUntilHealthy(`http://127.0.0.1:${port}/health`, api);

    const load = generateLoad(`http://127.0.0.1:${port}`, await caseworkerToken(secret));
    const { signalledAt, inFlightAtSignal } = await terminateUnderLoad(api, load);
    expect(inFlightAtSignal).toBeGreaterThan(0);
    await expectCleanExit(api);
    await load.done;
    // The worker still has the opened cases' register checks to record: it is stopped while busy too.
    worker.child.kill('SIGTERM');
    await expectCleanExit(worker);

    const acknowledged = checkOutcomes(load.outcomes, signalledAt);
    const store = await createPostgresEventStore({ connectionString: schema.DATABASE_URL, schema: schema.DATABASE_SCHEMA });
    try {
      await expectStored(store, acknowledged);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('embedded profile: the one process drains HTTP before its worker and exits 0; every acknowledged command is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casework-sigterm-'));
    try {
      const port = await freePort();
      const env = {
        ...common,
        ...temporal(),
        EVENT_STORE: 'pglite',
        CASEWORK_DATA_DIR: dir,
        PORT: String(port),
        TEMPORAL_TASK_QUEUE: `casework-sigterm-${randomUUID()}`,
      };
      const embedded = startCaseworkProcess('embedded', env);
      started.push(embedded);
      await waitUntilHealthy(`http://127.0.0.1:${port}/health`, embedded);

      const load = generateLoad(`http://127.0.0.1:${port}`, await caseworkerToken(secret));
      const { signalledAt, inFlightAtSignal } = await terminateUnderLoad(embedded, load);
      expect(inFlightAtSignal).toBeGreaterThan(0);
      await expectCleanExit(embedded);
      await load.done;

      const acknowledged = checkOutcomes(load.outcomes, signalledAt);
      const store = await createPgliteEventStore({ dataDir: join(dir, 'pglite') });
      try {
        await expectStored(store, acknowledged);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
