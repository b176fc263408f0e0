import type { SqlClient } from '../../event-store/postgres/sql-client';
import { subscribe } from '../../event-store/postgres/subscribe';
import { Wakeups } from '../../event-store/postgres/wakeups';
import type { ReadAllOptions, RecordedEvent } from '../../event-store/types';

const event = (n: number) => ({ checkpoint: `c${n}` }) as unknown as RecordedEvent;
// notify() only, and a listen() that fails: the subscription relies on wake-ups the test sends and on polling.
const wakeups = () => new Wakeups({ listen: () => Promise.reject(new Error('no database')) } as unknown as SqlClient, 'unused');
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** A log the test appends to; every read the subscription runs is recorded with the checkpoint it read after. */
function log() {
  const events: RecordedEvent[] = [];
  const reads: string[] = [];
  const read = async (options: ReadAllOptions) => {
    reads.push(options.after ?? '');
    const from = events.findIndex((e) => e.checkpoint === options.after) + 1;
    return events.slice(from, from + (options.limit ?? 500));
  };
  return { events, reads, read };
}

describe('a live subscription', () => {
  it('after a short batch, reads again only when woken, and loses nothing announced meanwhile', async () => {
    const { events, reads, read } = log();
    const w = wakeups();
    const seen: string[] = [];
    events.push(event(1));
    const sub = subscribe(read, w, {
      after: 'c0',
      batchSize: 10,
      pollIntervalMs: 60_000,
      onEvents: async (batch) => {
        seen.push(...batch.map((e) => e.checkpoint));
        // Appended and announced while the batch is applied: the next read must still happen.
        if (batch[0].checkpoint === 'c1') {
          events.push(event(2));
          w.notify();
        }
      },
    });
    try {
      await tick();
      expect(seen).toEqual(['c1', 'c2']);
      // One read per batch, none to find nothing after the short second one.
      expect(reads).toEqual(['c0', 'c1']);
      events.push(event(3));
      w.notify();
      await tick();
      expect(seen).toEqual(['c1', 'c2', 'c3']);
      expect(reads).toEqual(['c0', 'c1', 'c2']);
    } finally {
      await sub.stop();
    }
  });

  it('reads the next batch at once after a full one', async () => {
    const { events, reads, read } = log();
    const seen: string[] = [];
    for (let n = 1; n <= 5; n++) events.push(event(n));
    const sub = subscribe(read, wakeups(), {
      after: 'c0',
      batchSize: 2,
      pollIntervalMs: 60_000,
      onEvents: async (b) => void seen.push(...b.map((e) => e.checkpoint)),
    });
    try {
      await tick();
      expect(seen).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
      expect(reads).toEqual(['c0', 'c2', 'c4']);
    } finally {
      await sub.stop();
    }
  });
});
