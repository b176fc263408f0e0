import type { Backlog, Checkpoint } from '../types';
import type { SqlExecutor } from './sql-client';
import type { StoreTables } from './tables';
import { visibleAfter } from './visible-log';

/** How many visible events lie after a checkpoint and since when the oldest waits. */
export async function backlog(sql: SqlExecutor, t: StoreTables, after: Checkpoint): Promise<Backlog> {
  const params: unknown[] = [];
  const {
    rows: [row],
  } = await sql.query<{ events: string; oldest: Date | string | null }>(
    `SELECT count(*)::text AS events, min(recorded_at) AS oldest FROM ${t.events} WHERE ${visibleAfter(after, params)}`,
    params,
  );
  return {
    events: Number(row?.events ?? 0),
    oldestRecordedAt: row?.oldest ? new Date(row.oldest).toISOString() : null,
  };
}
