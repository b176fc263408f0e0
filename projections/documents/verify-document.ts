import { timingSafeEqual } from 'node:crypto';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';

/** What GET /verify answers: the document's kind, issuing office and dates, or that it is unknown. */
export type Verification =
  { status: 'unknown' } | { status: 'valid' | 'revoked'; kind: string; issuingOffice: string; issuedAt: string; validUntil?: string; revokedAt?: string };

/**
 * Looks a document up by its number and checks the code printed on it. A wrong code answers exactly as an unknown
 * number does, so the route tells nobody which numbers exist; codes are compared in constant time.
 */
export async function verifyDocument(sql: SqlExecutor, table: string, number: string, code: string): Promise<Verification> {
  const { rows } = await sql.query<{
    code: string;
    kind: string;
    issuing_office: string;
    issued_at: Date | string;
    valid_until: string | null;
    revoked_at: Date | string | null;
  }>(`SELECT code, kind, issuing_office, issued_at, valid_until, revoked_at FROM ${table} WHERE number = $1`, [number]);
  const row = rows.find((r) => sameCode(r.code, code));
  if (!row) return { status: 'unknown' };
  return {
    status: row.revoked_at ? 'revoked' : 'valid',
    kind: row.kind,
    issuingOffice: row.issuing_office,
    issuedAt: iso(row.issued_at),
    ...(row.valid_until ? { validUntil: row.valid_until } : {}),
    ...(row.revoked_at ? { revokedAt: iso(row.revoked_at) } : {}),
  };
}

const sameCode = (stored: string, given: string): boolean => {
  const a = Buffer.from(stored);
  const b = Buffer.from(given.toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
};

const iso = (v: Date | string): string => new Date(v).toISOString();
