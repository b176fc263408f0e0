import { START, type EventStore, type RecordedEvent, type Subscription } from '../../../event-store/types';
import type { AdapterUnderTest } from './adapters';
import { eventually, newEvents, sleep, uniqueToken } from './events';

export interface ContractCapabilities {
  /** The adapter offers SQL back doors: tampering and append transactions held open before commit. */
  sqlBackDoors: boolean;
}

const WRITERS = 8;
const APPENDS_PER_WRITER = 6;
const ROUNDS = 3;
const HOLD_MS = 120;

interface Follower {
  seen: RecordedEvent[];
  subscription: Subscription;
}

function follow(store: EventStore, category: string): Follower {
  const seen: RecordedEvent[] = [];
  const subscription = store.subscribe({
    after: START,
    categories: [category],
    pollIntervalMs: 50,
    batchSize: 7, // small batches: many checkpoint hand-overs under load
    onEvents: async (events) => void seen.push(...events),
  });
  return { seen, subscription };
}

/** Every event exactly once, checkpoints strictly rising, each stream's versions 1..n in order. */
function expectCompleteAndOrdered(seen: RecordedEvent[], committedIds: Set<string>): void {
  const ids = seen.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(committedIds);
  for (let i = 1; i < seen.length; i++) expect(seen[i].checkpoint > seen[i - 1].checkpoint).toBe(true);
  const versions = new Map<string, number[]>();
  for (const e of seen) versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.version]);
  for (const list of versions.values()) expect(list).toEqual(list.map((_, i) => i + 1));
}

export function concurrentWritersContract(getAdapter: () => AdapterUnderTest, capabilities: ContractCapabilities): void {
  describe('concurrent writers and live subscribers', () => {
    it(`delivers every committed event exactly once and in stream order (${WRITERS} writers, ${ROUNDS} rounds)`, async () => {
      const adapter = getAdapter();
      const store = adapter.store;
      const slow = capabilities.sqlBackDoors ? await adapter.slowCommitter!(HOLD_MS) : store;
      const category = `cw${uniqueToken()}`;
      const shared = [0, 1, 2].map((i) => `${category}-shared${i}`);
      const committed = new Set<string>();
      const early = follow(store, category);
      let late: Follower | undefined;

      const writer = async (w: number, round: number) => {
        for (let k = 0; k < APPENDS_PER_WRITER; k++) {
          const streamId = k % 2 === 0 ? shared[(w + k) % shared.length] : `${category}-own${w}`;
          const events = newEvents(1 + ((w + k) % 3));
          // Two writers of eight commit slowly, keeping older transactions open while others commit.
          const target = w % 4 === 0 && k % 2 === round % 2 ? slow : store;
          await target.append(streamId, events);
          for (const e of events) committed.add(e.id);
        }
      };

      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w, round)));
        if (round === 0) late = follow(store, category); // a second subscriber starts mid-way: catch-up, then live
      }

      const followers = [early, late!];
      await eventually(
        async () => followers.map((f) => f.seen.length),
        (counts) => counts.every((c) => c >= committed.size),
        30_000,
      );
      await sleep(200); // anything delivered twice would arrive now
      await Promise.all(followers.map((f) => f.subscription.stop()));

      for (const f of followers) expectCompleteAndOrdered(f.seen, committed);
      expect(late!.seen.map((e) => e.id)).toEqual(early.seen.map((e) => e.id));
    });

    if (capabilities.sqlBackDoors) {
      it('never lets a reader pass a transaction that is still open (no gaps)', async () => {
        const adapter = getAdapter();
        const category = `gap${uniqueToken()}`;
        const slow = await adapter.slowCommitter!(adapter.concurrentConnections ? 1500 : 0);
        const slowAppend = slow.append(`${category}-slow`, newEvents(1));
        if (adapter.concurrentConnections) {
          await sleep(500); // the slow transaction has its xid and rows by now, and sleeps before COMMIT
          await adapter.store.append(`${category}-fast`, newEvents(1));
          // eslint-disable-next-line jest/no-conditional-expect -- only an adapter with concurrent connections can hold a transaction open beside a reader
          expect(await adapter.store.readAll({ categories: [category] })).toEqual([]);
        }
        await slowAppend;
        if (!adapter.concurrentConnections) await adapter.store.append(`${category}-fast`, newEvents(1));
        const visible = await eventually(
          () => adapter.store.readAll({ categories: [category] }),
          (events) => events.length === 2,
        );
        expect(visible.map((e) => e.streamId)).toEqual([`${category}-slow`, `${category}-fast`]);
      });
    }
  });
}
