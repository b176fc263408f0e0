import type { ReadAllOptions, RecordedEvent } from '../types';
import type { Wakeups } from './wakeups';

export type ReadBatch = (options: ReadAllOptions) => Promise<RecordedEvent[]>;

/**
 * The subscriptions of one store that follow the same part of the log (the read models all follow the case
 * category) are woken by the same append, wait the same settle time and then ask for the same batch at the
 * same moment. A read asked for while an identical one is in flight gets that read's answer instead of
 * running the query again: one query per wake-up instead of one per subscription.
 *
 * Only a read started since the same wake-up is joined (the key holds the wake-up sequence): a subscriber
 * notes the sequence before it reads, so everything announced before that was committed before the joined
 * query began and is in its answer, exactly as in a query of its own; anything announced later changes the
 * sequence, and the subscriber reads again. Each caller gets its own array; the events are never changed.
 */
export function sharedReads(read: ReadBatch, wakeups: Wakeups): ReadBatch {
  const inFlight = new Map<string, Promise<RecordedEvent[]>>();
  return (options) => {
    const key = JSON.stringify([wakeups.sequence, options.after ?? null, options.limit ?? null, options.types ?? null, options.categories ?? null]);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = read(options).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending.then((events) => events.slice());
  };
}
