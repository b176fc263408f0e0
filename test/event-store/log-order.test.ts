// Regression: the global log is ordered by transaction id as a number. Reads once sorted by its text
// copy, so '1000' came before '999': a subscriber crossing a digit boundary skipped events, then got
// them twice. Rows with forged transaction ids on each side of a boundary make it deterministic.
import { openPglite, openPostgres, type AdapterUnderTest } from './support/adapters';
import { newEvent, uniqueToken } from './support/events';
import type { PostgresEventStore } from '../../event-store/postgres';
import { START, type RecordedEvent } from '../../event-store/types';

type Opened = AdapterUnderTest & { store: PostgresEventStore };

describe.each<[string, () => Promise<Opened>]>([
  ['PGlite', openPglite],
  ['PostgreSQL', openPostgres],
])('global log order on %s', (_label, open) => {
  let db: Opened;
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(async () => db?.dispose());

  it('orders by transaction id numerically across a digit boundary, in readAll and subscribe', async () => {
    const category = `lo${uniqueToken()}`;
    const t = db.store.tables;
    const xids = ['8', '9', '10', '11', '98', '99', '100', '101']; // below any live xid: visible at once
    for (const [i, xid] of xids.entries()) {
      const event = newEvent('Forged', { i });
      await db.store.sql.query(
        `INSERT INTO ${t.events} (transaction_id, event_id, stream_id, category, version, type, data, metadata, occurred_at, prev_hash, hash)
         VALUES ($1::xid8, $2, $3, $4, 1, $5, $6::jsonb, $7::jsonb, now(), '', '')`,
        [xid, event.id, `${category}-${i}`, category, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      );
    }
    const all = await db.store.readAll({ categories: [category] });
    expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const paged: RecordedEvent[] = [];
    for (let after = START; ;) {
      const page = await db.store.readAll({ after, categories: [category], limit: 3 });
      paged.push(...page);
      if (page.length < 3) break;
      after = page[page.length - 1].checkpoint;
    }
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const delivered: RecordedEvent[] = [];
    const subscription = db.store.subscribe({
      categories: [category],
      batchSize: 2,
      pollIntervalMs: 20,
      onEvents: async (events) => void delivered.push(...events),
    });
    const deadline = Date.now() + 10_000;
    while (delivered.length < all.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await subscription.stop();
    expect(delivered.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });
});
