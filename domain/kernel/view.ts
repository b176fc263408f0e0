import type { CaseState } from './types';

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
  allowedActions: string[];
}

export function toView(s: CaseState, allowedActions: string[] = []): CaseView {
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
    allowedActions,
  };
}
