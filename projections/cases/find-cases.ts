import type { CaseState } from '../../domain';
import type { CaseScope } from '../../domain/access';
import { scopeCondition } from '../case-state/scope';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';

/** One identifier a case is found by, matched exactly. */
export type CaseKey = { receipt: string } | { document: string } | { idNumber: string } | { passportNo: string };

/** At most this many cases per look-up: an identifier names a person's few cases, never a list to page through. */
export const LOOKUP_LIMIT = 50;

/**
 * The cases within a scope that carry the identifier: a receipt or document number the case issued, or
 * the applicant's ID or passport number. Exact match only (no prefix or pattern: a look-up is not a search).
 */
export async function findCases(sql: SqlExecutor, table: string, key: CaseKey, scope: CaseScope): Promise<CaseState[]> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, params, { offices: 'offices', provinces: 'provinces', applicant: 'applicant_id' })];
  if ('receipt' in key) where.push(`state->'receipts' @> jsonb_build_array(jsonb_build_object('number', $${params.push(key.receipt)}::text))`);
  else if ('document' in key) where.push(`state->'documents' @> jsonb_build_array(jsonb_build_object('number', $${params.push(key.document)}::text))`);
  else if ('idNumber' in key) where.push(`state->'applicant'->>'idNumber' = $${params.push(key.idNumber)}`);
  else where.push(`state->'applicant'->>'passportNo' = $${params.push(key.passportNo)}`);
  const { rows } = await sql.query<{ state: CaseState }>(
    `SELECT state FROM ${table} WHERE ${where.join(' AND ')} ORDER BY opened_at DESC, case_id DESC LIMIT ${LOOKUP_LIMIT}`,
    params,
  );
  return rows.map((r) => r.state);
}
