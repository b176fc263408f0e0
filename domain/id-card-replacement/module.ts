import { guardianOfMinor } from '../id-card/guardian';
import { productionStalled } from '../id-card/actions';
import { evolveCard } from '../id-card/evolve';
import { feeAssessed } from '../id-card/fees';
import { ageAt, birthDateInIdNumber, cardValidityForAge, MANDATORY_AGE } from '../id-card/rules';
import type { IdCardTask } from '../id-card/spec';
import { idCardTaskResult, idCardTasks } from '../id-card/tasks';
import type { CaseTypeModule, PendingTask } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import type { OpenCaseInput } from '../kernel/open-schema';
import type { CaseState } from '../kernel/types';
import { isClosed } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import { sameProvince } from '../offices';
import { calendarDayClock, statutoryClocks } from '../sla';
import { captureBiometrics, declineSignOff, handOver, reportLoss, retryProduction, signOff } from './actions';
import { idCardReplacementDetailsSchema } from './details';
import { needsSignOff } from './progress';
import {
  idCardReplacementEvent as event,
  IDENTITY_CHECK,
  REPLACEMENT_CLOCK,
  type IdCardReplacement,
  type IdCardReplacementCase,
  type IdCardReplacementProgress,
} from './spec';

/**
 * Replacement of a lost resident ID card (居民身份證丟失補領, docs/domain.md §7.2). The hukou-place county police issue
 * it (居民身份證法 art 8); lodged in another province at the residence, which captures, produces and hands it out after
 * the hukou-place office signed off [news: MPS 2015 opinion 異地受理]. 40 CNY, no waiver (2322号).
 */
export const idCardReplacement: CaseTypeModule<IdCardReplacement> = {
  type: 'id-card-replacement',
  details: idCardReplacementDetailsSchema,

  checkOpen(input, at) {
    const d = input.details;
    const { idNumber, birthDate } = input.applicant;
    if (!idNumber || !birthDate) throw ruleBroken("a replacement ID card needs the applicant's resident ID number and birth date");
    const today = shanghaiDay(at);
    if (birthDate > today) throw ruleBroken('the birth date lies in the future');
    if (birthDateInIdNumber(idNumber) !== birthDate) throw ruleBroken('the birth date does not match the one in the resident ID number');
    if (d.lostOn && d.lostOn > today) throw ruleBroken(`the card cannot have been lost on ${d.lostOn}, a day still to come: give the day it was lost`);
    if (d.lostOn && d.lostOn < birthDate) throw ruleBroken('the card cannot have been lost before the applicant was born: check details.lostOn');
    if (ageAt(birthDate, at) < MANDATORY_AGE && !d.guardian) {
      throw ruleBroken('under 16 a replacement is applied for through a guardian (居民身份證法 arts 7, 11): details.guardian is required');
    }
    if (input.receivingOffice !== d.hukouOffice && input.receivingOffice !== d.residenceOffice) {
      throw ruleBroken(`a replacement ID card is lodged at the hukou office ${d.hukouOffice} or the residence office ${d.residenceOffice}`);
    }
  },

  // A replacement may be lodged for a loss report already filed (docs/domain.md §7.2): that filing is its parent, and
  // its own `report-loss` is then not needed. Optional: lodged without one, the case reports the loss itself.
  parent: { types: ['id-card-loss-report'], required: false, closedParent: true, refusal: lossReportRefusal },

  // Under 16 the guardian named in the details applies (居民身份證法 arts 7, 11), as for a first card.
  representation: [
    guardianOfMinor(
      'the guardian named in details.guardian for a holder under 16 (居民身份證法 arts 7, 11)',
      'a guardian applies for a replacement ID card only for a holder under 16 (居民身份證法 arts 7, 11)',
      (input) => input.applicant.birthDate,
    ),
  ],
  representativeOf: ({ details: { guardian } }) => guardian && { role: 'guardian', name: guardian.name, idNumber: guardian.idNumber },

  // The hukou-place office decides its own province's cases (art 8); lodged in another province, the residence office
  // handles it (lodges, produces, hands out) once the hukou-place office signed off (docs/domain.md §7.2).
  handlingOffice: (input) => (sameProvince(input.receivingOffice, input.details.hukouOffice) ? input.details.hukouOffice : input.receivingOffice),
  involvedOffices: (input) => [...new Set([input.details.hukouOffice, input.details.residenceOffice])],
  reference: ['photo-reuse'],
  // Handed out within 60 days of the application (art 12): days the applicant takes to supplement do not count (inferred).
  applicantClocks: [REPLACEMENT_CLOCK],
  extendableClock: REPLACEMENT_CLOCK,
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // No 20 WD decision clock: 居民身份證法 art 12 sets the limit, 60 calendar days (holiday end-day rolls forward,
    // 民法典 art 203), once by at most 30 more where transport is poor, approved by the head of the deciding office.
    [REPLACEMENT_CLOCK]: calendarDayClock(REPLACEMENT_CLOCK, 60, { max: 30, basis: '居民身份证法 第十二条' }),
  },
  steps: { intake: 'intake', review: 'review', after: 'card-production' },
  // Identity not established (arts 8, 11); appealable.
  refusal: { reasonRequired: true, final: false, legalBasis: '居民身份证法 第八条、第十一条' },
  actions: [reportLoss, captureBiometrics, signOff, declineSignOff, handOver, retryProduction],

  // Photo lookup and sharing, production (domain/id-card); identity and hukou place against the population register
  // (免交證) until the decision.
  pendingTasks(s) {
    const deciding = !isClosed(s) && s.status !== 'approved';
    const check: PendingTask<IdCardTask>[] = deciding
      ? [{ key: IDENTITY_CHECK, kind: 'verify-record', registry: 'population', subject: s.applicant.idNumber! }]
      : [];
    return [...check, ...idCardTasks(s)];
  },
  onTaskResult: idCardTaskResult,

  approvalBlocker(s) {
    const p = s.progress;
    const check = s.records[IDENTITY_CHECK];
    if (!check) return 'the applicant has not been verified against the population register yet';
    if (check.result === 'unavailable') return 'the population register did not answer: recheck-records before deciding';
    if (!check.ok) return `the population register check failed (${check.detail}): identity not established, the case can only be refused`;
    const registeredAt = check.facts?.hukouOffice;
    if (typeof registeredAt === 'string' && registeredAt !== s.details.hukouOffice) {
      return `the population register has the applicant's hukou at office ${registeredAt}, not ${s.details.hukouOffice}: the case can only be refused`;
    }
    if (!p.photo || !p.fingerprintsAt) return 'biometrics (photo and fingerprints) have not been captured yet';
    if (p.signOffDeclined) return `the hukou-place office declined to sign off (${p.signOffDeclined.reason}): the case can only be refused`;
    if (needsSignOff(s) && !p.signedOffAt) return `the hukou-place office ${s.details.hukouOffice} has not signed off yet`;
    return null;
  },

  onApprove(s, ctx) {
    const age = ageAt(s.applicant.birthDate!, s.openedAt);
    // The new card's validity restarts by age (居民身份證法 art 5, verify).
    const requested = { ageAtApplication: age, validity: cardValidityForAge(age).label, photoId: s.progress.photo!.photoId, delivery: s.details.delivery };
    const invalidated = s.progress.oldCardInvalidatedAt ? [] : [event('OldCardInvalidated', { office: ctx.actor.office, reason: 'reported-lost' }, ctx.at)];
    return [...invalidated, event('CardProductionRequested', requested, ctx.at), feeAssessed('lost-replacement', ctx.at)];
  },

  // The card is issued in the name of the hukou-place county police (居民身份證法 art 8).
  issuingOffice: (s, d) => (d.kind === 'resident-id-card' ? s.details.hukouOffice : undefined),

  waitingOn(s) {
    const p = s.progress;
    if (s.status === 'accepted' && !p.fingerprintsAt) return s.details.residenceOffice;
    if (s.status === 'accepted' && needsSignOff(s) && !p.signedOffAt && !p.signOffDeclined) return s.details.hukouOffice;
    if (s.status === 'approved') return p.card ? s.receivingOffice : productionStalled(s) ? s.handlingOffice : null;
    return undefined;
  },

  // The issue clock runs from the application (art 12).
  clockStarts: (_s, ev) => (ev.type === 'CaseOpened' ? [{ clock: REPLACEMENT_CLOCK, from: ev.at }] : []),

  evolve: evolveReplacement,
};

