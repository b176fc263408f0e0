import { excludeSystemEvents, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventStore } from '../types';
import { appendToStream } from './append';
import { readAll, readStream } from './read';
import { subscribe } from './subscribe';

export interface KurrentDbEventStoreConfig {
  /** e.g. kurrentdb://localhost:2113?tls=false */
  connectionString: string;
}

/**
 * The same port on KurrentDB: hash chain computed here and kept in metadata, expected versions checked
 * against the revision read, $all for the global log. Not detected here (no index by id): the same
 * event id reused in another stream, or a retry older than the last 1000 events of its stream.
 */
export async function createKurrentDbEventStore(config: KurrentDbEventStoreConfig): Promise<EventStore> {
  const client = KurrentDBClient.connectionString`${config.connectionString}`;
  return {
    append: (streamId, events, options) => appendToStream(client, streamId, events, options?.expectedVersion),
    readStream: (streamId, options) => readStream(client, streamId, options),
    readAll: (options) => readAll(client, options),
    subscribe: (options) => subscribe(client, options),
    async ping() {
      for await (const _ of client.readAll({ maxCount: 1, filter: excludeSystemEvents() })) break;
    },
    async close() {
      await client.dispose();
    },
  };
}
