import { guardianOfMinor } from '../id-card/guardian';
import { addDocument, evolveCard } from '../id-card/evolve';
import { feeAssessed } from '../id-card/fees';
import { applies, type CaseTypeModule } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import { shanghaiDay } from '../kernel/receipts';
import { sameProvince } from '../offices';
import { calendarDayClock, statutoryClocks } from '../sla';
import { captureBiometrics, handOver, issueTemporaryId, retryProduction, signOff } from './actions';
import { firstIdCardDetailsSchema } from './details';
import { needsSignOff, productionStalled } from './progress';
import { ageAt, birthDateInIdNumber, cardValidityForAge, MANDATORY_AGE } from './rules';
import { firstIdCardEvent as event, PRODUCTION_CLOCK, TEMPORARY_ID_CLOCK, type FirstIdCard, type FirstIdCardCase } from './spec';
import { idCardTaskResult, idCardTasks } from './tasks';

/**
 * First-time resident ID card (首次申領居民身份證). The hukou-place office decides; cross-province, the
 * residence office lodges, captures and hands over. (Cross-province cases recorded before that rule were
 * decided by the residence office after the hukou-place office signed off: they still read so.)
 */
export const firstIdCard: CaseTypeModule<FirstIdCard> = {
  type: 'first-id-card',
  details: firstIdCardDetailsSchema,

  checkOpen(input, at) {
    const d = input.details;
    const { idNumber, birthDate } = input.applicant;
    if (!idNumber || !birthDate) throw ruleBroken("a first ID card needs the applicant's resident ID number and birth date");
    if (birthDate > shanghaiDay(at)) throw ruleBroken('the birth date lies in the future');
    if (birthDateInIdNumber(idNumber) !== birthDate) throw ruleBroken('the birth date does not match the one in the resident ID number');
    if (ageAt(birthDate, at) < MANDATORY_AGE && !d.guardian) {
      throw ruleBroken('under 16 a first ID card is applied for through a guardian (居民身份證法 art 7): details.guardian is required');
    }
    if (input.receivingOffice !== d.hukouOffice && input.receivingOffice !== d.residenceOffice) {
      throw ruleBroken(`a first ID card is lodged at the hukou office ${d.hukouOffice} or the residence office ${d.residenceOffice}`);
    }
  },

  // Under 16 the card is applied for through a guardian (居民身份證法 art 7), named in details.guardian (checkOpen requires one).
  representation: [
    guardianOfMinor(
      'the guardian named in details.guardian for a child under 16 (居民身份證法 art 7)',
      'a guardian applies for a first ID card only for a child under 16 (居民身份證法 art 7)',
      (input) => input.applicant.birthDate,
    ),
  ],
  representativeOf: ({ details: { guardian } }) => guardian && { role: 'guardian', name: guardian.name, idNumber: guardian.idNumber },

  // The hukou-place county police decide (居民身份證法 art 8), cross-province too: the residence office lodges,
  // captures and hands over (docs/domain.md §3). A new opening names the hukou office (prepareNew); a cross-province
  // opening recorded before that rule names none, and its residence office decided after a sign-off.
  handlingOffice: (input) => {
    const { hukouOffice } = input.details;
    return input.handlingOffice === hukouOffice || sameProvince(input.receivingOffice, hukouOffice) ? hukouOffice : input.receivingOffice;
  },
  prepareNew(input) {
    const { hukouOffice } = input.details;
    if (input.handlingOffice !== undefined && input.handlingOffice !== hukouOffice) {
      throw ruleBroken(`a first ID card is decided by office ${hukouOffice}, the hukou-place office (居民身份證法 art 8), not ${input.handlingOffice}`);
    }
    // A temporary card is now a case of its own, linked to this one (docs/domain.md §7.3, §7.9 item 5). Cases lodged
    // with the old add-on keep it: this rule is for new openings only, never replayed.
    if (input.details.wantsTemporaryId) {
      throw ruleBroken(
        'a temporary ID card is applied for as its own case (type temporary-id-card, with parentCaseId of this case), not with details.wantsTemporaryId',
      );
    }
    return { ...input, handlingOffice: hukouOffice };
  },
  involvedOffices: (input) => [...new Set([input.details.hukouOffice, input.details.residenceOffice])],
  reference: ['photo-reuse'],
  // Issued within 60 days of the application (art 12): days the applicant takes to supplement do not count (inferred).
  applicantClocks: [PRODUCTION_CLOCK, TEMPORARY_ID_CLOCK],
  extendableClock: PRODUCTION_CLOCK,
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // No 20 WD decision clock: the special law sets the time limit (居民身份證法 art 12; docs/domain.md §3).
    // Issued within 60 days of submission, calendar days; where transport is poor, once by at most 30 more (art 12:
    // 交通不便的地区，办理时间可以适当延长，但延长的时间不得超过三十日), approved by the head of the deciding office.
    [PRODUCTION_CLOCK]: calendarDayClock(PRODUCTION_CLOCK, 60, { max: 30, basis: '居民身份证法 第十二条' }),
    // A temporary card within 3 days of its request (MPS Order 78).
    [TEMPORARY_ID_CLOCK]: calendarDayClock(TEMPORARY_ID_CLOCK, 3),
  },
  steps: { intake: 'intake', review: 'review', after: 'card-production' },
  refusal: { reasonRequired: true, final: false, legalBasis: '居民身份证法 第八条' },
  actions: [captureBiometrics, signOff, issueTemporaryId, handOver, retryProduction],

  pendingTasks: idCardTasks,
  onTaskResult: idCardTaskResult,

  approvalBlocker(s) {
    const p = s.progress;
    if (!p.photo || !p.fingerprintsAt) return 'biometrics (photo and fingerprints) have not been captured yet';
    if (needsSignOff(s) && !p.signedOffAt) return `the hukou-place office ${s.details.hukouOffice} has not signed off yet`;
    return null;
  },

  onApprove(s, ctx) {
    const age = ageAt(s.applicant.birthDate!, s.openedAt);
    const requested = { ageAtApplication: age, validity: cardValidityForAge(age).label, photoId: s.progress.photo!.photoId, delivery: s.details.delivery };
    const production = event('CardProductionRequested', requested, ctx.at);
    // The national fee (20 CNY, waived for minimum-subsistence recipients: 2322号, docs/domain.md §7.9 item 4),
    // recorded on approvals decided since it was added; cases approved before replay without it.
    if (!applies(ctx, 'id-card-fee-assessed')) return [production];
    return [production, feeAssessed('first-issue', ctx.at, s.details.minimumSubsistence === true)];
  },

  waitingOn(s) {
    const p = s.progress;
    if (s.status === 'accepted' && !p.fingerprintsAt) return s.details.residenceOffice;
    if (s.status === 'accepted' && needsSignOff(s) && !p.signedOffAt) return s.details.hukouOffice;
    if (s.status === 'approved') return p.card ? s.receivingOffice : productionStalled(s) ? s.handlingOffice : null;
    return undefined;
  },

  // A temporary card is issued where it was asked for (the receiving office); the card by the deciding office.
  clockOwner: (s, clock) => (clock === TEMPORARY_ID_CLOCK ? s.receivingOffice : undefined),

  // The production clock runs from submission; the temporary-ID clock from a request made at lodging.
  clockStarts(s, ev) {
    if (ev.type !== 'CaseOpened') return [];
    const production = { clock: PRODUCTION_CLOCK, from: ev.at };
    return s.details.wantsTemporaryId ? [production, { clock: TEMPORARY_ID_CLOCK, from: ev.at }] : [production];
  },

  evolve: evolveIdCard,
};

function evolveIdCard(s: FirstIdCardCase, ev: FirstIdCard['events']): FirstIdCardCase {
  switch (ev.type) {
    case 'TemporaryIdIssued': {
      const issued = addDocument({ ...s, progress: { ...s.progress, temporaryIdAt: ev.at } }, ev.data);
      return withClock(issued, TEMPORARY_ID_CLOCK, (c) => stop(c, ev.at));
    }
    case 'FeeAssessed':
      return { ...s, progress: { ...s.progress, fee: { amountCny: ev.data.amountCny, waived: ev.data.waived } } };
    default:
      return evolveCard(s, ev, PRODUCTION_CLOCK);
  }
}