/**
 * Why a replacement may not name this loss report as its parent, or null: the report must stand (not withdrawn), and
 * name the hukou-place office the replacement names, which issues the new card (居民身份證法 art 8). The kernel has
 * already checked that it is a loss report of the same person.
 */
function lossReportRefusal(input: OpenCaseInput, parent: CaseState): string | null {
  if (parent.status !== 'completed' && parent.status !== 'accepted') {
    return `the loss report named in parentCaseId is ${parent.status}: nothing stands reported; lodge without parentCaseId and report the loss here`;
  }
  const { hukouOffice } = input.details as { hukouOffice: string };
  const reported = (parent.details as { hukouOffice?: string }).hukouOffice;
  return reported === hukouOffice
    ? null
    : `details.hukouOffice must be the loss report's hukou-place office ${reported}, which issues the card (居民身份證法 art 8)`;
}

function evolveReplacement(s: IdCardReplacementCase, ev: IdCardReplacement['events']): IdCardReplacementCase {
  const progress = (patch: IdCardReplacementProgress) => ({ ...s, progress: { ...s.progress, ...patch } });
  switch (ev.type) {
    case 'CardReportedLost':
      return progress({ lossReportedAt: ev.at });
    case 'SignOffDeclined':
      return progress({ signOffDeclined: ev.data });
    case 'OldCardInvalidated':
      return progress({ oldCardInvalidatedAt: ev.at });
    case 'FeeAssessed':
      return progress({ fee: { amountCny: ev.data.amountCny, waived: ev.data.waived } });
    default:
      return evolveCard(s, ev, REPLACEMENT_CLOCK);
  }
}
