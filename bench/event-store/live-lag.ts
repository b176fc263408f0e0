import type { PostgresEventStore } from '../../event-store/postgres';
import { encodeCheckpoint } from '../../event-store/checkpoint';
import { benchEvent } from './fixtures';
import { percentile, report } from './measure';

/** Appends ~rate events/s (10 per tick, spread over streams) for `seconds`; a subscriber measures send→delivery time. */
export async function benchLiveLag(store: PostgresEventStore, rate = 1000, seconds = 10): Promise<void> {
  console.log(`\n-- subscription lag while appending ${rate} events/s for ${seconds} s`);
  const lags: number[] = [];
  const subscription = store.subscribe({
    categories: ['lag'],
    after: (await lastCheckpoint(store)) ?? '',
    pollIntervalMs: 250,
    onEvents: async (events) => {
      const now = Date.now();
      for (const e of events) lags.push(now - (e.data as { sentAt: number }).sentAt);
    },
  });
  const perTick = 10;
  const tickMs = (1000 * perTick) / rate;
  const total = rate * seconds;
  const started = Date.now();
  const pending: Promise<unknown>[] = [];
  for (let sent = 0; sent < total; sent += perTick) {
    const due = started + (sent / perTick) * tickMs;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    for (let k = 0; k < perTick; k++) pending.push(store.append(`lag-${(sent + k) % 50}`, [benchEvent(sent + k)]));
  }
  await Promise.all(pending);
  const deadline = Date.now() + 30_000;
  while (lags.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await subscription.stop();
  lags.sort((a, b) => a - b);
  report('events delivered', lags.length, `of ${total}`);
  report('lag p50', percentile(lags, 50), 'ms');
  report('lag p99', percentile(lags, 99), 'ms', undefined, '< 200 ms');
}

async function lastCheckpoint(store: PostgresEventStore): Promise<string | null> {
  const { rows } = await store.sql.query<{ t: string; p: string }>(
    `SELECT transaction_id::text AS t, global_position::text AS p FROM ${store.tables.events} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return rows[0] ? encodeCheckpoint(rows[0].t, rows[0].p) : null;
}
