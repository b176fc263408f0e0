import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { PostgresEventStore } from '../../event-store/postgres';
import { createProjectionRunner } from '../../projections/runner';
import { openPostgres, TEST_DATABASE_URL, type AdapterUnderTest } from '../event-store/support/adapters';
import { uniqueToken } from '../event-store/support/events';
import { appendToStreams, expectedCounts } from './support/fixtures';
import { readCounts, streamCountsProjection } from './support/stream-counts.projection';

const REGISTER_TS = join(__dirname, 'support', 'register-ts.js');
const CHILD = join(__dirname, 'support', 'runner-child.ts');

interface Child {
  process: ChildProcess;
  /** Resolves when the child has printed `count` lines matching `pattern`. */
  waitFor(pattern: RegExp, count?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function spawnRunner(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['-r', REGISTER_TS, CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, signal, stderr });
    }),
  );
  const waitFor = async (pattern: RegExp, count = 1) => {
    while (lines.filter((l) => pattern.test(l)).length < count) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`runner child exited early: ${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { process: child, waitFor, exited };
}

describe('projection runner crash safety (PostgreSQL, real child process)', () => {
  let db: AdapterUnderTest & { store: PostgresEventStore; schema: string };

  beforeAll(async () => {
    db = await openPostgres();
  }, 60_000);
  afterAll(async () => db?.dispose());

  it('SIGKILLed mid-batch three times, then restarted: the read model equals a from-scratch rebuild', async () => {
    const category = `crash${uniqueToken()}`;
    const name = `counts_${category}`;
    const env = { DATABASE_URL: TEST_DATABASE_URL, SCHEMA: db.schema, PROJECTION: name, CATEGORY: category, BATCH_SIZE: '25' };
    const checkpointOf = async () =>
      (await db.store.sql.query<{ checkpoint: string }>('SELECT checkpoint FROM proj_checkpoints WHERE name = $1', [name])).rows[0]?.checkpoint ?? '';
    await appendToStreams(db.store, category, 10, 40);

    let previous = '';
    for (let crash = 1; crash <= 3; crash++) {
      const child = spawnRunner({ ...env, HOLD_MS: '40' });
      // Kill while a batch's writes are done but its transaction (and checkpoint) is not committed.
      await child.waitFor(/^written/, 3);
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      const checkpoint = await checkpointOf();
      expect(checkpoint > previous).toBe(true); // it made progress before dying...
      previous = checkpoint;
      await appendToStreams(db.store, category, 10, 2, 41 + (crash - 1) * 2); // ...and the log grows meanwhile
    }
    expect((await db.store.backlog(previous, { categories: [category] })).events).toBeGreaterThan(0); // ...but did not finish

    const restarted = spawnRunner({ ...env, EXIT_WHEN_CAUGHT_UP: '1' });
    await restarted.waitFor(/^caught-up$/);
    expect((await restarted.exited).code).toBe(0);

    const fresh = createProjectionRunner({ store: db.store, sql: db.store.sql, projection: streamCountsProjection({ name: `${name}_fresh`, category }) });
    await fresh.start();
    await fresh.waitUntilCaughtUp();
    await fresh.stop();

    const survived = await readCounts(db.store.sql, `rm_${name}`);
    expect(survived).toEqual(await readCounts(db.store.sql, fresh.table));
    expect(survived).toEqual(await expectedCounts(db.store, category));
    expect(survived.every((r) => r.anomalies === 0 && r.events === 46)).toBe(true);
  });
});
