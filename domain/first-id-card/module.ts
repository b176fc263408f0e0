import { cnCalendar } from '../calendar';
import type { CaseTypeModule } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { event, type CaseEvent } from '../kernel/events';
import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import { shanghaiDay } from '../kernel/receipts';
import type { CaseDocument, CaseState } from '../kernel/types';
import { sameProvince } from '../offices';
import { defaultSlaPolicy, startClock } from '../sla';
import { captureBiometrics, handOver, issueTemporaryId, retryProduction, signOff } from './actions';
import { firstIdCardDetailsSchema, type FirstIdCardDetails } from './details';
import { idCardDetailsOf, needsSignOff, productionStalled, idCardProgressOf } from './progress';
import { ageAt, birthDateInIdNumber, cardValidityForAge, MANDATORY_AGE } from './rules';
import { idCardTaskResult, idCardTasks } from './tasks';

export const PRODUCTION_CLOCK = 'first-id-card-production';
export const TEMPORARY_ID_CLOCK = 'temporary-id';

/**
 * First-time resident ID card (首次申領居民身份證). Same province: the hukou-place office decides.
 * Cross-province: the residence office lodges and decides, after the hukou-place office signs off.
 */
export const firstIdCard: CaseTypeModule = {
  type: 'first-id-card',
  details: firstIdCardDetailsSchema,

  checkOpen(input, at) {
    const d = input.details as FirstIdCardDetails;
    const { idNumber, birthDate } = input.applicant;
    if (!idNumber || !birthDate) throw ruleBroken("a first ID card needs the applicant's resident ID number and birth date");
    if (birthDate > shanghaiDay(at)) throw ruleBroken('the birth date lies in the future');
    if (birthDateInIdNumber(idNumber) !== birthDate) throw ruleBroken('the birth date does not match the one in the resident ID number');
    if (ageAt(birthDate, at) < MANDATORY_AGE && !d.guardian) {
      throw ruleBroken('under 16 a first ID card is applied for through a guardian (居民身份證法 art 9): details.guardian is required');
    }
    if (input.receivingOffice !== d.hukouOffice && input.receivingOffice !== d.residenceOffice) {
      throw ruleBroken(`a first ID card is lodged at the hukou office ${d.hukouOffice} or the residence office ${d.residenceOffice}`);
    }
  },

  // The hukou-place county police decide (居民身份證法 art 8) unless the case was lodged in another province.
  handlingOffice: (input) => {
    const { hukouOffice } = input.details as FirstIdCardDetails;
    return sameProvince(input.receivingOffice, hukouOffice) ? hukouOffice : input.receivingOffice;
  },
  involvedOffices: (input) => {
    const d = input.details as FirstIdCardDetails;
    return [...new Set([d.hukouOffice, d.residenceOffice])];
  },
  clocks: {
    completeness: defaultSlaPolicy.clocks.completeness,
    decision: defaultSlaPolicy.clocks.decision,
    [PRODUCTION_CLOCK]: defaultSlaPolicy.clocks['first-id-card-production'],
    [TEMPORARY_ID_CLOCK]: defaultSlaPolicy.clocks['temporary-id'],
  },
  steps: { intake: 'intake', review: 'review', after: 'card-production' },
  refusal: { reasonRequired: true, final: false, legalBasis: '居民身份证法 第八条' },
  actions: [captureBiometrics, signOff, issueTemporaryId, handOver, retryProduction],

  pendingTasks: idCardTasks,
  onTaskResult: idCardTaskResult,

  approvalBlocker(s) {
    const p = idCardProgressOf(s);
    if (!p.photo || !p.fingerprintsAt) return 'biometrics (photo and fingerprints) have not been captured yet';
    if (needsSignOff(s) && !p.signedOffAt) return `the hukou-place office ${idCardDetailsOf(s).hukouOffice} has not signed off yet`;
    return null;
  },

  onApprove(s, ctx) {
    const age = ageAt(s.applicant.birthDate!, s.openedAt);
    const requested = { ageAtApplication: age, validity: cardValidityForAge(age).label, photoId: idCardProgressOf(s).photo!.photoId, delivery: idCardDetailsOf(s).delivery };
    return [event('CardProductionRequested', requested, ctx.at)];
  },

  waitingOn(s) {
    const p = idCardProgressOf(s);
    if (s.status === 'accepted' && !p.fingerprintsAt) return idCardDetailsOf(s).residenceOffice;
    if (s.status === 'accepted' && needsSignOff(s) && !p.signedOffAt) return idCardDetailsOf(s).hukouOffice;
    if (s.status === 'approved') return p.card ? s.receivingOffice : productionStalled(s) ? s.handlingOffice : null;
    return undefined;
  },

  evolve: evolveIdCard,
};

function evolveIdCard(s: CaseState, ev: CaseEvent): CaseState {
  const d = ev.data as Record<string, any>;
  const progress = (patch: Record<string, unknown>) => ({ ...s, progress: { ...s.progress, ...patch } });
  switch (ev.type) {
    case 'CaseOpened': {
      const production = withClock(s, PRODUCTION_CLOCK, () => startClock(cnCalendar, s.policy.clocks[PRODUCTION_CLOCK], ev.at));
      if (!idCardDetailsOf(s).wantsTemporaryId) return production;
      return withClock(production, TEMPORARY_ID_CLOCK, () => startClock(cnCalendar, s.policy.clocks[TEMPORARY_ID_CLOCK], ev.at));
    }
    case 'PhotoLookedUp':
      return progress({ photoLookup: d });
    case 'PhotoReused':
      return progress({ photo: { source: 'reused', photoId: d.photoId, takenAt: d.takenAt } });
    case 'PhotoCaptured':
      return progress({ photo: { source: 'captured', photoId: d.photoId, takenAt: d.takenAt } });
    case 'PhotoShared':
      return progress({ photoShared: true });
    case 'PhotoShareFailed':
      return progress({ photoShared: false });
    case 'FingerprintsCaptured':
      return progress({ fingerprintsAt: ev.at });
    case 'HukouPlaceSignedOff':
      return progress({ signedOffAt: ev.at });
    case 'CardProductionRequested':
      return { ...progress({ productionFailures: 0 }), step: 'card-production' };
    case 'CardProductionFailed':
      return progress({ productionFailures: (idCardProgressOf(s).productionFailures ?? 0) + 1 });
    case 'CardProduced': {
      const produced = { ...progress({ card: { cardNumber: d.number, validFrom: d.validFrom, validUntil: d.validUntil } }), step: 'hand-over' };
      return withClock(addDocument(produced, ev), PRODUCTION_CLOCK, (c) => stop(c, ev.at));
    }
    case 'TemporaryIdIssued':
      return withClock(addDocument(progress({ temporaryIdAt: ev.at }), ev), TEMPORARY_ID_CLOCK, (c) => stop(c, ev.at));
    case 'CardDelivered':
      return progress({ deliveredAt: ev.at });
    default:
      return s;
  }
}

const addDocument = (s: CaseState, ev: CaseEvent): CaseState => {
  const { productionCentre: _ignored, ...doc } = ev.data as CaseDocument;
  return { ...s, documents: [...s.documents, doc as CaseDocument] };
};
