import { encodeCheckpoint } from '../checkpoint';
import type { Checkpoint, ReadAllOptions } from '../types';
import { START } from '../types';
import type { SqlExecutor } from './sql-client';
import type { StoreTables } from './tables';

/** Checkpoint of the last committed event matching the filter, visible to readers yet or not (START if none). */
export async function head(sql: SqlExecutor, t: StoreTables, filter: Pick<ReadAllOptions, 'types' | 'categories'> = {}): Promise<Checkpoint> {
  const params: unknown[] = [];
  const where = ['true'];
  if (filter.types?.length) where.push(`type = ANY($${params.push(filter.types)}::text[])`);
  if (filter.categories?.length) where.push(`category = ANY($${params.push(filter.categories)}::text[])`);
  const { rows } = await sql.query<{ t: string; p: string }>(
    `SELECT transaction_id::text AS t, global_position::text AS p FROM ${t.events} WHERE ${where.join(' AND ')}
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    params,
  );
  return rows[0] ? encodeCheckpoint(rows[0].t, rows[0].p) : START;
}
