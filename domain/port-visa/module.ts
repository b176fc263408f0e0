import type { CaseTypeModule } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { requireValidCreditCode } from '../registers';
import { statutoryClocks } from '../sla';
import { MAX_PORT_VISA_STAY_DAYS, portVisaDetailsSchema } from './details';
import { portVisaEvent as event, type PortVisa, type PortVisaDocument } from './spec';

/** Decided on arrival, in hours from lodging: no limit is published, goal 2 h and deadline 4 h are inferred (domain.md §4). */
const portVisaDecisionClock = {
  clock: 'decision',
  unit: 'hours',
  limit: 4,
  goalRatio: 0.5,
  passedDeadlineEvery: 1,
  maxEscalation: 2,
} as const;

/** Port visa (口岸簽證, 出境入境管理法 art 20): decided on arrival at the port, single entry, stay ≤30 days. */
export const portVisa: CaseTypeModule<PortVisa> = {
  type: 'port-visa',
  details: portVisaDetailsSchema,

  checkOpen(input) {
    const d = input.details;
    if (d.intendedStayDays > MAX_PORT_VISA_STAY_DAYS) {
      throw ruleBroken(`a port visa allows a stay of at most ${MAX_PORT_VISA_STAY_DAYS} days (出境入境管理法 art 20)`);
    }
    if (!input.applicant.passportNo || !input.applicant.nationality) {
      throw ruleBroken("a port visa needs the applicant's passport number and nationality");
    }
    requireValidCreditCode(d.invitingCompany.creditCode);
  },

  involvedOffices: () => [],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    decision: portVisaDecisionClock,
  },
  steps: { intake: 'port-intake', review: 'port-review', after: 'issue' },
  // No reason required (出境入境管理法 art 21), but not final: art 36 lists only refusals to extend,
  // exchange or replace a visa, or to issue or extend a residence/stay document (docs/domain.md §1, §4).
  refusal: { reasonRequired: false, final: false, legalBasis: '出境入境管理法 第二十一条' },
  actions: [],

  pendingTasks: (s) =>
    s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted'
      ? [{ key: 'inviting-company', kind: 'verify-record', registry: 'company', subject: s.details.invitingCompany.creditCode }]
      : [],

  approvalBlocker(s) {
    const check = s.records['inviting-company'];
    if (!check) return 'the inviting company has not been verified against the company registry yet';
    if (!check.ok) return `the inviting company failed verification (${check.detail}): the case can only be refused`;
    return null;
  },

  onApprove(s, ctx) {
    const d = s.details;
    const visa: PortVisaDocument = {
      kind: 'visa',
      number: `PV${s.receivingOffice}${s.caseId.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      visaType: d.purpose === 'humanitarian' ? 'L' : 'M',
      entries: 1,
      stayDays: d.intendedStayDays,
      port: d.port,
      validFor: `entry through ${d.port} only`,
    };
    return [event('VisaIssued', visa, ctx.at), event(E.CaseCompleted, {}, ctx.at)];
  },

  evolve(s, ev) {
    switch (ev.type) {
      case 'VisaIssued':
        return { ...s, documents: [...s.documents, ev.data] };
    }
  },
};
