import { decodeCheckpoint } from '../checkpoint';
import type { Checkpoint } from '../types';

/**
 * WHERE clause selecting the gap-free part of the global log after a checkpoint: only rows whose
 * transaction is older than every transaction still running, so a later reader can never find an
 * older row appear behind its cursor.
 */
export function visibleAfter(after: Checkpoint | undefined, params: unknown[]): string {
  const clauses = ['transaction_id < pg_snapshot_xmin(pg_current_snapshot())'];
  const position = decodeCheckpoint(after ?? '');
  if (position) {
    const tx = params.push(position.transactionId);
    const pos = params.push(position.position);
    clauses.push(`(transaction_id, global_position) > ($${tx}::xid8, $${pos}::bigint)`);
  }
  return clauses.join(' AND ');
}
