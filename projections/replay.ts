import type { SqlClient } from '../event-store/postgres/sql-client';
import type { Checkpoint, EventStore } from '../event-store/types';
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

/** Applies the log after `from` into a table that nobody else writes, batch by batch, until nothing is left. */
export async function replayInto(target: ReplayTarget, from: Checkpoint): Promise<Checkpoint> {
  const { store, sql, projection, table, batchSize } = target;
  let checkpoint = from;
  for (;;) {
    if (target.shouldStop()) throw new ReplayAborted();
    const events = await store.readAll({ after: checkpoint, limit: batchSize, types: projection.types, categories: projection.categories });
    if (events.length === 0) return checkpoint;
    await sql.transaction((tx) => projection.apply(tx, events, table));
    checkpoint = events[events.length - 1]!.checkpoint;
    target.onProgress(checkpoint, events.length);
  }
}
