import { caseStateProjection } from '../case-state/case-state-projection';
import { officesOf } from '../../domain';
import { provincesOf, slaSummary } from '../case-state/summaries';
import { lookupKeysOf } from './find-cases';

/** The case list: filter by type, status, office, SLA; newest first; found by an identifier through `lookup_keys`. */
export const casesProjection = caseStateProjection({
  name: 'cases',
  // 2: the look-up keys column and its index.
  version: 2,
  columns: `type text NOT NULL, status text NOT NULL, offices text[] NOT NULL, provinces text[] NOT NULL,
    applicant_id text, sla text NOT NULL, opened_at timestamptz NOT NULL, lookup_keys text[] NOT NULL`,
  indexes: (t) => [
    `CREATE INDEX IF NOT EXISTS ${t}_opened ON ${t} (opened_at DESC, case_id DESC)`,
    `CREATE INDEX IF NOT EXISTS ${t}_offices ON ${t} USING gin (offices)`,
    `CREATE INDEX IF NOT EXISTS ${t}_lookup ON ${t} USING gin (lookup_keys)`,
  ],
  row: (s) => [s.type, s.status, officesOf(s), provincesOf(s), s.applicantId ?? null, slaSummary(s), s.openedAt, lookupKeysOf(s)],
});
