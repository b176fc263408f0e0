import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { conflict } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { notNow, onlyCaseworkerOf, onlyWhen } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import { PHOTO_MAX_AGE_MONTHS } from '../id-card/rules';
import { newPhotoId, reusedFromStore } from '../photo';
import { EXIT_ENTRY_PHOTO_STANDARD, foreignerResidencePermitEvent as event, type ForeignerResidencePermit, type ForeignerResidencePermitCase } from './spec';

const caseTag = (s: ForeignerResidencePermitCase) => s.caseId.replace(/-/g, '').slice(0, 8).toUpperCase();

/** The permit number: WJ (外國人居留), the issuing office, the day and the case. */
export const permitNumber = (s: ForeignerResidencePermitCase, at: string) => `WJ${s.handlingOffice}${shanghaiDay(at).replace(/-/g, '')}${caseTag(s)}`;

/** The passport of the case as the events record it (the opening requires both). */
export const passportOf = (s: ForeignerResidencePermitCase) => ({ passportNo: s.applicant.passportNo!, nationality: s.applicant.nationality! });

/** The photo: reused from the shared store (一照通用, the applicant's choice) or taken now to the exit-entry standard. */
export const capturePhoto: ActionDefinition<ForeignerResidencePermit, { photo: 'reuse' | 'new' }> = {
  name: 'capture-photo',
  payload: z.object({ photo: z.enum(['reuse', 'new']) }).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'take the photo') ??
    onlyWhen(s, ['submitted', 'awaiting-materials', 'accepted'], 'take the photo for') ??
    (s.progress.photo ? notNow('the photo was already given') : null),
  decide(s, p, ctx) {
    if (p.photo === 'new') {
      const photoId = newPhotoId(passportOf(s), s.caseId, ctx.at);
      return [event('PhotoCaptured', { photoId, takenAt: ctx.at, office: s.receivingOffice, standard: EXIT_ENTRY_PHOTO_STANDARD }, ctx.at)];
    }
    // The exit-entry age limit (12 months, local: Shanghai; verify for foreigners).
    const rule = { ageKeys: ['exit-entry'], fallbackMonths: PHOTO_MAX_AGE_MONTHS['exit-entry'], verb: 'take', whose: 'for this passport' } as const;
    return [event('PhotoReuseChosen', reusedFromStore(s.progress.photoLookup, ctx.at, ctx, rule), ctx.at)];
  },
};

/**
 * The passport checked and handed back and the fingerprints taken, in person (art 30), where the case was deemed
 * accepted (行政許可法 art 32(4)) and nobody had the applicant at the window: a caseworker's `accept` does both itself.
 */
export const captureBiometrics: ActionDefinition<ForeignerResidencePermit> = {
  name: 'capture-biometrics',
  payload: z.object({}).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'take the fingerprints') ??
    onlyWhen(s, ['accepted'], 'take the fingerprints for') ??
    (s.progress.biometricsAt ? notNow('the passport was verified and the fingerprints taken at acceptance') : null),
  decide: (s, _p, ctx) => [
    event('PassportVerifiedAndReturned', passportOf(s), ctx.at),
    event('BiometricsCaptured', { office: ctx.actor.office, fingerprints: true }, ctx.at),
  ],
};

/**
 * At collection the passport is shown again and the residence document affixed in it (docs/domain.md §7.7); the case
 * completes. Another passport than the one the permit was issued for is a change of registered items (art 33), not this.
 */
export const affixPermit: ActionDefinition<ForeignerResidencePermit, { passportNo?: string }> = {
  name: 'affix-permit',
  payload: z
    .object({
      passportNo: z
        .string()
        .regex(/^[A-Z0-9]{5,20}$/, 'letters and digits, 5-20 characters')
        .optional(),
    })
    .strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'affix the residence document') ??
    onlyWhen(s, ['approved'], 'affix the residence document of') ??
    (s.progress.permit ? null : notNow('the residence document has not been issued yet')),
  decide(s, p, ctx) {
    const passport = passportOf(s);
    if (p.passportNo !== undefined && p.passportNo !== passport.passportNo) {
      throw conflict(
        'the residence document was issued for another passport: a new passport is a change of registered items, applied for within 10 days (出境入境管理法 art 33)',
      );
    }
    const office = ctx.actor.office;
    return [
      event('PassportPresented', { ...passport, office }, ctx.at),
      event('ResidencePermitAffixed', { number: s.progress.permit!.number, passportNo: passport.passportNo, office }, ctx.at),
      event(E.CaseCompleted, {}, ctx.at),
    ];
  },
};
