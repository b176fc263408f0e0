import type { AnyCaseTypeModule } from './case-type';
import type { CaseState } from './types';

/**
 * An objection to a decided case and its review (the no-criminal-record certificate's, docs/domain.md §7.6): when it
 * was lodged, the end of the review, whether the head extended it, and the answer once given. Its reasons are in the
 * history, not here.
 */
export interface ObjectionView {
  status: 'under-review' | 'answered';
  lodgedAt: string;
  reviewDueBy: string;
  extended: boolean;
  outcome?: string;
  answeredAt?: string;
}

/** The case as `api.md` shows it; `allowedActions` depends on the caller and is added by the caller. */
export interface CaseView {
  caseId: string;
  type: string;
  status: string;
  step: string;
  channel: string;
  crossProvince: boolean;
  receivingOffice: string;
  handlingOffice: string;
  involvedOffices: string[];
  applicant: CaseState['applicant'];
  /** Who lodged for the applicant (parent, guardian, relative, agent), where somebody did. */
  representative?: CaseState['representative'];
  /** The case this one belongs to, and the cases lodged as its children. */
  parentCaseId?: string;
  childCases?: NonNullable<CaseState['childCases']>;
  assignee: string | null;
  version: number;
  openedAt: string;
  closedAt: string | null;
  acceptedAt: string | null;
  sla: { clock: string; goal: string; deadline: string; state: string; escalation: number; provisional: boolean }[];
  documents: CaseState['documents'];
  receipts: CaseState['receipts'];
  records: CaseState['records'][string][];
  materials: string[];
  materialsRequested: string[] | null;
  details: Record<string, unknown>;
  /** Other open cases of the same type about the same person, found at opening, and their review. */
  possibleDuplicates?: CaseState['duplicates'];
  /** The open correction request, and the corrections decided (shown once a correction was requested). */
  correction?: CaseState['correction'];
  corrections?: CaseState['corrections'];
  /** The objection to the decision, where the type takes one and one was lodged. */
  objection?: ObjectionView;
  allowedActions: string[];
}

export function toView(s: CaseState, allowedActions: string[] = [], module?: AnyCaseTypeModule): CaseView {
  const objection = module?.objectionOf?.(s);
  return {
    caseId: s.caseId,
    type: s.type,
    status: s.status,
    step: s.step,
    channel: s.channel,
    crossProvince: s.crossProvince,
    receivingOffice: s.receivingOffice,
    handlingOffice: s.handlingOffice,
    involvedOffices: s.involvedOffices,
    applicant: s.applicant,
    ...(s.representative ? { representative: s.representative } : {}),
    ...(s.parentCaseId ? { parentCaseId: s.parentCaseId } : {}),
    ...(s.childCases ? { childCases: s.childCases } : {}),
    assignee: s.assignee,
    version: s.version,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    acceptedAt: s.acceptedAt,
    sla: Object.values(s.clocks).map((c) => ({
      clock: c.clock,
      goal: c.goalAt,
      deadline: c.deadline,
      state: c.state,
      escalation: c.escalation,
      provisional: c.provisional,
    })),
    documents: s.documents,
    receipts: s.receipts,
    records: Object.values(s.records),
    materials: s.materials,
    materialsRequested: s.materialsRequested,
    details: s.details,
    ...(s.duplicates ? { possibleDuplicates: s.duplicates } : {}),
    ...(s.correction !== undefined ? { correction: s.correction } : {}),
    ...(s.corrections ? { corrections: s.corrections } : {}),
    ...(objection ? { objection } : {}),
    allowedActions,
  };
}
