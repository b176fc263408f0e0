import type { ReadStreamOptions, RecordedEvent } from '../types';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './event-row';
import type { SqlExecutor } from './sql-client';
import type { StoreTables } from './tables';

/** One stream's events within an inclusive version range, forwards or backwards; [] when the stream does not exist. */
export async function readStream(sql: SqlExecutor, t: StoreTables, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
  const params: unknown[] = [streamId];
  const where = ['stream_id = $1'];
  if (options.fromVersion !== undefined) where.push(`version >= $${params.push(options.fromVersion)}`);
  if (options.toVersion !== undefined) where.push(`version <= $${params.push(options.toVersion)}`);
  if (options.until !== undefined) where.push(`occurred_at <= $${params.push(options.until)}::timestamptz`);
  const order = options.direction === 'backwards' ? 'DESC' : 'ASC';
  const limit = options.limit !== undefined ? `LIMIT $${params.push(options.limit)}` : '';
  const { rows } = await sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${t.events} WHERE ${where.join(' AND ')} ORDER BY version ${order} ${limit}`,
    params,
  );
  return rows.map(toRecordedEvent);
}
