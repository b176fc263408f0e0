import { isClosed, officesOf } from '../../domain';
import { caseStateProjection } from '../case-state/case-state-projection';
import { provincesOf } from '../case-state/summaries';

/** The SLA board's source: open cases, and closed ones with a running clock, with their clocks (remaining time at read time). */
export const slaProjection = caseStateProjection({
  name: 'sla',
  // 2: `open` also holds a closed case with a running clock; rebuilt so that cases already closed get it right.
  version: 2,
  columns: 'type text NOT NULL, offices text[] NOT NULL, provinces text[] NOT NULL, open boolean NOT NULL',
  indexes: (t) => [`CREATE INDEX IF NOT EXISTS ${t}_open ON ${t} (open, type)`],
  // A closed case whose clock still runs (an objection to a no-criminal-record decision under review) is on the board too.
  row: (s) => [s.type, officesOf(s), provincesOf(s), !isClosed(s) || Object.values(s.clocks).some((c) => c.state !== 'stopped')],
});
