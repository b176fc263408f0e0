import type { PostgresEventStore, SqlExecutor } from '../../event-store/postgres';
import type { RecordedEvent } from '../../event-store/types';
import type { Projection } from '../../projections/projection';
import { createProjectionRunner } from '../../projections/runner';
import { encodeCheckpoint } from '../../event-store/checkpoint';
import { report, timed } from './measure';

const STREAMS = 10_000;
const BATCH = 5000;

/** Writes N events straight into es_events with SQL (hashes are not checked by a rebuild): seeding 1M through appends would dominate the run. */
async function seed(store: PostgresEventStore, events: number): Promise<void> {
  const t = store.tables;
  for (let from = 0; from < events; from += 100_000) {
    const to = Math.min(events, from + 100_000) - 1;
    await store.sql.query(
      `INSERT INTO ${t.events} (transaction_id, event_id, stream_id, category, version, type, data, metadata, occurred_at, prev_hash, hash)
       SELECT pg_current_xact_id(), 'seed-' || g, 'rebuild-' || (g % ${STREAMS}), 'rebuild', g / ${STREAMS} + 1, 'Counted',
              jsonb_build_object('n', g), jsonb_build_object('actor', 'bench', 'at', now()), now(), repeat('0', 64), repeat('0', 64)
         FROM generate_series($1::int, $2::int) AS g`,
      [from, to],
    );
  }
}

/** Counts and sums per stream, one set-based upsert per batch: the shape a real read model should have. */
async function upsertCounts(sql: SqlExecutor, table: string, events: Array<{ streamId: string; n: number }>): Promise<void> {
  const agg = new Map<string, { events: number; total: number }>();
  for (const e of events) {
    const row = agg.get(e.streamId) ?? { events: 0, total: 0 };
    row.events += 1;
    row.total += e.n;
    agg.set(e.streamId, row);
  }
  await sql.query(
    `INSERT INTO ${table} AS t (stream_id, events, total) SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[])
     ON CONFLICT (stream_id) DO UPDATE SET events = t.events + EXCLUDED.events, total = t.total + EXCLUDED.total`,
    [[...agg.keys()], [...agg.values()].map((r) => r.events), [...agg.values()].map((r) => r.total)],
  );
}

const createCounts = (table: string) => `CREATE TABLE ${table} (stream_id text PRIMARY KEY, events int NOT NULL, total bigint NOT NULL)`;

const countsProjection: Projection = {
  name: 'bench_counts',
  categories: ['rebuild'],
  init: async (sql, table) => void (await sql.query(createCounts(table))),
  apply: (sql, events: RecordedEvent[], table) =>
    upsertCounts(
      sql,
      table,
      events.map((e) => ({ streamId: e.streamId, n: (e.data as { n: number }).n })),
    ),
};

/** Baseline: the same work without the store or the runner: keyset scan + the same upsert. */
async function plainScanAndUpsert(store: PostgresEventStore): Promise<number> {
  await store.sql.query(createCounts('bench_plain_counts'));
  let after = '0';
  let total = 0;
  for (;;) {
    const { rows } = await store.sql.query<{ p: string; stream_id: string; data: { n: number } }>(
      `SELECT global_position::text AS p, stream_id, data FROM ${store.tables.events}
        WHERE global_position > $1 AND category = 'rebuild' ORDER BY global_position LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return total;
    await store.sql.transaction((tx) =>
      upsertCounts(
        tx,
        'bench_plain_counts',
        rows.map((r) => ({ streamId: r.stream_id, n: r.data.n })),
      ),
    );
    total += rows.length;
    after = rows[rows.length - 1].p;
  }
}

export async function benchRebuild(store: PostgresEventStore, events: number): Promise<void> {
  console.log(`\n-- projection rebuild of ${events.toLocaleString('en-US')} events (${STREAMS} streams)`);
  const runner = createProjectionRunner({ store, sql: store.sql, projection: countsProjection, rebuildBatchSize: BATCH });
  await runner.start(); // creates the table and checkpoint row on an empty log
  await runner.stop();
  await seed(store, events);
  // Hint bits, visibility map and statistics for the fresh rows: otherwise whichever scan comes first pays for setting them.
  await store.sql.query(`VACUUM (ANALYZE) ${store.tables.events}`);
  // Start live at the head, so what is timed is the rebuild's replay alone.
  const {
    rows: [last],
  } = await store.sql.query<{ t: string; p: string }>(
    `SELECT transaction_id::text AS t, global_position::text AS p FROM ${store.tables.events} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  await store.sql.query('UPDATE proj_checkpoints SET checkpoint = $2 WHERE name = $1', [countsProjection.name, encodeCheckpoint(last.t, last.p)]);
  const plain = await timed(() => plainScanAndUpsert(store));
  const baseline = { label: 'plain scan+upsert', value: plain.result / plain.seconds };
  report('plain keyset scan + upsert', baseline.value, 'events/s');
  await runner.start();
  const rebuilt = await timed(() => runner.rebuild());
  await runner.stop();
  report('runner.rebuild() (replay + swap)', events / rebuilt.seconds, 'events/s', baseline, '>= 20,000/s and >= 0.5x');
}
