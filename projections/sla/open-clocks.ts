import type { CaseType, CaseState } from '../../domain';
import type { CaseScope } from '../../domain/access';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import { scopeCondition } from '../case-state/scope';

/** The board reads at most this many open cases. */
export const BOARD_LIMIT = 5000;

/** Open cases within the caller's scope, optionally of one office, type or case: the SLA board's rows. */
export async function openCasesWithClocks(
  sql: SqlExecutor,
  table: string,
  scope: CaseScope,
  filter: { office?: string; type?: CaseType; caseId?: string },
): Promise<CaseState[]> {
  const params: unknown[] = [];
  const where = ['open', scopeCondition(scope, params, { offices: 'offices', provinces: 'provinces' })];
  if (filter.office) where.push(`$${params.push(filter.office)} = ANY(offices)`);
  if (filter.type) where.push(`type = $${params.push(filter.type)}`);
  if (filter.caseId) where.push(`case_id = $${params.push(filter.caseId)}`);
  const { rows } = await sql.query<{ state: CaseState }>(`SELECT state FROM ${table} WHERE ${where.join(' AND ')} LIMIT ${BOARD_LIMIT}`, params);
  return rows.map((r) => r.state);
}
