import type { CaseTypeModule } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { requireValidCreditCode } from '../registers';
import { statutoryClocks } from '../sla';
import { MAX_PORT_VISA_STAY_DAYS, portVisaDetailsSchema } from './details';
import { portOfficeProblem } from './ports';
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

/**
 * Port visa (口岸簽證, 出境入境管理法 art 20): lodged in person at the port visa office, accepted there and then, and
 * decided on arrival by that office; single entry, stay ≤30 days.
 */
export const portVisa: CaseTypeModule<PortVisa> = {
  type: 'port-visa',
  details: portVisaDetailsSchema,
  // Lodged by the traveller in person at the port on arrival (出境入境管理法 art 20; docs/domain.md §4): no one for them.
  representation: [],

  checkOpen(input, _at, env) {
    const d = input.details;
    // The traveller stands at the port: no online filing, no other office (docs/domain.md §4).
    if (input.channel !== 'window') {
      throw ruleBroken('a port visa is lodged in person at the port visa office (出境入境管理法 art 20), on the window channel');
    }
    const notAPort = portOfficeProblem(input.receivingOffice, d.port, env.reference?.offices);
    if (notAPort) throw ruleBroken(notAPort);
    if (d.intendedStayDays > MAX_PORT_VISA_STAY_DAYS) {
      throw ruleBroken(`a port visa allows a stay of at most ${MAX_PORT_VISA_STAY_DAYS} days (出境入境管理法 art 20)`);
    }
    if (!input.applicant.passportNo || !input.applicant.nationality) {
      throw ruleBroken("a port visa needs the applicant's passport number and nationality");
    }
    if (d.invitingCompany) requireValidCreditCode(d.invitingCompany.creditCode);
    else if (d.purpose !== 'humanitarian') {
      throw ruleBroken(`a ${d.purpose} port visa needs the inviting company (details.invitingCompany); only a humanitarian entry has none`);
    }
  },

  // The port visa authority at the port decides what it received (出境入境管理法 art 20).
  handlingOffice: (input) => input.receivingOffice,
  involvedOffices: () => [],
  acceptedAtLodging: true,
  // While the traveller gathers what the one-time notice asks for, the hours are not the office's (inferred).
  applicantClocks: ['decision'],
  // One clock from lodging, no completeness clock (docs/domain.md §4); the supplement deadline of a one-time notice.
  clocks: {
    supplement: statutoryClocks.supplement,
    decision: portVisaDecisionClock,
  },
  steps: { intake: 'port-intake', review: 'port-review', after: 'issue' },
  // No reason required (出境入境管理法 art 21), but not final: art 36 lists only refusals to extend,
  // exchange or replace a visa, or to issue or extend a residence/stay document (docs/domain.md §1, §4).
  refusal: { reasonRequired: false, final: false, legalBasis: '出境入境管理法 第二十一条' },
  actions: [],

  pendingTasks: (s) => {
    const company = s.details.invitingCompany;
    const open = s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted';
    return open && company ? [{ key: 'inviting-company', kind: 'verify-record', registry: 'company', subject: company.creditCode }] : [];
  },

  approvalBlocker(s) {
    // A humanitarian entry has no company to check (docs/domain.md §4).
    if (!s.details.invitingCompany) return null;
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
