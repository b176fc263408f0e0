import type { Checkpoint, EventStore } from '../event-store/types';
import type { Projection } from './projection';

export interface ProjectionLag {
  /** Visible events (matching the projection's filter) not applied yet. */
  events: number;
  /** How long the oldest of them has waited; 0 when caught up. */
  ms: number;
  checkpoint: Checkpoint;
}

/** Without a backlog query (KurrentDB) the log is scanned, up to this many events. */
const SCAN_CAP = 10_000;

export async function measureLag(store: EventStore, projection: Projection, checkpoint: Checkpoint, now = Date.now()): Promise<ProjectionLag> {
  const filter = { types: projection.types, categories: projection.categories };
  if (store.backlog) {
    const backlog = await store.backlog(checkpoint, filter);
    const ms = backlog.oldestRecordedAt ? Math.max(0, now - Date.parse(backlog.oldestRecordedAt)) : 0;
    return { events: backlog.events, ms, checkpoint };
  }
  const pending = await store.readAll({ ...filter, after: checkpoint, limit: SCAN_CAP });
  const ms = pending[0] ? Math.max(0, now - Date.parse(pending[0].recordedAt)) : 0;
  return { events: pending.length, ms, checkpoint };
}
