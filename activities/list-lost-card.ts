import type { LostCardList } from './registries';
import type { CaseActivities } from './types';

/** Puts a reported card on the national lost-card list; the same entry for a retried case. */
export const listLostCard =
  (list: LostCardList): CaseActivities['listLostCard'] =>
  ({ caseId, idNumber, office, reportedOn }) =>
    list.list({ caseId, idNumber, office, reportedOn });
