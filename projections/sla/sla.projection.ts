import { isClosed, officesOf } from '../../domain';
import { caseStateProjection } from '../case-state/case-state-projection';
import { provincesOf } from '../case-state/summaries';

/** The SLA board's source: open cases with their clocks (remaining time is computed at read time). */
export const slaProjection = caseStateProjection({
  name: 'sla',
  columns: 'type text NOT NULL, offices text[] NOT NULL, provinces text[] NOT NULL, open boolean NOT NULL',
  indexes: (t) => [`CREATE INDEX IF NOT EXISTS ${t}_open ON ${t} (open, type)`],
  row: (s) => [s.type, officesOf(s), provincesOf(s), !isClosed(s)],
});
