import { caseTypeModule, waitingOn } from '../../domain';
import { caseStateProjection } from '../case-state/case-state-projection';
import { nextDeadline } from '../case-state/summaries';

/** Work queues: which office must act on each case now, and how soon its nearest deadline falls. */
export const queuesProjection = caseStateProjection({
  name: 'queues',
  columns: 'waiting_office text, next_deadline timestamptz, opened_at timestamptz NOT NULL',
  indexes: (t) => [`CREATE INDEX IF NOT EXISTS ${t}_waiting ON ${t} (waiting_office, next_deadline)`],
  row: (s) => [waitingOn(caseTypeModule(s.type), s), nextDeadline(s), s.openedAt],
});
