import type { AllStreamRecordedEvent, Position, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { decodeCheckpoint, encodeCheckpoint } from '../checkpoint';
import type { Checkpoint, EventMetadata, RecordedEvent } from '../types';

/** Where the client-side hash chain lives inside KurrentDB metadata; stripped again on read. */
export const CHAIN_KEY = '$chain';

interface StoredMetadata extends EventMetadata {
  [CHAIN_KEY]: { prevHash: string; hash: string };
}

/** Same zero-padded format as PostgreSQL: commit then prepare position, so string order is log order. */
export function checkpointOf(position: Position): Checkpoint {
  return encodeCheckpoint(position.commit, position.prepare);
}

export function positionOf(checkpoint: Checkpoint): Position | null {
  const decoded = decodeCheckpoint(checkpoint);
  return decoded ? { commit: BigInt(decoded.transactionId), prepare: BigInt(decoded.position) } : null;
}

export function withChain(metadata: EventMetadata, prevHash: string, hash: string): StoredMetadata {
  return { ...metadata, [CHAIN_KEY]: { prevHash, hash } };
}

export function toRecordedEvent(event: KurrentRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  const stored = (event.metadata ?? {}) as StoredMetadata;
  const { [CHAIN_KEY]: chain, ...metadata } = stored;
  const position = event.position;
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: metadata,
    streamId: event.streamId,
    version: Number(event.revision) + 1,
    position: position ? position.commit.toString() : '',
    checkpoint: position ? checkpointOf(position) : '',
    recordedAt: event.created.toISOString(),
    prevHash: chain?.prevHash ?? '',
    hash: chain?.hash ?? '',
  };
}
