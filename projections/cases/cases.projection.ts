import { caseKindOf, caseTypeModule, isClosed, officesOf, waitingOn, type CaseState } from '../../domain';
import { caseStateProjection } from '../case-state/case-state-projection';
import { nextDeadline, provincesOf, slaSummary } from '../case-state/summaries';
import { lookupKeysOf } from './find-cases';

/**
 * One row per case: its folded state and the columns every view of the cases queries by — the case list
 * (type, status, office, SLA; newest first; found by an identifier through `lookup_keys`), the work queues
 * (which office must act now, how soon the nearest deadline falls), the SLA board (open cases, and closed ones
 * with a running clock) and the statistics (type, channel, status, cross-province, kind). One copy of each
 * case and one write per change, where each view once kept a copy of its own. Cross-province is its own
 * dimension, never a channel: a case can be online and cross-province (docs/domain.md §7.9.1). Filings are
 * counted apart from applications (kind): they record a fact and are never decided (§7.9.3).
 */
export const casesProjection = caseStateProjection({
  name: 'cases',
  // 2: the look-up keys column and its index. 3: the queues', SLA board's and statistics' columns (their own tables retired).
  version: 3,
  retires: ['queues', 'sla', 'stats'],
  columns: `type text NOT NULL, status text NOT NULL, offices text[] NOT NULL, provinces text[] NOT NULL,
    applicant_id text, sla text NOT NULL, opened_at timestamptz NOT NULL, lookup_keys text[] NOT NULL,
    waiting_office text, next_deadline timestamptz, open boolean NOT NULL,
    channel text NOT NULL, cross_province boolean NOT NULL, kind text NOT NULL`,
  indexes: (t) => [
    `CREATE INDEX IF NOT EXISTS ${t}_opened ON ${t} (opened_at DESC, case_id DESC)`,
    `CREATE INDEX IF NOT EXISTS ${t}_offices ON ${t} USING gin (offices)`,
    `CREATE INDEX IF NOT EXISTS ${t}_lookup ON ${t} USING gin (lookup_keys)`,
    `CREATE INDEX IF NOT EXISTS ${t}_waiting ON ${t} (waiting_office, next_deadline)`,
    `CREATE INDEX IF NOT EXISTS ${t}_open ON ${t} (open, type)`,
  ],
  row: (s) => [
    s.type,
    s.status,
    officesOf(s),
    provincesOf(s),
    s.applicantId ?? null,
    slaSummary(s),
    s.openedAt,
    lookupKeysOf(s),
    waitingOn(caseTypeModule(s.type), s),
    nextDeadline(s),
    onSlaBoard(s),
    s.channel,
    s.crossProvince,
    caseKindOf(s.type),
  ],
});

/** A closed case whose clock still runs (an objection to a no-criminal-record decision under review) is on the board too. */
const onSlaBoard = (s: CaseState): boolean => !isClosed(s) || Object.values(s.clocks).some((c) => c.state !== 'stopped');
