import type { Backlog, Checkpoint, ReadAllOptions } from '../types';
import type { SqlExecutor } from './sql-client';
import type { StoreTables } from './tables';
import { visibleAfter } from './visible-log';

/** How many visible events (matching the filter) lie after a checkpoint, and since when the oldest waits. */
export async function backlog(
  sql: SqlExecutor,
  t: StoreTables,
  after: Checkpoint,
  filter: Pick<ReadAllOptions, 'types' | 'categories'> = {},
): Promise<Backlog> {
  const params: unknown[] = [];
  const where = [visibleAfter(after, params)];
  if (filter.types?.length) where.push(`type = ANY($${params.push(filter.types)}::text[])`);
  if (filter.categories?.length) where.push(`category = ANY($${params.push(filter.categories)}::text[])`);
  const {
    rows: [row],
  } = await sql.query<{ events: string; oldest: Date | string | null }>(
    `SELECT count(*)::text AS events, min(recorded_at) AS oldest FROM ${t.events} WHERE ${where.join(' AND ')}`,
    params,
  );
  return {
    events: Number(row?.events ?? 0),
    oldestRecordedAt: row?.oldest ? new Date(row.oldest).toISOString() : null,
  };
}
