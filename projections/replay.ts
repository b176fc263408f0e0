import type { SqlClient } from '../event-store/postgres/sql-client';
import type { Checkpoint, EventStore, RecordedEvent } from '../event-store/types';
import type { Projection } from './projection';

export class ReplayAborted extends Error {
  constructor() {
    super('replay aborted');
    this.name = 'ReplayAborted';
  }
}

export interface ReplayTarget {
  store: EventStore;
  sql: SqlClient;
  projection: Projection;
  table: string;
  batchSize: number;
  shouldStop(): boolean;
  onProgress(checkpoint: Checkpoint, events: number): void;
}

/**
 * Applies the log after `from` into a table that nobody else writes, batch by batch, until nothing is left.
 * The next batch is read while the current one is applied (the log is immutable and the table is ours
 * alone, so reading ahead changes nothing but the time): reading and writing overlap instead of taking turns.
 */
export async function replayInto(target: ReplayTarget, from: Checkpoint): Promise<Checkpoint> {
  const { store, sql, projection, table, batchSize } = target;
  const read = (after: Checkpoint): Promise<RecordedEvent[]> => {
    const page = store.readAll({ after, limit: batchSize, types: projection.types, categories: projection.categories });
    page.catch(() => undefined); // awaited below; never an unhandled rejection if we stop before
    return page;
  };
  let checkpoint = from;
  let next = read(checkpoint);
  for (;;) {
    if (target.shouldStop()) throw new ReplayAborted();
    const events = await next;
    if (events.length === 0) return checkpoint;
    const to = events[events.length - 1].checkpoint;
    next = read(to);
    await sql.transaction((tx) => projection.apply(tx, events, table));
    checkpoint = to;
    target.onProgress(checkpoint, events.length);
  }
}
