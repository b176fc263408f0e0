import type { ReadAllOptions, RecordedEvent } from '../types';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './event-row';
import type { SqlExecutor } from './sql-client';
import type { StoreTables } from './tables';
import { visibleAfter } from './visible-log';

export const DEFAULT_READ_ALL_LIMIT = 1000;

/** The global log after a checkpoint in (transaction, position) order, optionally filtered by type or category. */
export async function readAll(sql: SqlExecutor, t: StoreTables, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const params: unknown[] = [];
  const where = [visibleAfter(options.after, params)];
  if (options.types?.length) where.push(`type = ANY($${params.push(options.types)}::text[])`);
  if (options.categories?.length) where.push(`category = ANY($${params.push(options.categories)}::text[])`);
  const limit = params.push(options.limit ?? DEFAULT_READ_ALL_LIMIT);
  const text = `SELECT ${EVENT_COLUMNS} FROM ${t.events} e WHERE ${where.join(' AND ')}
      ORDER BY e.transaction_id, e.global_position LIMIT $${limit}`;
  // Subscribers run the same few texts over and over: the pg adapter keeps each prepared (pg-client.ts).
  const { rows } = await sql.query<EventRow>(text, params);
  return rows.map(toRecordedEvent);
}
