import { caseKindOf } from '../../domain';
import { caseStateProjection } from '../case-state/case-state-projection';
import { provincesOf } from '../case-state/summaries';

/**
 * Statistics: one row per case with the dimensions counted (type, channel, status, cross-province, kind). Cross-province
 * is its own dimension, never a channel: a case can be online and cross-province (docs/domain.md §7.9.1). Filings are
 * counted apart from applications (kind): they record a fact and are never decided (§7.9.3).
 */
export const statsProjection = caseStateProjection({
  name: 'stats',
  // 2: cases lodged with the cross-province channel alias are counted on the window channel. 3: the kind (filing).
  version: 3,
  columns: 'type text NOT NULL, channel text NOT NULL, status text NOT NULL, cross_province boolean NOT NULL, provinces text[] NOT NULL, kind text NOT NULL',
  row: (s) => [s.type, s.channel, s.status, s.crossProvince, provincesOf(s), caseKindOf(s.type)],
});
