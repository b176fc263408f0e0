import { START, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { SubscribeOptions, Subscription } from '../types';
import { matches, serverFilter } from './filters';
import { positionOf, toRecordedEvent } from './mapping';

/** subscribeToAll from the checkpoint: catch-up then live, one event per onEvents call, with backpressure. */
export function subscribe(client: KurrentDBClient, options: SubscribeOptions): Subscription {
  const after = options.after ?? '';
  const subscription = client.subscribeToAll({ fromPosition: positionOf(after) ?? START, filter: serverFilter(options) });
  const onError = options.onError ?? ((error: unknown) => console.error('kurrentdb subscription error', error));
  let stopped = false;
  const running = (async () => {
    try {
      for await (const resolved of subscription) {
        if (stopped) break;
        if (!resolved.event) continue;
        const event = toRecordedEvent(resolved.event);
        if (event.checkpoint <= after || !matches(event, options)) continue;
        await options.onEvents([event]);
      }
    } catch (error) {
      if (!stopped) onError(error);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await subscription.unsubscribe();
      await running;
    },
  };
}
