import { START, type EventStore } from '../../../event-store/types';
import { newEvent } from '../../event-store/support/events';

/** Appends `perStream` events (data.n = version) to each of `streams` streams of a category, in batches of up to 5. */
export async function appendToStreams(store: EventStore, category: string, streams: number, perStream: number, startAt = 1): Promise<void> {
  for (let s = 0; s < streams; s++) {
    for (let v = startAt; v < startAt + perStream; v += 5) {
      const batch = Array.from({ length: Math.min(5, startAt + perStream - v) }, (_, i) => newEvent('Counted', { n: v + i }));
      await store.append(`${category}-${s}`, batch);
    }
  }
}

/** The read model a correct projection must reach: derived straight from the streams. */
export async function expectedCounts(store: EventStore, category: string) {
  const rows = new Map<string, { stream_id: string; events: number; last_version: number; total: string; anomalies: number }>();
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, categories: [category], limit: 1000 });
    for (const e of page) {
      const row = rows.get(e.streamId) ?? { stream_id: e.streamId, events: 0, last_version: 0, total: '0', anomalies: 0 };
      row.events += 1;
      row.last_version = e.version;
      row.total = String(BigInt(row.total) + BigInt((e.data as { n: number }).n));
      rows.set(e.streamId, row);
    }
    if (page.length < 1000) break;
    after = page[page.length - 1].checkpoint;
  }
  return [...rows.values()].sort((a, b) => (a.stream_id < b.stream_id ? -1 : 1));
}
