import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { loadConfig, type Config } from '../../config/config';
import { startCasework, type Overrides, type Running } from '../../apps/runtime/compose';
import type { Logger } from 'pino';
import { createLogger } from '../../apps/runtime/logger';
import type { Role } from '../../domain';
import { EVENT_STORE } from '../../apps/api/tokens';
import type { EventStore } from '../../event-store/types';

export interface TestSystem {
  url: string;
  config: Config;
  /** The event store the system writes to (its API's): a test appends a case recorded long ago to it. */
  store: EventStore;
  /** A token of this system's issuer; an applicant's carries `claims` or, by default, the fixtures' applicant's ID number. */
  token(role: Role, office: string, sub?: string, claims?: Record<string, unknown>): Promise<string>;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Until every read model has applied all that the store holds now: the lists, queues and board lag the cases. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The person the test fixtures' online cases are about (test/api/support/fixtures.ts APPLICANT_ID): an
 * applicant's token names who is lodging, and applicants lodge for themselves.
 */
const FIXTURE_APPLICANT_ID = '440105199001011239';

/**
 * The whole system in this process, on a fresh store and its own task queue, against the real Temporal server.
 * `log`: where the API, worker and projections log (a test may capture it); warnings to stdout otherwise.
 */
export async function startTestSystem(
  profile: 'pglite' | 'postgres',
  env: Record<string, string> = {},
  overrides: Overrides = {},
  log: Logger = createLogger('warn', 'test'),
): Promise<TestSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'casework-test-'));
  const secret = process.env.JWT_SECRET ?? randomUUID();
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    CASEWORK_DATA_DIR: dir,
    EVENT_STORE: profile,
    ...(profile === 'postgres' ? await freshSchema() : {}),
    TEMPORAL_TASK_QUEUE: `casework-test-${randomUUID()}`,
    // The fixtures lodge many cases for one person: only the tests of the duplicate check turn it on.
    POSSIBLE_DUPLICATES: 'off',
    JWT_SECRET: secret,
    REGISTRY_LATENCY_MS: '5',
    REGISTRY_FAILURE_RATE: '0',
    LOG_LEVEL: 'warn',
    // Tests act for few callers in quick succession: the limits are shown by their own tests, with low values.
    RATE_LIMIT_MAX: '1000000',
    ALERT_STREAMS_PER_CALLER: '100',
    ...env,
  });
  // The workflow code jest's global setup bundled for the whole run (global-setup.js says why).
  const bundled = process.env.CASEWORK_TEST_WORKFLOW_BUNDLE;
  const parts = { api: true, worker: true, projections: true };
  const running: Running = await startCasework(config, parts, log, undefined, { ...(bundled ? { workflowBundle: { codePath: bundled } } : {}), ...overrides });
  const key = new TextEncoder().encode(secret);
  const url = running.url!;
  return {
    url,
    config,
    async caughtUp() {
      await Promise.all([...(running.projections?.runners.values() ?? [])].map((r) => r.waitUntilCaughtUp()));
    },
    // The API's own store: a PGlite database is one process's, so a test cannot open it beside the system.
    store: running.app!.get<symbol, EventStore>(EVENT_STORE, { strict: false }),
    token: (role, office, sub = `${role}-${office}`, claims = role === 'applicant' ? { idNumber: FIXTURE_APPLICANT_ID } : {}) =>
      new SignJWT({ ...claims, roles: [role], office })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer('casework-dev')
        .setAudience('casework')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL schema of its own (store tables and read models), so test files never see each other's rows. */
export async function freshSchema(): Promise<{ DATABASE_URL: string; DATABASE_SCHEMA: string }> {
  // The store creates the schema; the connection's search_path puts the read models in it too.
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return { DATABASE_URL: base, DATABASE_SCHEMA: schema };
}

/** Polls until `check` returns a value (projections are eventually consistent, with a bounded lag). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
