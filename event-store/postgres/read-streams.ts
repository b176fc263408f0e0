import type { RecordedEvent } from '../types';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './event-row';
import type { SqlExecutor } from './sql-client';
import type { StoreTables } from './tables';

/** Several streams' events, each from a version on (inclusive), in one query: by stream, then version. */
export async function readStreams(sql: SqlExecutor, t: StoreTables, from: readonly { streamId: string; fromVersion: number }[]): Promise<RecordedEvent[]> {
  // Each stream once, from the lowest version asked for: a join on a stream named twice would return its rows twice.
  const lowest = new Map<string, number>();
  for (const f of from) lowest.set(f.streamId, Math.min(f.fromVersion, lowest.get(f.streamId) ?? f.fromVersion));
  if (lowest.size === 0) return [];
  const { rows } = await sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${t.events}
      JOIN unnest($1::text[], $2::integer[]) AS wanted(wanted_stream, from_version) ON stream_id = wanted_stream AND version >= from_version
      ORDER BY stream_id, version`,
    [[...lowest.keys()], [...lowest.values()]],
  );
  return rows.map(toRecordedEvent);
}
