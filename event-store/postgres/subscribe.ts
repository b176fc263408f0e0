import type { SubscribeOptions, Subscription } from '../types';
import { START } from '../types';
import type { ReadBatch } from './shared-reads';
import type { Wakeups } from './wakeups';

export const DEFAULT_POLL_INTERVAL_MS = 250;
export const DEFAULT_BATCH_SIZE = 500;

/** Catch up from `after`, then follow live: woken by NOTIFY, polling as the fallback. A failed batch is retried, never skipped. */
export function subscribe(readBatch: ReadBatch, wakeups: Wakeups, options: SubscribeOptions): Subscription {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const onError = options.onError ?? ((error: unknown) => console.error('event-store subscription error', error));
  let stopped = false;
  const abortHandlers: Array<() => void> = [];
  const abort = { onAbort: (fn: () => void) => void abortHandlers.push(fn) };
  wakeups.ensureListening();

  const run = async () => {
    let cursor = options.after ?? START;
    while (!stopped) {
      let seenSeq = wakeups.sequence;
      try {
        const events = await readBatch({ after: cursor, limit: batchSize, types: options.types, categories: options.categories });
        if (stopped) return;
        if (events.length > 0) {
          await options.onEvents(events);
          cursor = events[events.length - 1].checkpoint;
          // A full batch may have more behind it. A short one held everything visible when it was read: every
          // append announced before `seenSeq` was noted, unless an older open transaction still held it back.
          // Reading again at once would find only what was announced since, for which wait() returns at once;
          // rows held back wait for the next wake-up or poll, as they do after an empty read.
          if (events.length >= batchSize) continue;
        }
      } catch (error) {
        if (stopped) return;
        onError(error);
        seenSeq = wakeups.sequence; // back off a full interval instead of spinning on notifications
      }
      await wakeups.wait(seenSeq, pollIntervalMs, abort);
      abortHandlers.length = 0;
      if (options.settleMs && !stopped) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    }
  };
  const running = run();

  return {
    async stop() {
      stopped = true;
      for (const fn of abortHandlers.splice(0)) fn();
      await running;
    },
  };
}
