import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { event as kernelEvent, KernelEvents as E } from '../kernel/events';
import { isCaseworkerOf, notNow, notWho, onlyCaseworkerOf, onlyWhen, type Refusal } from '../kernel/guards';
import type { Actor, CaseState } from '../kernel/types';
import { newPhotoId, residentHolder, reusedFromStore } from '../photo';
import { PHOTO_MAX_AGE_MONTHS } from './rules';
import { asEventsOf, cardEvent as event, type CardCase, type CardSpec } from './spec';

const none = z.object({}).strict();
export const caseTag = (s: CaseState) => s.caseId.replace(/-/g, '').slice(0, 8).toUpperCase();

/** Automatic production attempts (each retried by the activity) before a caseworker must ask again. */
export const MAX_AUTOMATIC_PRODUCTION_ATTEMPTS = 3;

export const productionStalled = (s: CardCase) =>
  s.status === 'approved' && !s.progress.card && (s.progress.productionFailures ?? 0) >= MAX_AUTOMATIC_PRODUCTION_ATTEMPTS;

/** Lodged away from the hukou place and handled there: the hukou-place office, the legal issuer (居民身份證法 art 8), signs off. */
export const needsSignOff = (s: CardCase) => s.handlingOffice !== s.details.hukouOffice;

/**
 * The cross-province sign-off (`sign-off`): a caseworker of the hukou-place office, on an accepted case that needs
 * it, and only until `answered` says the office has (its refusal), for every card type with a sign-off; `decide` is
 * what the type records.
 */
export const signOffAction = <S extends CardSpec>(
  answered: (s: CaseState<S>) => Refusal | null,
  decide: ActionDefinition<S>['decide'],
): ActionDefinition<S> => ({
  name: 'sign-off',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.details.hukouOffice, 'sign off (hukou-place office)') ??
    onlyWhen(s, ['accepted'], 'sign off') ??
    (needsSignOff(s) ? null : notNow('no sign-off is needed: the hukou-place office decides this case itself')) ??
    answered(s),
  decide,
});

/** Photo and fingerprints, hand-over and a production retry: the actions every card type shares. */
export const cardActions = <S extends CardSpec>() => ({
  captureBiometrics: captureBiometricsAction<S>(),
  handOver: handOverAction<S>(),
  retryProduction: retryProductionAction<S>(),
});

/** Biometrics are taken where the person stands: the residence office, or the office where they lodged. */
function onlyBiometricsOffice(s: CardCase, actor: Actor): Refusal | null {
  const { residenceOffice } = s.details;
  if (isCaseworkerOf(actor, residenceOffice) || isCaseworkerOf(actor, s.receivingOffice)) return null;
  return notWho(`only a caseworker of the residence office ${residenceOffice} (or the receiving office) may capture biometrics`);
}

export type BiometricsPayload = { photo: 'reuse' | 'new' };

/** Photo (reused from the shared store 一照通用, or taken now) and fingerprints (mandatory, 居民身份證法 art 3). */
export const captureBiometricsAction = <S extends CardSpec>(): ActionDefinition<S, BiometricsPayload> => ({
  name: 'capture-biometrics',
  payload: z.object({ photo: z.enum(['reuse', 'new']) }).strict(),
  guard: (s, actor) =>
    onlyBiometricsOffice(s, actor) ??
    onlyWhen(s, ['submitted', 'awaiting-materials', 'accepted'], 'capture biometrics for') ??
    (s.progress.fingerprintsAt ? notNow('biometrics were already captured') : null),
  decide(s, p, ctx) {
    const fingerprints = event('FingerprintsCaptured', { office: ctx.actor.office, fingers: 2 }, ctx.at);
    if (p.photo === 'new') {
      const photoId = newPhotoId(residentHolder(s), s.caseId, ctx.at);
      return asEventsOf<S>([event('PhotoCaptured', { photoId, takenAt: ctx.at, office: ctx.actor.office, standard: 'GA/T 461' }, ctx.at), fingerprints]);
    }
    const rule = { ageKeys: ['id-card'], fallbackMonths: PHOTO_MAX_AGE_MONTHS['id-card'], verb: 'capture', whose: 'of this person' } as const;
    const reused = reusedFromStore(s.progress.photoLookup, ctx.at, ctx, rule);
    return asEventsOf<S>([event('PhotoReused', reused, ctx.at), fingerprints]);
  },
});

/** The card reaches the applicant: at the window where they lodged, or posted from there. */
export const handOverAction = <S extends CardSpec>(): ActionDefinition<S, { trackingNumber?: string }> => ({
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
    return [...asEventsOf<S>([event('CardDelivered', delivered, ctx.at)]), kernelEvent(E.CaseCompleted, {}, ctx.at)];
  },
});

/** After automatic production attempts kept failing, a caseworker of the handling office asks again. */
export const retryProductionAction = <S extends CardSpec>(): ActionDefinition<S> => ({
  name: 'retry-production',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.handlingOffice, 'ask the production centre again') ??
    onlyWhen(s, ['approved'], 'retry card production for') ??
    (productionStalled(s) ? null : notNow('card production is not stalled')),
  decide: (s, _p, ctx) => asEventsOf<S>([event('CardProductionRequested', { retry: true, photoId: s.progress.photo!.photoId }, ctx.at)]),
});
