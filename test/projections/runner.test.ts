import { createPgSqlClient } from '../../event-store/postgres/pg-client';
import type { PostgresEventStore, SqlClient, SqlExecutor } from '../../event-store/postgres';
import { quoteIdent } from '../../event-store/postgres';
import { createProjectionRunner, type ProjectionRunner } from '../../projections/runner';
import { openPglite, openPostgres, TEST_DATABASE_URL, type AdapterUnderTest } from '../event-store/support/adapters';
import { eventually, newEvent, sleep, uniqueToken } from '../event-store/support/events';
import type { Projection } from '../../projections/projection';
import { appendToStreams, expectedCounts } from './support/fixtures';
import { readCounts, streamCountsProjection } from './support/stream-counts.projection';

type Opened = AdapterUnderTest & { store: PostgresEventStore; schema?: string };

const databases: Array<[string, () => Promise<Opened>]> = [
  ['PGlite', openPglite],
  ['PostgreSQL', openPostgres],
];

describe.each(databases)('projection runner on %s', (_label, open) => {
  let db: Opened;
  let store: PostgresEventStore;
  const runners: ProjectionRunner[] = [];
  const extraClients: SqlClient[] = [];
  const run = (options: Omit<Parameters<typeof createProjectionRunner>[0], 'store' | 'sql'> & { sql?: SqlClient }) => {
    const runner = createProjectionRunner({ store, sql: store.sql, pollIntervalMs: 50, leaderRetryMs: 100, ...options });
    runners.push(runner);
    return runner;
  };
  /** A second connection pool to the same database, as another process would have (PGlite: the same one). */
  const otherProcessSql = (): SqlClient => {
    if (!db.schema) return store.sql;
    const sql = createPgSqlClient({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${quoteIdent(db.schema)}` });
    extraClients.push(sql);
    return sql;
  };

  beforeAll(async () => {
    db = await open();
    store = db.store;
  }, 60_000);
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await Promise.all(extraClients.map((sql) => sql.close()));
    await db?.dispose();
  });

  it('catches up, follows live, and commits the checkpoint with the read model', async () => {
    const category = `pc${uniqueToken()}`;
    await appendToStreams(store, category, 4, 12);
    const runner = run({ projection: streamCountsProjection({ name: `counts_${category}`, category }), batchSize: 7 });
    expect((await runner.lag()).events).toBe(48);
    await runner.start();
    await runner.waitUntilCaughtUp();
    await appendToStreams(store, category, 5, 3, 13);
    await eventually(
      () => readCounts(store.sql, runner.table),
      (rows) => rows.length === 5 && rows[0].events === 15,
    );
    await runner.waitUntilCaughtUp();

    expect(await readCounts(store.sql, runner.table)).toEqual(await expectedCounts(store, category));
    expect(await runner.lag()).toMatchObject({ events: 0, ms: 0 });
    const { rows } = await store.sql.query<{ checkpoint: string }>('SELECT checkpoint FROM proj_checkpoints WHERE name = $1', [runner.name]);
    const all = await store.readAll({ categories: [category], limit: 1000 });
    expect(rows[0].checkpoint).toBe(all[all.length - 1].checkpoint);
    expect(runner.status()).toMatchObject({ state: 'live', leader: true, eventsApplied: 63 });
  });

  it('reports lag in events and milliseconds while behind', async () => {
    const category = `lag${uniqueToken()}`;
    const runner = run({ projection: streamCountsProjection({ name: `counts_${category}`, category }) });
    await runner.start();
    await runner.stop();
    await appendToStreams(store, category, 2, 5);
    await sleep(30);
    const lag = await runner.lag();
    expect(lag.events).toBe(10);
    expect(lag.ms).toBeGreaterThanOrEqual(20);
  });

  it('writes nothing for a batch the projection ignores, stores its checkpoint later, and neither loses nor repeats an event', async () => {
    const category = `ig${uniqueToken()}`;
    const name = `marks_${category}`;
    // Counts the Marked events per stream and nothing else; not idempotent, so an event applied twice shows.
    const marks: Projection = {
      name,
      categories: [category],
      changes: (e) => e.type === 'Marked',
      init: async (sql, table) => void (await sql.query(`CREATE TABLE ${table} (stream_id text PRIMARY KEY, marks int NOT NULL)`)),
      async apply(sql, events, table) {
        for (const e of events.filter((m) => m.type === 'Marked')) {
          await sql.query(`INSERT INTO ${table} VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET marks = ${table}.marks + 1`, [e.streamId]);
        }
      },
    };
    const counted = { transactions: 0, checkpointWrites: 0 };
    const sql: SqlClient = Object.assign(Object.create(store.sql) as SqlClient, {
      transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => {
        counted.transactions += 1;
        return store.sql.transaction(fn);
      },
      query: (text: string, params?: readonly unknown[]) => {
        if (text.startsWith('UPDATE proj_checkpoints SET checkpoint')) counted.checkpointWrites += 1;
        return store.sql.query(text, params);
      },
    });
    const storedCheckpoint = async () =>
      (await store.sql.query<{ checkpoint: string }>('SELECT checkpoint FROM proj_checkpoints WHERE name = $1', [name])).rows[0].checkpoint;
    const mark = (stream: string) => store.append(`${category}-${stream}`, [newEvent('Marked')]);
    const ignored = (stream: string) => store.append(`${category}-${stream}`, [newEvent('Counted')]);

    const first = run({ projection: marks, sql, checkpointEveryMs: 60_000 });
    await first.start();
    await mark('a');
    await first.waitUntilCaughtUp();
    const afterMark = await storedCheckpoint();
    const before = { ...counted };
    for (let i = 0; i < 5; i++) await ignored('a');
    await first.waitUntilCaughtUp();
    // Caught up and nothing behind, with no transaction and no checkpoint written for the ignored batches...
    expect(await first.lag()).toMatchObject({ events: 0 });
    expect(counted).toEqual(before);
    expect(await storedCheckpoint()).toBe(afterMark);
    // ...which is stored on stop.
    await first.stop();
    const all = await store.readAll({ categories: [category] });
    expect(await storedCheckpoint()).toBe(all[all.length - 1].checkpoint);

    // Stored alone once the interval has passed, with the next relevant batch otherwise; a restart goes on from there.
    const second = run({ projection: marks, sql, checkpointEveryMs: 0 });
    await second.start();
    await ignored('b');
    await second.waitUntilCaughtUp();
    await eventually(storedCheckpoint, (c) => c === second.status().checkpoint);
    await mark('b');
    await mark('a');
    await second.waitUntilCaughtUp();
    expect(await storedCheckpoint()).toBe(second.status().checkpoint);
    const { rows } = await store.sql.query<{ stream_id: string; marks: number }>(`SELECT stream_id, marks FROM ${second.table} ORDER BY stream_id`);
    expect(rows).toEqual([
      { stream_id: `${category}-a`, marks: 2 },
      { stream_id: `${category}-b`, marks: 1 },
    ]);
  });

  it('has one leader per projection; a standby takes over when the leader stops, without double-applying', async () => {
    const category = `ld${uniqueToken()}`;
    const projection = streamCountsProjection({ name: `counts_${category}`, category });
    const first = run({ projection });
    const second = run({ projection, sql: otherProcessSql() });
    await first.start();
    await second.start();
    expect([first.status().state, second.status().state]).toEqual(['live', 'standby']);
    await appendToStreams(store, category, 3, 10);
    await first.waitUntilCaughtUp();
    await first.stop();
    await appendToStreams(store, category, 3, 10, 11);
    await eventually(
      async () => second.status().state,
      (state) => state === 'live',
      10_000,
    );
    await second.waitUntilCaughtUp();
    const rows = await readCounts(store.sql, first.table);
    expect(rows).toEqual(await expectedCounts(store, category));
    expect(rows.every((r) => r.anomalies === 0 && r.events === 20)).toBe(true);
  });

  it('rebuilds on a version bump and swaps the new table in under the same name', async () => {
    const category = `vb${uniqueToken()}`;
    const name = `counts_${category}`;
    await appendToStreams(store, category, 3, 4);
    const v1 = run({ projection: streamCountsProjection({ name, category, version: 1 }) });
    await v1.start();
    await v1.waitUntilCaughtUp();
    await v1.stop();
    await store.sql.query(`UPDATE ${v1.table} SET anomalies = 99`); // marks the v1 table, to see it replaced
    const v2 = run({ projection: streamCountsProjection({ name, category, version: 2 }), rebuildBatchSize: 5 });
    await v2.start();
    await v2.waitUntilCaughtUp();
    expect(await readCounts(store.sql, v2.table)).toEqual(await expectedCounts(store, category));
    const { rows } = await store.sql.query<{ version: number }>('SELECT version FROM proj_checkpoints WHERE name = $1', [name]);
    expect(Number(rows[0].version)).toBe(2);
  });

  it('rebuilds while appends continue: after the swap no event is missing or doubled', async () => {
    const category = `rb${uniqueToken()}`;
    await appendToStreams(store, category, 6, 20);
    const runner = run({ projection: streamCountsProjection({ name: `counts_${category}`, category }), rebuildBatchSize: 17, batchSize: 9 });
    await runner.start();
    await runner.waitUntilCaughtUp();
    let appending = true;
    const writer = (async () => {
      for (let round = 0; appending && round < 200; round++) {
        await appendToStreams(store, category, 6, 1, 21 + round);
        await sleep(5);
      }
    })();
    await sleep(50);
    await runner.rebuild();
    await sleep(100);
    appending = false;
    await writer;
    await runner.waitUntilCaughtUp();
    const rows = await readCounts(store.sql, runner.table);
    expect(rows).toEqual(await expectedCounts(store, category));
    expect(rows.every((r) => r.anomalies === 0)).toBe(true);
    expect(rows[0].events).toBeGreaterThan(20);
    const { rows: tables } = await store.sql.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1`,
      [`${runner.table}_g%`],
    );
    expect(tables[0].n).toBe('0'); // the rebuilt table took the stable name; nothing left behind
  });
});
