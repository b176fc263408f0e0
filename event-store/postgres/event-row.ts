import { encodeCheckpoint } from '../checkpoint';
import type { EventMetadata, RecordedEvent } from '../types';

/**
 * recorded_at as the ISO-8601 text RecordedEvent carries (UTC, milliseconds, whatever the session's
 * TimeZone/DateStyle): formatted by the server instead of parsed into a Date and formatted again per row,
 * which made up a good part of the client's cost of reading the log.
 */
const RECORDED_AT_ISO = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Columns every read selects; bigint/xid8 as text because PGlite returns int8 as a JS number. The text
 * copies must not be named like their columns: ORDER BY binds a bare name to an output column first,
 * and `ORDER BY transaction_id` would then sort by text ('1000' < '999') and could not use the index.
 */
export const EVENT_COLUMNS = `global_position::text AS position, transaction_id::text AS transaction,
  event_id, stream_id, version, type, data, metadata, ${RECORDED_AT_ISO} AS recorded, prev_hash, hash`;

export interface EventRow {
  position: string;
  transaction: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded: string;
  prev_hash: string;
  hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    version: Number(row.version),
    position: row.position,
    checkpoint: encodeCheckpoint(row.transaction, row.position),
    recordedAt: row.recorded,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export { categoryOf } from '../category';
