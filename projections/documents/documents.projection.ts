import { KernelEvents, type DocumentFact } from '../../domain';
import type { RecordedEvent } from '../../event-store/types';
import type { Projection } from '../projection';

const CASE_STREAM = /^case-(.+)$/;

/**
 * The verification register behind GET /verify: one row per document or receipt a case issued, with its code,
 * kind, issuing office and dates, and whether it was revoked. It holds no personal data, so that the public
 * route reading it cannot leak any. A row is written once from the facts recorded on the issuing event; a
 * revocation marks the documents it names, and an approved correction the documents it superseded (both answer `revoked`).
 */
export const documentsProjection: Projection = {
  name: 'documents',
  categories: ['case'],
  // Most events issue and revoke nothing: their batches cost no transaction.
  changes: (e) => ((e.metadata.documents ?? []) as DocumentFact[]).length > 0 || revokedBy(e).length > 0,
  async init(sql, table) {
    await sql.query(
      `CREATE TABLE IF NOT EXISTS ${table} (case_id text NOT NULL, number text NOT NULL, code text NOT NULL, kind text NOT NULL,
        issuing_office text NOT NULL, issued_at timestamptz NOT NULL, valid_until text, revoked_at timestamptz, PRIMARY KEY (case_id, number))`,
    );
    await sql.query(`CREATE INDEX IF NOT EXISTS ${table}_number ON ${table} (number)`);
  },
  async apply(sql, events, table) {
    for (const e of events) {
      const caseId = CASE_STREAM.exec(e.streamId)?.[1];
      if (!caseId) continue;
      for (const d of (e.metadata.documents ?? []) as DocumentFact[]) {
        // Re-delivery, or the same number issued again by the same case (a receipt also kept as a document): the latest facts.
        await sql.query(
          `INSERT INTO ${table} (case_id, number, code, kind, issuing_office, issued_at, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (case_id, number) DO UPDATE SET code = EXCLUDED.code, kind = EXCLUDED.kind, issuing_office = EXCLUDED.issuing_office,
             issued_at = EXCLUDED.issued_at, valid_until = EXCLUDED.valid_until`,
          [caseId, d.number, d.verificationCode, d.kind, d.issuingOffice, d.issuedAt, d.validUntil ?? null],
        );
        // A replacement (a lost residence permit) revokes the document it replaces, from its own issue.
        if (d.replaces) {
          await sql.query(`UPDATE ${table} SET revoked_at = $3 WHERE case_id = $1 AND number = $2 AND revoked_at IS NULL`, [caseId, d.replaces, d.issuedAt]);
        }
      }
      const revokedDocuments = revokedBy(e);
      if (revokedDocuments.length > 0) {
        await sql.query(`UPDATE ${table} SET revoked_at = $3 WHERE case_id = $1 AND number = ANY($2::text[]) AND revoked_at IS NULL`, [
          caseId,
          revokedDocuments,
          e.metadata.at,
        ]);
      }
    }
  },
};

/** A revocation revokes the documents it names; an approved correction supersedes those it reissued. */
function revokedBy(e: RecordedEvent): string[] {
  if (e.type === KernelEvents.DecisionRevoked) return (e.data as { revokedDocuments: string[] }).revokedDocuments;
  if (e.type === KernelEvents.CorrectionApproved) return (e.data as { reissued: { replaces: string }[] }).reissued.map((r) => r.replaces);
  return [];
}
