import { encodeCheckpoint } from '../checkpoint';
import type { EventMetadata, RecordedEvent } from '../types';

/**
 * Columns every read selects; bigint/xid8 as text because PGlite returns int8 as a JS number. The text
 * copies must not be named like their columns: ORDER BY binds a bare name to an output column first,
 * and `ORDER BY transaction_id` would then sort by text ('1000' < '999') and could not use the index.
 */
export const EVENT_COLUMNS = `global_position::text AS position, transaction_id::text AS transaction,
  event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash`;

export interface EventRow {
  position: string;
  transaction: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date | string;
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
    recordedAt: new Date(row.recorded_at).toISOString(),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export { categoryOf } from '../category';
