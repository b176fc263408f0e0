import type { CaseTypeModule, EventOf } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { event as kernelEvent, KernelEvents as E } from '../kernel/events';
import { isClosed } from '../kernel/guards';
import type { OpenCaseInput } from '../kernel/open-schema';
import type { CaseState } from '../kernel/types';
import { art9Representation, endorsementYear } from '../residence-permit/rules';
import type { ResidencePermitCase } from '../residence-permit/spec';
import { statutoryClocks } from '../sla';
import { residencePermitEndorsementDetailsSchema } from './details';
import {
  residencePermitEndorsementEvent as event,
  type ResidencePermitEndorsement,
  type ResidencePermitEndorsementCase,
  type ResidencePermitEndorsementProgress,
} from './spec';

/** The permit case's events this filing hears (its `parentEvents`), each naming it in `childCaseId` when it answers it. */
const PERMIT_ENDORSED = 'ResidencePermitEndorsed';
const PERMIT_NOT_ENDORSED = 'EndorsementNotRecorded';

/**
 * Why this filing may not be linked to the permit case `parent`, or null (the kernel has checked that it is a
 * residence-permit case about the same person). The permit must be in force: issued, handed over, not surrendered, its
 * case not revoked; the filing names the office that issued it and is lodged there or at the station that received
 * the permit (art 10: 居住地公安派出所); and it is lodged in the endorsement window, from the month before the
 * anniversary, or late once the permit is suspended (art 10). The answer names no person.
 */
export function permitCaseRefusal(input: OpenCaseInput, parent: CaseState): string | null {
  const s = parent as ResidencePermitCase;
  const permit = s.progress.permit;
  if (s.status !== 'completed' || !permit) {
    return `the residence-permit case named in parentCaseId has no permit in force (it is ${s.status}): a permit is endorsed once it is issued and handed over (居住證暫行條例 art 10)`;
  }
  if (permit.surrenderedAt) return `the residence permit ${permit.number} was surrendered: a surrendered permit is not endorsed; apply for a new one`;
  const issuer = (input.details as { residenceOffice?: unknown } | undefined)?.residenceOffice;
  if (typeof issuer === 'string' && issuer !== s.handlingOffice) {
    return `the residence permit ${permit.number} was issued by office ${s.handlingOffice}: name it in details.residenceOffice`;
  }
  if (input.receivingOffice !== s.handlingOffice && input.receivingOffice !== s.receivingOffice) {
    return `the endorsement of the residence permit ${permit.number} is lodged at the station that received it (${s.receivingOffice}) or its issuing office (${s.handlingOffice}) (居住證暫行條例 art 10), not at office ${input.receivingOffice}`;
  }
  if (!permit.dueNotified && !permit.suspendedSince) {
    const { windowOpens } = endorsementYear(permit.anniversary);
    return `the residence permit ${permit.number} is endorsed in the month before its anniversary ${permit.anniversary}, from ${windowOpens} (居住證暫行條例 art 10): lodge the endorsement then`;
  }
  return null;
}

/**
 * The yearly endorsement of a residence permit (居住證簽注, 居住證暫行條例 art 10; docs/domain.md §7.4): a filing, lodged
 * by the holder (or, as for the permit, a guardian or near relative: art 9) at the residence station or the issuing
 * office, or online, as the child of the permit case (`parentCaseId`, required). Received with a receipt when lodged; it
 * tells the permit case (`EndorsementLodged`), which records the endorsement (`ResidencePermitEndorsed`: the
 * anniversary moves on a year; a suspended permit is restored and its residence years restart) and answers the filing,
 * which then completes. Nobody decides: no acceptance or decision clock (free, art 21; done on the spot, inferred).
 */
export const residencePermitEndorsement: CaseTypeModule<ResidencePermitEndorsement> = {
  type: 'residence-permit-endorsement',
  details: residencePermitEndorsementDetailsSchema,
  filing: true,

  checkOpen(input) {
    if (!input.applicant.idNumber) throw ruleBroken("an endorsement names the holder's resident ID number, as the permit does (居住證暫行條例 art 9)");
    // Where the holder lives, like the permit itself (art 10): never cross-province.
    if (input.channel === 'cross-province') {
      throw ruleBroken('a residence permit is endorsed where the holder lives, never cross-province (居住證暫行條例 art 10)');
    }
  },

  parent: { types: ['residence-permit'], required: true, closedParent: true, refusal: permitCaseRefusal },
  tellsParent: ['EndorsementLodged'],
  parentEvents: [PERMIT_ENDORSED, PERMIT_NOT_ENDORSED],
  onParentEvent(s, parentEvent, at): EventOf<ResidencePermitEndorsement>[] {
    // Only the permit's answer to this filing (a yearly endorsement of the permit by another filing or the `endorse`
    // action names another case or none), and once.
    if (parentEvent.data?.childCaseId !== s.caseId || isClosed(s) || s.progress.recorded || s.progress.notRecorded) return [];
    if (parentEvent.type === PERMIT_NOT_ENDORSED) return [event('PermitEndorsementNotRecorded', { reason: String(parentEvent.data.reason) }, at)];
    const { number, endorsedOn, late, nextAnniversary } = parentEvent.data as { number: string; endorsedOn: string; late: boolean; nextAnniversary: string };
    return [event('PermitEndorsementRecorded', { number, endorsedOn, late, nextAnniversary }, at), kernelEvent(E.CaseCompleted, {}, at)];
  },

  representation: art9Representation<ResidencePermitEndorsement>({
    forWhom: 'a holder under 16, or of an elderly or disabled holder',
    onlyFor: 'lodges an endorsement only for a holder under 16, or an elderly person with reduced mobility or a disabled person',
  }),

  // Endorsed in the name of the county police that issued the permit (art 10), wherever it is lodged.
  handlingOffice: (input) => input.details.residenceOffice,
  involvedOffices: (input) => [input.details.residenceOffice],

  // No clock: nothing is decided, and the permit case records the endorsement at once.
  clocks: { supplement: statutoryClocks.supplement },
  steps: { intake: 'intake', review: 'endorsement' },
  // Never used: a filing is not refused (kept for the kernel's shape).
  refusal: { reasonRequired: true, final: false, legalBasis: '居住证暂行条例 第十条' },
  actions: [],

  onAccepted: (s, at) => [event('EndorsementLodged', { permitCaseId: s.parentCaseId!, office: s.receivingOffice, channel: s.channel }, at)],

  pendingTasks: () => [],
  approvalBlocker: () => null,
  onApprove: () => [],

  // The station that received it answers for it until the permit case has recorded it (at once, as a rule): should the
  // permit case not answer, or answer that it could not record it, the station withdraws it and tells the holder why.
  waitingOn: (s) => (s.status === 'accepted' ? s.receivingOffice : undefined),

  evolve(s, ev) {
    const progress = (patch: ResidencePermitEndorsementProgress): ResidencePermitEndorsementCase => ({ ...s, progress: { ...s.progress, ...patch } });
    switch (ev.type) {
      case 'EndorsementLodged':
        return progress({ lodgedAt: ev.at });
      case 'PermitEndorsementRecorded':
        return progress({ recorded: { ...ev.data, at: ev.at } });
      case 'PermitEndorsementNotRecorded':
        return progress({ notRecorded: { reason: ev.data.reason, at: ev.at } });
    }
  },
};
