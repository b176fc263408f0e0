import { caseTypeModule, CLOSED_STATUSES, type CaseState, type PossibleDuplicate } from '../../domain';
import type { CaseScope } from '../../domain/access';
import { scopeCondition } from '../case-state/scope';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';

/** One identifier a case is found by, matched exactly. */
export type CaseKey = { receipt: string } | { document: string } | { idNumber: string } | { passportNo: string } | { record: string };

/** At most this many cases per look-up: an identifier names a person's few cases, never a list to page through. */
export const LOOKUP_LIMIT = 50;

export type CaseKeyKind = 'receipt' | 'document' | 'idNumber' | 'passportNo' | 'record';

/** The kind of identifier a key holds. */
export const keyKindOf = (key: CaseKey): CaseKeyKind => Object.keys(key)[0] as CaseKeyKind;
const keyValueOf = (key: CaseKey): string => Object.values(key)[0];

/** One entry of the `lookup_keys` column: the kind of identifier and its value, e.g. `idNumber:440105199001011239`. */
export const lookupKeyOf = (key: CaseKey): string => `${keyKindOf(key)}:${keyValueOf(key)}`;

/**
 * Every identifier a case is found by, as `lookup_keys` entries: the receipt and document numbers it issued
 * the applicant's ID and passport numbers, and the record the case is about where its type names one (a newborn's
 * birth certificate: CaseTypeModule.duplicateKey). Kept in one array column under one GIN index, so that an exact
 * look-up of any kind is an index probe instead of a scan of every case's state.
 */
export function lookupKeysOf(s: CaseState): string[] {
  const keys: CaseKey[] = [
    ...s.receipts.map((r) => ({ receipt: r.number })),
    ...s.documents.map((d) => ({ document: d.number })),
    ...(s.applicant.idNumber ? [{ idNumber: s.applicant.idNumber }] : []),
    ...(s.applicant.passportNo ? [{ passportNo: s.applicant.passportNo }] : []),
    ...recordKeyOf(s),
  ];
  return [...new Set(keys.map(lookupKeyOf))];
}

/** The record a case is about, where its type names one; a type this build does not know names none. */
function recordKeyOf(s: CaseState): CaseKey[] {
  let record: string | undefined;
  try {
    record = caseTypeModule(s.type).duplicateKey?.(s.details);
  } catch {
    return [];
  }
  return record ? [{ record: `${s.type}:${record}` }] : [];
}

/**
 * The cases within a scope that carry the identifier: a receipt or document number the case issued, or
 * the applicant's ID or passport number. Exact match only (no prefix or pattern: a look-up is not a search),
 * through the read model's `lookup_keys` index.
 */
export async function findCases(sql: SqlExecutor, table: string, key: CaseKey, scope: CaseScope): Promise<CaseState[]> {
  const { text, params } = findCasesQuery(table, key, scope);
  const { rows } = await sql.query<{ state: CaseState }>(text, params);
  return rows.map((r) => r.state);
}

/** The look-up's SQL, apart so that a test can EXPLAIN it. */
export function findCasesQuery(table: string, key: CaseKey, scope: CaseScope): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = [`lookup_keys @> ARRAY[$${params.push(lookupKeyOf(key))}::text]`];
  where.push(scopeCondition(scope, params, { offices: 'offices', provinces: 'provinces', applicant: 'applicant_id' }));
  return { text: `SELECT state FROM ${table} WHERE ${where.join(' AND ')} ORDER BY opened_at DESC, case_id DESC LIMIT ${LOOKUP_LIMIT}`, params };
}

/**
 * The other open cases of one type that carry the identifier, in every office: the possible duplicates of a new
 * opening. Filtered in SQL and reading three fields, not each case's whole state, because it runs on every opening.
 */
export async function findPossibleDuplicates(sql: SqlExecutor, table: string, key: CaseKey, type: string, exceptCaseId: string): Promise<PossibleDuplicate[]> {
  const { rows } = await sql.query<{ case_id: string; receiving_office: string; opened: string }>(
    `SELECT case_id, state->>'receivingOffice' AS receiving_office, state->>'openedAt' AS opened FROM ${table}
     WHERE lookup_keys @> ARRAY[$1::text] AND type = $2 AND case_id <> $3 AND status <> ALL($4::text[])
     ORDER BY opened_at DESC, case_id DESC LIMIT ${LOOKUP_LIMIT}`,
    [lookupKeyOf(key), type, exceptCaseId, [...CLOSED_STATUSES]],
  );
  return rows.map((r) => ({ caseId: r.case_id, receivingOffice: r.receiving_office, openedAt: r.opened }));
}
