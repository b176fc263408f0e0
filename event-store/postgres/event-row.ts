import { encodeCheckpoint } from '../checkpoint';
import type { EventMetadata, RecordedEvent } from '../types';

/** Columns every read selects; bigint/xid8 as text because PGlite returns int8 as a JS number. */
export const EVENT_COLUMNS = `global_position::text AS position, transaction_id::text AS transaction_id,
  event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash`;

export interface EventRow {
  position: string;
  transaction_id: string;
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
    checkpoint: encodeCheckpoint(row.transaction_id, row.position),
    recordedAt: new Date(row.recorded_at).toISOString(),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export { categoryOf } from '../category';
