import type { CaseScope } from '../../domain/access';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import { scopeCondition } from '../case-state/scope';

/** The dimensions counted, by the name the API answers with, and their column. */
const DIMENSIONS = { byType: 'type', byChannel: 'channel', byStatus: 'status', byCrossProvince: 'cross_province', byKind: 'kind' } as const;

export type CaseCounts = { total: number } & Record<keyof typeof DIMENSIONS, Record<string, number>>;

/** Counts of the cases within a scope, by each dimension. */
export async function countCases(sql: SqlExecutor, table: string, scope: CaseScope): Promise<CaseCounts> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params, { provinces: 'provinces' });
  const result: Record<string, Record<string, number>> = {};
  let total = 0;
  for (const [key, column] of Object.entries(DIMENSIONS)) {
    const { rows } = await sql.query<{ k: string | boolean; n: string | number }>(
      `SELECT ${column} AS k, count(*) AS n FROM ${table} WHERE ${where} GROUP BY ${column}`,
      params,
    );
    result[key] = Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
    total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  }
  return { total, ...(result as Record<keyof typeof DIMENSIONS, Record<string, number>>) };
}
