import type { Checkpoint } from './types';

/** Both parts are zero-padded to 20 digits (xid8 and bigint fit), so plain string comparison orders checkpoints. */
const WIDTH = 20;

export interface LogPosition {
  transactionId: string;
  position: string;
}

export function encodeCheckpoint(transactionId: string | bigint, position: string | bigint): Checkpoint {
  return `${String(transactionId).padStart(WIDTH, '0')}-${String(position).padStart(WIDTH, '0')}`;
}

/** START ('') decodes to null: before everything. */
export function decodeCheckpoint(checkpoint: Checkpoint): LogPosition | null {
  if (checkpoint === '') return null;
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(checkpoint);
  if (!match) throw new Error(`not a PostgreSQL event-store checkpoint: ${checkpoint}`);
  return { transactionId: BigInt(match[1]).toString(), position: BigInt(match[2]).toString() };
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
