import type { PostgresEventStore } from '../../event-store/postgres';
import { benchEvent, DATA } from './fixtures';
import { inParallel, median, percentile, report, timed } from './measure';

const WORKERS = 8;
/** Each figure is measured this many times, baseline and store taking turns, and the median reported: load that drifts during the run then weighs on both alike. */
const ROUNDS = 5;

/** Raw INSERTs into a plain table of the same shape: what PostgreSQL gives with no store logic at all. */
async function rawInsertRate(store: PostgresEventStore, batch: number, perWorker: number): Promise<number> {
  const { seconds } = await timed(() =>
    inParallel(WORKERS, perWorker, async (w, i) => {
      const rows = Array.from({ length: batch }, (_, k) => benchEvent(i * batch + k));
      await store.sql.query(
        `INSERT INTO bench_raw (stream_id, version, type, data, metadata)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[])`,
        [
          rows.map(() => `raw-${w}`),
          rows.map((_, k) => i * batch + k),
          rows.map((r) => r.type),
          rows.map((r) => JSON.stringify(r.data)),
          rows.map((r) => JSON.stringify(r.metadata)),
        ],
      );
    }),
  );
  return (WORKERS * perWorker * batch) / seconds;
}

export async function benchAppends(store: PostgresEventStore): Promise<void> {
  console.log(
    `\n-- appends (${WORKERS} concurrent writers, distinct streams; payload ${JSON.stringify(DATA).length} B; median of ${ROUNDS} alternating rounds)`,
  );
  await store.sql.query(`CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, stream_id text, version int, type text, data jsonb, metadata jsonb)`);
  const rawSingle: number[] = [];
  const rawBatched: number[] = [];
  const single: number[] = [];
  const batched: number[] = [];
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawSingle.push(await rawInsertRate(store, 1, 250));
    const one = await timed(() =>
      inParallel(WORKERS, 250, async (w, i) => {
        const start = performance.now();
        await store.append(`single-${round}-${w}`, [benchEvent(i)], { expectedVersion: i === 0 ? 'no-stream' : i });
        latencies.push(performance.now() - start);
      }),
    );
    single.push((WORKERS * 250) / one.seconds);
    rawBatched.push(await rawInsertRate(store, 10, 100));
    const ten = await timed(() =>
      inParallel(WORKERS, 100, async (w, i) => {
        await store.append(
          `batch-${round}-${w}`,
          Array.from({ length: 10 }, (_, k) => benchEvent(i * 10 + k)),
          { expectedVersion: i * 10 },
        );
      }),
    );
    batched.push((WORKERS * 1000) / ten.seconds);
  }
  const rawSingleRate = median(rawSingle);
  const rawBatchedRate = median(rawBatched);
  report('raw INSERT, 1 row per statement', rawSingleRate, 'rows/s');
  report('raw INSERT, 10 rows per statement', rawBatchedRate, 'rows/s');
  report('append, 1 event per call', median(single), 'events/s', { label: 'raw single INSERT', value: rawSingleRate });
  report('append, 10 events per call', median(batched), 'events/s', { label: 'raw 10-row INSERT', value: rawBatchedRate }, '>= 0.7x');
  latencies.sort((a, b) => a - b);
  report('append latency p50 (1 event)', percentile(latencies, 50), 'ms');
  report('append latency p99 (1 event)', percentile(latencies, 99), 'ms');
}
