import { caseStateProjection } from '../case-state/case-state-projection';
import { provincesOf } from '../case-state/summaries';

/** Statistics: one row per case with the dimensions counted (type, channel, status, cross-province). */
export const statsProjection = caseStateProjection({
  name: 'stats',
  columns: 'type text NOT NULL, channel text NOT NULL, status text NOT NULL, cross_province boolean NOT NULL, provinces text[] NOT NULL',
  row: (s) => [s.type, s.channel, s.status, s.crossProvince, provincesOf(s)],
});
