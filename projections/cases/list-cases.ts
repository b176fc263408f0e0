import { invalid, type CaseState } from '../../domain';
import type { CaseScope } from '../../domain/access';
import { scopeCondition } from '../case-state/scope';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';

/** Whether a read model row's case spans two provinces, from its state (no column: the filter narrows a scoped list). */
export const CROSS_PROVINCE = `COALESCE((state->>'crossProvince')::boolean, false)`;

export interface ListFilter {
  type?: string;
  status?: string;
  office?: string;
  sla?: string;
  /** Cross-province is derived from the offices and kept in the state (docs/domain.md §7.9.1). */
  crossProvince?: boolean;
  limit: number;
  cursor?: string;
}

/** Lists cases within a scope (the access policy's, for the caller), newest first, with an opaque keyset cursor. */
export async function listCases(sql: SqlExecutor, table: string, q: ListFilter, scope: CaseScope) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  // Scope first: nobody lists beyond what they may see.
  where.push(scopeCondition(scope, params, { offices: 'offices', provinces: 'provinces', applicant: 'applicant_id' }));
  if (q.type) add('type = ?', q.type);
  if (q.status) add('status = ?', q.status);
  if (q.office) add('? = ANY(offices)', q.office);
  if (q.sla) add('sla = ?', q.sla);
  if (q.crossProvince !== undefined) add(`${CROSS_PROVINCE} = ?`, q.crossProvince);
  if (q.cursor) {
    const [openedAt, caseId] = decodeCursor(q.cursor);
    params.push(openedAt, caseId);
    where.push(`(opened_at, case_id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(q.limit + 1);
  const { rows } = await sql.query<{ state: CaseState; opened_at: string | Date; case_id: string }>(
    `SELECT state, opened_at, case_id FROM ${table} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY opened_at DESC, case_id DESC LIMIT $${params.length}`,
    params,
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r: { state: CaseState }) => r.state),
    nextCursor: more && last ? encodeCursor(new Date(last.opened_at).toISOString(), last.case_id) : null,
  };
}

const encodeCursor = (openedAt: string, caseId: string) => Buffer.from(`${openedAt}|${caseId}`).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  const [openedAt, caseId] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!openedAt || !caseId || Number.isNaN(Date.parse(openedAt))) throw invalid('the cursor is not valid');
  return [openedAt, caseId];
}
