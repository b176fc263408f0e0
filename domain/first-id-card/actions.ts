import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { conflict } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { isCaseworkerOf, notNow, notWho, onlyCaseworkerOf, onlyWhen, type Refusal } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import type { Actor } from '../kernel/types';
import { needsSignOff, productionStalled } from './progress';
import { referenceDefaults } from '../reference';
import { PHOTO_MAX_AGE_MONTHS, photoRecentEnough, temporaryIdValidUntil } from './rules';
import { firstIdCardEvent as event, type FirstIdCard, type FirstIdCardCase } from './spec';

const none = z.object({}).strict();
const caseTag = (s: FirstIdCardCase) => s.caseId.replace(/-/g, '').slice(0, 8).toUpperCase();

/** Biometrics are taken where the person stands: the residence office, or the office where they lodged. */
function onlyBiometricsOffice(s: FirstIdCardCase, actor: Actor): Refusal | null {
  const { residenceOffice } = s.details;
  if (isCaseworkerOf(actor, residenceOffice) || isCaseworkerOf(actor, s.receivingOffice)) return null;
  return notWho(`only a caseworker of the residence office ${residenceOffice} (or the receiving office) may capture biometrics`);
}

/** Photo (reused from the shared store 一照通用, or taken now) and fingerprints (mandatory, 居民身份證法 art 3). */
export const captureBiometrics: ActionDefinition<FirstIdCard, { photo: 'reuse' | 'new' }> = {
  name: 'capture-biometrics',
  payload: z.object({ photo: z.enum(['reuse', 'new']) }).strict(),
  guard: (s, actor) =>
    onlyBiometricsOffice(s, actor) ??
    onlyWhen(s, ['submitted', 'awaiting-materials', 'accepted'], 'capture biometrics for') ??
    (s.progress.fingerprintsAt ? notNow('biometrics were already captured') : null),
  decide(s, p, ctx) {
    const fingerprints = event('FingerprintsCaptured', { office: ctx.actor.office, fingers: 2 }, ctx.at);
    if (p.photo === 'new') {
      const photoId = `PH-${s.applicant.idNumber}-${shanghaiDay(ctx.at).replace(/-/g, '')}-${caseTag(s)}`;
      return [event('PhotoCaptured', { photoId, takenAt: ctx.at, office: ctx.actor.office, standard: 'GA/T 461' }, ctx.at), fingerprints];
    }
    const found = s.progress.photoLookup;
    if (!found) throw conflict('the shared photo store has not answered yet: capture a new photo (photo: new) or try again shortly');
    if (!found.found || !found.photoId || !found.takenAt) {
      throw conflict('the shared photo store has no photo of this person: capture a new photo (photo: new)');
    }
    // The age limit is reference data (photo-reuse), as in force when the case was lodged; the event records it.
    const ages = ctx.reference?.['photo-reuse'] ?? { version: 'default', data: referenceDefaults['photo-reuse'].data };
    const maxAgeMonths = ages.data['id-card'] ?? PHOTO_MAX_AGE_MONTHS['id-card'];
    if (!photoRecentEnough(found.takenAt, ctx.at, maxAgeMonths)) {
      throw conflict(`the shared photo was taken on ${shanghaiDay(found.takenAt)}, more than ${maxAgeMonths} months ago: capture a new photo (photo: new)`);
    }
    const reused = { photoId: found.photoId, takenAt: found.takenAt, source: 'shared-photo-store' as const, maxAgeMonths, photoReuseVersion: ages.version };
    return [event('PhotoReused', reused, ctx.at), fingerprints];
  },
};

/** Cross-province: the hukou-place office signs off what the residence office lodged. */
export const signOff: ActionDefinition<FirstIdCard> = {
  name: 'sign-off',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.details.hukouOffice, 'sign off (hukou-place office)') ??
    onlyWhen(s, ['accepted'], 'sign off') ??
    (needsSignOff(s) ? null : notNow('no sign-off is needed: the hukou-place office decides this case itself')) ??
    (s.progress.signedOffAt ? notNow('the hukou-place office already signed off') : null),
  decide: (_s, _p, ctx) => [event('HukouPlaceSignedOff', { office: ctx.actor.office }, ctx.at)],
};

/** The card reaches the applicant: at the window where they lodged, or posted from there. */
export const handOver: ActionDefinition<FirstIdCard, { trackingNumber?: string }> = {
  name: 'hand-over',
  payload: z.object({ trackingNumber: z.string().trim().min(1).max(64).optional() }).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'hand over the card') ??
    onlyWhen(s, ['approved'], 'hand over the card of') ??
    (s.progress.card ? null : notNow('the card has not been produced yet')),
  decide(s, p, ctx) {
    const mode = s.details.delivery;
    const delivered = {
      mode,
      office: ctx.actor.office,
      cardNumber: s.progress.card!.cardNumber,
      ...(p.trackingNumber ? { trackingNumber: p.trackingNumber } : {}),
    };
    return [event('CardDelivered', delivered, ctx.at), event(E.CaseCompleted, {}, ctx.at)];
  },
};

/** A temporary card while the real one is made (MPS Order 78): issued within 3 days, valid 3 months. */
export const issueTemporaryId: ActionDefinition<FirstIdCard> = {
  name: 'issue-temporary-id',
  payload: none,
  guard(s, actor) {
    const p = s.progress;
    return (
      (isCaseworkerOf(actor, s.receivingOffice) || isCaseworkerOf(actor, s.handlingOffice)
        ? null
        : notWho(`only a caseworker of office ${s.receivingOffice} or ${s.handlingOffice} may issue a temporary ID card`)) ??
      onlyWhen(s, ['accepted', 'approved'], 'issue a temporary ID card for') ??
      (s.details.wantsTemporaryId ? null : notNow('the applicant did not ask for a temporary ID card')) ??
      (p.temporaryIdAt ? notNow('a temporary ID card was already issued') : null) ??
      (p.photo ? null : notNow('capture the biometrics first: the temporary card carries the photo'))
    );
  },
  decide(s, _p, ctx) {
    const validFrom = shanghaiDay(ctx.at);
    const number = `LS${s.receivingOffice}${validFrom.replace(/-/g, '')}${caseTag(s)}`;
    return [event('TemporaryIdIssued', { kind: 'temporary-id-card', number, validFrom, validUntil: temporaryIdValidUntil(validFrom) }, ctx.at)];
  },
};

/** After automatic production attempts kept failing, a caseworker of the handling office asks again. */
export const retryProduction: ActionDefinition<FirstIdCard> = {
  name: 'retry-production',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.handlingOffice, 'ask the production centre again') ??
    onlyWhen(s, ['approved'], 'retry card production for') ??
    (productionStalled(s) ? null : notNow('card production is not stalled')),
  decide: (s, _p, ctx) => [event('CardProductionRequested', { retry: true, photoId: s.progress.photo!.photoId }, ctx.at)],
};
