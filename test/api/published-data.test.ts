import { PublishedCalendars } from '../../apps/api/calendar/published-calendar';
import { PublishedReference } from '../../apps/api/reference/published-reference';
import { createPgliteEventStore, type PostgresEventStore } from '../../event-store/postgres';
import type { EventStore, RecordedEvent } from '../../event-store/types';

/** The store as a second process sees it, counting what each stream read returns (the real PGlite store underneath). */
function counting(store: EventStore) {
  const returned: Record<string, number> = {};
  const reads: Record<string, number> = {};
  const wrapped: EventStore = Object.create(store);
  wrapped.readStream = async (streamId, options) => {
    const events: RecordedEvent[] = await store.readStream(streamId, options);
    reads[streamId] = (reads[streamId] ?? 0) + 1;
    returned[streamId] = (returned[streamId] ?? 0) + events.length;
    return events;
  };
  return { store: wrapped, reads, returned };
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
});
