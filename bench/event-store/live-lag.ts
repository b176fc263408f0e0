import type { PostgresEventStore } from '../../event-store/postgres';
import { encodeCheckpoint } from '../../event-store/checkpoint';
import { benchEvent } from './fixtures';
import { percentile, report } from './measure';

/** Sent first at the same rate and not counted: pool connections opened by the burst are cold (backend start, plpgsql compile, first plans: ~35 ms CPU each). */
const WARMUP_SECONDS = 1;

/** Appends ~rate events/s (10 per tick, spread over streams) for `seconds` after a warm-up; a subscriber measures send→delivery time. */
export async function benchLiveLag(store: PostgresEventStore, rate = 1000, seconds = 10): Promise<void> {
  console.log(`\n-- subscription lag while appending ${rate} events/s for ${seconds} s (after ${WARMUP_SECONDS} s of warm-up at the same rate)`);
  const lags: number[] = [];
  const warmupLags: number[] = [];
  const perTick = 10;
  const tickMs = (1000 * perTick) / rate;
  const warmup = rate * WARMUP_SECONDS;
  const total = warmup + rate * seconds;
  const subscription = store.subscribe({
    categories: ['lag'],
    after: (await lastCheckpoint(store)) ?? '',
    pollIntervalMs: 250,
    onEvents: async (events) => {
      const now = Date.now();
      for (const e of events) {
        const { sentAt, n } = e.data as { sentAt: number; n: number };
        (n < warmup ? warmupLags : lags).push(now - sentAt);
      }
    },
  });
  const started = Date.now();
  const pending: Promise<unknown>[] = [];
  for (let sent = 0; sent < total; sent += perTick) {
    const due = started + (sent / perTick) * tickMs;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    for (let k = 0; k < perTick; k++) pending.push(store.append(`lag-${(sent + k) % 50}`, [benchEvent(sent + k)]));
  }
  await Promise.all(pending);
  const deadline = Date.now() + 30_000;
  while (lags.length + warmupLags.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await subscription.stop();
  lags.sort((a, b) => a - b);
  warmupLags.sort((a, b) => a - b);
  report('events delivered (measured)', lags.length, `of ${total - warmup}`);
  report('lag p50', percentile(lags, 50), 'ms');
  report('lag p99', percentile(lags, 99), 'ms', undefined, '< 200 ms');
  report('warm-up second, lag p99 (not counted)', percentile(warmupLags, 99), 'ms');
}

async function lastCheckpoint(store: PostgresEventStore): Promise<string | null> {
  const { rows } = await store.sql.query<{ t: string; p: string }>(
    `SELECT transaction_id::text AS t, global_position::text AS p FROM ${store.tables.events} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return rows[0] ? encodeCheckpoint(rows[0].t, rows[0].p) : null;
}
