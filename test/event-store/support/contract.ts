import { IdempotencyConflict, WrongExpectedVersion } from '../../../event-store/errors';
import { eventHash, GENESIS_HASH, verifyStream } from '../../../event-store/hash-chain';
import { START, type EventStore, type NewEvent, type RecordedEvent } from '../../../event-store/types';
import type { AdapterUnderTest } from './adapters';
import { eventually, metadata, newEvent, newEvents, uniqueToken } from './events';
import { concurrentWritersContract, type ContractCapabilities } from './concurrent-writers';

/** Reads a whole category from the global log, following checkpoints page by page. */
export async function readCategory(store: EventStore, category: string, pageSize = 100): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize, categories: [category] });
    all.push(...page);
    if (page.length < pageSize) return all;
    after = page[page.length - 1].checkpoint;
  }
}

/** The behaviour every EventStore adapter must show; registered once per adapter. */
export function eventStoreContract(label: string, open: () => Promise<AdapterUnderTest>, capabilities: ContractCapabilities): void {
  describe(`EventStore contract: ${label}`, () => {
    let adapter: AdapterUnderTest;
    let store: EventStore;
    const stream = (category = 'case') => `${category}-${uniqueToken()}`;

    beforeAll(async () => {
      adapter = await open();
      store = adapter.store;
    }, 60_000);
    afterAll(async () => adapter?.dispose());

    describe('append and expected version', () => {
      it('creates a stream with no-stream and numbers versions from 1', async () => {
        const id = stream();
        const result = await store.append(id, newEvents(3), { expectedVersion: 'no-stream' });
        expect(result.nextVersion).toBe(3);
        const events = await store.readStream(id);
        expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
        expect(events[2].position).toBe(result.position);
        expect(events[2].checkpoint).toBe(result.checkpoint);
      });

      it('rejects no-stream when the stream exists, and stream-exists when it does not', async () => {
        const id = stream();
        await store.append(id, newEvents(1));
        await expect(store.append(id, newEvents(1), { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(store.append(stream(), newEvents(1), { expectedVersion: 'stream-exists' })).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(store.append(id, newEvents(1), { expectedVersion: 'stream-exists' })).resolves.toMatchObject({ nextVersion: 2 });
      });

      it('accepts the current numeric version and rejects a stale one, writing nothing', async () => {
        const id = stream();
        await store.append(id, newEvents(2), { expectedVersion: 'no-stream' });
        await expect(store.append(id, newEvents(1), { expectedVersion: 2 })).resolves.toMatchObject({ nextVersion: 3 });
        const error = await store.append(id, newEvents(2), { expectedVersion: 2 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersion);
        expect((error as WrongExpectedVersion).actual).toBe(3);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('lets exactly one of several writers with the same expected version win', async () => {
        const id = stream();
        await store.append(id, newEvents(1));
        const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => store.append(id, newEvents(2), { expectedVersion: 1 })));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes.filter((o) => o.status === 'rejected')) expect(o.reason).toBeInstanceOf(WrongExpectedVersion);
        expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2, 3]);
      });
    });

    describe('idempotency by event id', () => {
      it('treats a retried batch as done: same result, nothing written twice', async () => {
        const id = stream();
        const batch = newEvents(3);
        const first = await store.append(id, batch, { expectedVersion: 'no-stream' });
        const retry = await store.append(id, batch, { expectedVersion: 'no-stream' });
        expect(retry).toEqual(first);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('recognises a retry even when its numeric expected version is now stale', async () => {
        const id = stream();
        await store.append(id, newEvents(1));
        const batch = newEvents(2);
        const first = await store.append(id, batch, { expectedVersion: 1 });
        await store.append(id, newEvents(1), { expectedVersion: 3 });
        await expect(store.append(id, batch, { expectedVersion: 1 })).resolves.toEqual(first);
        expect(await store.readStream(id)).toHaveLength(4);
      });

      it('rejects the same id with different content, in the same or another stream', async () => {
        const id = stream();
        const event = newEvent('Opened', { a: 1 });
        await store.append(id, [event]);
        await expect(store.append(id, [{ ...event, data: { a: 2 } }])).rejects.toBeInstanceOf(IdempotencyConflict);
        await expect(store.append(id, [{ ...event, type: 'Other' }, newEvent()])).rejects.toMatchObject({ eventId: event.id });
        await expect(store.append(id, [{ ...event, metadata: metadata({ actor: 'someone-else' }) }])).rejects.toBeInstanceOf(IdempotencyConflict);
        await expect(store.append(stream(), [event])).rejects.toBeInstanceOf(IdempotencyConflict);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('rejects a batch that only partly repeats a committed one', async () => {
        const id = stream();
        const [a, b] = newEvents(2);
        await store.append(id, [a]);
        await expect(store.append(id, [a, b])).rejects.toBeInstanceOf(IdempotencyConflict);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('accepts the same content with keys in another order (canonical comparison)', async () => {
        const id = stream();
        const event = newEvent('Opened', { a: 1, nested: { x: 1, y: [1, { b: 2, a: 1 }] } });
        const first = await store.append(id, [event]);
        const reordered: NewEvent = { ...event, data: { nested: { y: [1, { a: 1, b: 2 }], x: 1 }, a: 1 } };
        await expect(store.append(id, [reordered])).resolves.toEqual(first);
      });

      it('stores one copy when identical retries race', async () => {
        const id = stream();
        await store.append(id, newEvents(1));
        const batch = newEvents(2);
        const results = await Promise.all(Array.from({ length: 5 }, () => store.append(id, batch, { expectedVersion: 1 })));
        for (const r of results) expect(r).toEqual(results[0]);
        expect((await store.readStream(id)).map((e) => e.id)).toEqual([expect.any(String), batch[0].id, batch[1].id]);
      });
    });

    describe('readStream', () => {
      let id: string;
      beforeAll(async () => {
        id = stream();
        const events = Array.from({ length: 10 }, (_, i) => newEvent('Step', { i: i + 1 }, { at: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() }));
        await store.append(id, events.slice(0, 4));
        await store.append(id, events.slice(4));
      });

      it('reads forwards and backwards', async () => {
        expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect((await store.readStream(id, { direction: 'backwards' })).map((e) => e.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      });

      it('honours inclusive version bounds and limit in both directions', async () => {
        expect((await store.readStream(id, { fromVersion: 3, toVersion: 6 })).map((e) => e.version)).toEqual([3, 4, 5, 6]);
        expect((await store.readStream(id, { fromVersion: 3, limit: 2 })).map((e) => e.version)).toEqual([3, 4]);
        expect((await store.readStream(id, { direction: 'backwards', toVersion: 6, limit: 2 })).map((e) => e.version)).toEqual([6, 5]);
        expect((await store.readStream(id, { direction: 'backwards', limit: 3 })).map((e) => e.version)).toEqual([10, 9, 8]);
      });

      it('reads as of an instant (metadata.at at or before until)', async () => {
        const asOf = await store.readStream(id, { until: '2025-01-03T00:00:00Z' });
        expect(asOf.map((e) => e.version)).toEqual([1, 2, 3]);
        expect(await store.readStream(id, { until: '2024-12-31T23:59:59.999Z' })).toEqual([]);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('returns what was written, with store fields filled in', async () => {
        const other = stream();
        const event = newEvent('Opened', { applicant: { name: '张三', ids: [1, 2] } });
        await store.append(other, [event]);
        const [read] = await store.readStream(other);
        expect(read).toMatchObject({ ...event, streamId: other, version: 1 });
        expect(Number.isNaN(Date.parse(read.recordedAt))).toBe(false);
      });

      it('readStreams, where the store has it: each stream as readStream from its version, a stream named twice once', async () => {
        // Optional, and the SQL stores have it: KurrentDB's readers fall back to one readStream per stream.
        expect(store.readStreams !== undefined).toBe(capabilities.sqlBackDoors);
        if (!store.readStreams) return;
        const other = stream();
        await store.append(other, [newEvent('Opened', {}), newEvent('Step', { i: 2 })]);
        const from = [
          { streamId: other, fromVersion: 2 },
          { streamId: id, fromVersion: 9 },
          { streamId: stream(), fromVersion: 1 },
          { streamId: id, fromVersion: 8 },
        ];
        const read = await store.readStreams(from);
        const expected = [...(await store.readStream(id, { fromVersion: 8 })), ...(await store.readStream(other, { fromVersion: 2 }))];
        expect(read.map((e) => [e.streamId, e.version])).toEqual(
          expected.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0)).map((e) => [e.streamId, e.version]),
        );
        expect(read.find((e) => e.streamId === other)).toEqual(expected.find((e) => e.streamId === other));
        expect(await store.readStreams([])).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('returns events in checkpoint order and resumes strictly after a checkpoint', async () => {
        const category = `ra${uniqueToken()}`;
        for (let i = 0; i < 5; i++) await store.append(`${category}-${i % 2}`, newEvents(2));
        const all = await eventually(
          () => readCategory(store, category),
          (events) => events.length === 10,
        );
        expect(all).toHaveLength(10);
        const checkpoints = all.map((e) => e.checkpoint);
        expect([...checkpoints].sort()).toEqual(checkpoints);
        expect(new Set(checkpoints).size).toBe(10);
        const rest = await store.readAll({ after: all[3].checkpoint, categories: [category] });
        expect(rest.map((e) => e.id)).toEqual(all.slice(4).map((e) => e.id));
        expect(await store.readAll({ after: all[9].checkpoint, categories: [category] })).toEqual([]);
        const page = await store.readAll({ after: all[1].checkpoint, categories: [category], limit: 3 });
        expect(page.map((e) => e.id)).toEqual(all.slice(2, 5).map((e) => e.id));
      });

      it('filters by type and by category', async () => {
        const a = `fa${uniqueToken()}`;
        const b = `fb${uniqueToken()}`;
        await store.append(`${a}-1`, [newEvent('Opened'), newEvent('Noted')]);
        await store.append(`${b}-1`, [newEvent('Opened')]);
        const both = await eventually(
          () => store.readAll({ categories: [a, b], limit: 100 }),
          (e) => e.length === 3,
        );
        expect(both).toHaveLength(3);
        const opened = await store.readAll({ categories: [a, b], types: ['Opened'], limit: 100 });
        expect(opened.map((e) => e.streamId).sort()).toEqual([`${a}-1`, `${b}-1`]);
        expect((await store.readAll({ categories: [b], limit: 100 })).map((e) => e.streamId)).toEqual([`${b}-1`]);
      });
    });

    describe('hash chain', () => {
      it('chains every event to the previous one from 64 zeros, across batches', async () => {
        const id = stream();
        await store.append(id, newEvents(3));
        await store.append(id, newEvents(2));
        const events = await store.readStream(id);
        expect(events[0].prevHash).toBe('0'.repeat(64));
        for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
        expect(verifyStream(events)).toEqual({ ok: true, checkedEvents: 5 });
      });

      it('hashes exactly as hash-chain.ts does, whatever the content (escapes, non-ASCII, key order, numbers)', async () => {
        const id = `${stream()}-ü "q" \\ \t\u001f\u007f\u2028/`;
        const events = [
          newEvent('Opened "x" \\ ü\b\f\n\r\u0001 😀', {
            z: 1,
            a: { y: '张三 "quoted" \\ back\nslash\t', x: [3.5, -0, 1e21, 0.1 + 0.2, null, true] },
            e: '😀\u2028\u0001',
          }),
          newEvent('Noted', null, { actor: 'ß/€', extra: { b: [{ d: 1, c: 2 }], a: '' } }),
          newEvent('Noted', [1, 'two', { three: 3 }]),
        ];
        await store.append(id, events.slice(0, 1));
        await store.append(id, events.slice(1));
        const read = await store.readStream(id);
        expect(verifyStream(read)).toEqual({ ok: true, checkedEvents: 3 });
        let prevHash = GENESIS_HASH;
        for (const [i, event] of events.entries()) {
          const hash = eventHash(prevHash, { ...event, streamId: id, version: i + 1 });
          expect(read[i]).toMatchObject({ prevHash, hash });
          prevHash = hash;
        }
      });

      if (capabilities.sqlBackDoors)
        it('reports the first broken version after a row is tampered with', async () => {
          const id = stream();
          await store.append(id, newEvents(6));
          await adapter.tamper!(id, 4);
          const verification = verifyStream(await store.readStream(id));
          expect(verification).toEqual({ ok: false, checkedEvents: 3, firstBrokenVersion: 4 });
        });
    });

    describe('ping', () => {
      it('answers while the store is reachable', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    concurrentWritersContract(() => adapter, capabilities);
  });
}
