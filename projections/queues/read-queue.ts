import type { CaseState } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import { CROSS_PROVINCE } from '../cases/list-cases';

/** A work queue holds at most this many cases: the most urgent ones. */
export const QUEUE_LIMIT = 500;

/**
 * The cases waiting for `office` to act, nearest deadline first (who may read it is the API's question); with
 * `crossProvince`, only the cases that do (true) or do not (false) span two provinces.
 */
export async function readQueue(sql: SqlExecutor, table: string, office: string, filter: { crossProvince?: boolean } = {}): Promise<CaseState[]> {
  const params: unknown[] = [office];
  const crossProvince = filter.crossProvince === undefined ? '' : ` AND ${CROSS_PROVINCE} = $${params.push(filter.crossProvince)}`;
  const { rows } = await sql.query<{ state: CaseState }>(
    `SELECT state FROM ${table} WHERE waiting_office = $1${crossProvince}
     ORDER BY next_deadline ASC NULLS LAST, opened_at ASC LIMIT ${QUEUE_LIMIT}`,
    params,
  );
  return rows.map((r) => r.state);
}
