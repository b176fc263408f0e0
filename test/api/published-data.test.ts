import { PublishedCalendars } from '../../apps/api/calendar/published-calendar';
import { PublishedReference } from '../../apps/api/reference/published-reference';
import { createPgliteEventStore, type PostgresEventStore } from '../../event-store/postgres';
import type { EventStore, RecordedEvent } from '../../event-store/types';

/**
 * The store as a second process sees it, counting the queries, the reads of each stream and what they return
 * (the real PGlite store underneath).
 */
function counting(store: EventStore) {
  const returned: Record<string, number> = {};
  const reads: Record<string, number> = {};
  const counts = { queries: 0 };
  const count = (streamIds: string[], events: RecordedEvent[]) => {
    counts.queries += 1;
    for (const id of streamIds) reads[id] = (reads[id] ?? 0) + 1;
    for (const e of events) returned[e.streamId] = (returned[e.streamId] ?? 0) + 1;
    return events;
  };
  const wrapped: EventStore = Object.create(store);
  wrapped.readStream = async (streamId, options) => count([streamId], await store.readStream(streamId, options));
  wrapped.readStreams = async (from) => count([...new Set(from.map((f) => f.streamId))], await store.readStreams!(from));
  return { store: wrapped, reads, returned, counts };
}

const RECHECK_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('published data folded from a stream: read on change only, seen by other processes within the bound', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await createPgliteEventStore();
  }, 60_000);
  afterAll(() => store?.close());

  it('reference tables: a publication is seen at once where it is made and within the recheck bound elsewhere', async () => {
    const api = new PublishedReference(store, RECHECK_MS);
    await api.seed();
    const other = counting(store);
    const worker = new PublishedReference(other.store, RECHECK_MS);
    const seeded = (await worker.snapshot(['city-populations']))['city-populations']!.version;
    const eventsAfterFirstRead = other.returned['reference-city-populations'];
    expect(eventsAfterFirstRead).toBe(1); // the seed

    const data = { '440100': { name: '广州', urbanPopulation: 2_900_000 } };
    const { version } = await api.publish('city-populations', data, 'test census', 'admin-1');
    expect((await api.snapshot(['city-populations']))['city-populations']).toEqual({ version, data });
    // Within the bound the other process may still answer with the version it read; past it, never.
    expect([seeded, version]).toContain((await worker.snapshot(['city-populations']))['city-populations']!.version);
    await sleep(RECHECK_MS + 50);
    expect((await worker.snapshot(['city-populations']))['city-populations']).toEqual({ version, data });

    // Every event was read once: later reads asked only for what came after the version already folded.
    await sleep(RECHECK_MS + 50);
    await worker.snapshot(['city-populations']);
    expect(other.reads['reference-city-populations']).toBeGreaterThanOrEqual(3);
    expect(other.returned['reference-city-populations']).toBe(2);
  });

  it('reads nothing at all within the bound, however many cases are lodged', async () => {
    const other = counting(store);
    const reference = new PublishedReference(other.store, 60_000);
    for (let i = 0; i < 50; i++) await reference.snapshot(['photo-reuse', 'offices']);
    expect(other.reads['reference-photo-reuse']).toBe(1);
    expect(other.reads['reference-offices']).toBe(1);
  });

  it('the calendar: another process sees a published year within the bound, and what changed since a version', async () => {
    const api = new PublishedCalendars(store, { years: {} }, RECHECK_MS);
    const other = counting(store);
    const worker = new PublishedCalendars(other.store, { years: {} }, RECHECK_MS);
    const before = await worker.current();
    const { version } = await api.publish(2027, { holidays: ['2027-01-01'], workdays: [], source: 'test notice' }, 'admin-1');
    await sleep(RECHECK_MS + 50);
    expect(await worker.current()).toEqual({ version, years: { 2027: { holidays: ['2027-01-01'], workdays: [] } } });
    expect(await worker.changedSince(before.version)).toEqual([2027]);
    expect(await worker.changedSince(version)).toEqual([]);
    expect(other.returned['calendar-cn']).toBe(1);
    // The same dates again record nothing.
    expect(await api.publish(2027, { holidays: ['2027-01-01'], workdays: [], source: 'again' }, 'admin-1')).toMatchObject({ version, changed: false });
  });

  it("a lodging's calendar and tables, when due, are read in one query, each as a read of its own would be", async () => {
    const api = new PublishedReference(store, RECHECK_MS);
    const other = counting(store);
    const calendars = new PublishedCalendars(other.store, { years: {} }, RECHECK_MS);
    const reference = new PublishedReference(other.store, RECHECK_MS);
    const lodging = () => Promise.all([calendars.current(), reference.snapshot(['photo-reuse', 'offices', 'office-policies'], ['110101'])]);
    const [calendar] = await lodging();
    expect(other.counts.queries).toBe(1);
    expect(calendar.years[2027]).toEqual({ holidays: ['2027-01-01'], workdays: [] });
    expect(other.returned['calendar-cn']).toBe(1);
    expect(other.returned['reference-photo-reuse']).toBe(1);

    const data = { 'first-id-card': 6 };
    const { version } = await api.publish('photo-reuse', data, 'test rule', 'admin-1');
    await sleep(RECHECK_MS + 50);
    const [, tables] = await lodging();
    expect(other.counts.queries).toBe(2);
    expect(tables['photo-reuse']).toEqual({ version, data });
    // Only what came after the versions already folded.
    expect(other.returned['reference-photo-reuse']).toBe(2);
    expect(other.returned['calendar-cn']).toBe(1);
  });
});
