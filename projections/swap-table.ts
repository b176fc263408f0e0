import type { SqlClient } from '../event-store/postgres/sql-client';
import type { Checkpoint } from '../event-store/types';
import { replaceCheckpoint } from './checkpoint-table';

/** Readers switch from the old table to the rebuilt one at one instant: drop, rename and checkpoint commit together. */
export async function swapTable(
  sql: SqlClient,
  swap: { name: string; version: number; table: string; rebuilt: string; checkpoint: Checkpoint },
): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`DROP TABLE IF EXISTS ${swap.table}`);
    await tx.query(`ALTER TABLE ${swap.rebuilt} RENAME TO ${swap.table}`);
    await replaceCheckpoint(tx, swap.name, swap.version, swap.checkpoint);
  });
}
