import type { CaseState } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';

/** A work queue holds at most this many cases: the most urgent ones. */
export const QUEUE_LIMIT = 500;

/** The cases waiting for `office` to act, nearest deadline first (who may read it is the API's question). */
export async function readQueue(sql: SqlExecutor, table: string, office: string): Promise<CaseState[]> {
  const { rows } = await sql.query<{ state: CaseState }>(
    `SELECT state FROM ${table} WHERE waiting_office = $1
     ORDER BY next_deadline ASC NULLS LAST, opened_at ASC LIMIT ${QUEUE_LIMIT}`,
    [office],
  );
  return rows.map((r) => r.state);
}
