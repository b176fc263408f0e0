import type { PostgresEventStore } from '../../event-store/postgres';
import { START, type Checkpoint } from '../../event-store/types';
import { report, timed } from './measure';

const PAGE = 1000;

/** A plain keyset scan over the same table: the floor under readAll's visibility rule and row mapping. */
async function plainScan(store: PostgresEventStore): Promise<number> {
  let after = '0';
  let total = 0;
  for (;;) {
    const { rows } = await store.sql.query<{ p: string }>(
      `SELECT global_position::text AS p, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash
         FROM ${store.tables.events} WHERE global_position > $1 ORDER BY global_position LIMIT ${PAGE}`,
      [after],
    );
    total += rows.length;
    if (rows.length < PAGE) return total;
    after = rows[rows.length - 1].p;
  }
}

async function readAllScan(store: PostgresEventStore): Promise<number> {
  let after: Checkpoint = START;
  let total = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    total += page.length;
    if (page.length < PAGE) return total;
    after = page[page.length - 1].checkpoint;
  }
}

async function subscriptionScan(store: PostgresEventStore, expected: number): Promise<number> {
  let seen = 0;
  await new Promise<void>((resolve) => {
    const subscription = store.subscribe({
      batchSize: PAGE,
      onEvents: async (events) => {
        seen += events.length;
        if (seen >= expected) void subscription.stop().then(resolve);
      },
    });
  });
  return seen;
}

export async function benchReads(store: PostgresEventStore): Promise<void> {
  console.log('\n-- reading the global log');
  const plain = await timed(() => plainScan(store));
  const baseline = { label: 'plain SELECT scan', value: plain.result / plain.seconds };
  report(`plain SELECT keyset scan (${plain.result} rows)`, baseline.value, 'rows/s');
  const all = await timed(() => readAllScan(store));
  report('readAll pages of 1000', all.result / all.seconds, 'events/s', baseline);
  const sub = await timed(() => subscriptionScan(store, all.result));
  report('subscribe catch-up from START', sub.result / sub.seconds, 'events/s', baseline);
}
