import type { SqlClient } from '../event-store/postgres/sql-client';
import type { Checkpoint } from '../event-store/types';
import { replaceCheckpoint } from './checkpoint-table';

/**
 * Readers switch from the old table to the rebuilt one at one instant: drop, rename and checkpoint commit together,
 * with the tables and checkpoints of the read models the rebuilt one took over (`retired`, their tables' names).
 */
export async function swapTable(
  sql: SqlClient,
  swap: { name: string; version: number; table: string; rebuilt: string; checkpoint: Checkpoint; retired?: string[] },
): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`DROP TABLE IF EXISTS ${swap.table}`);
    await tx.query(`ALTER TABLE ${swap.rebuilt} RENAME TO ${swap.table}`);
    await replaceCheckpoint(tx, swap.name, swap.version, swap.checkpoint);
    for (const name of swap.retired ?? []) {
      await tx.query(`DROP TABLE IF EXISTS rm_${name}`);
      await tx.query('DELETE FROM proj_checkpoints WHERE name = $1', [name]);
    }
  });
}
