import { z } from 'zod';
import type { ActionDefinition, EventOf } from '../kernel/case-type';
import { KernelEvents as E } from '../kernel/events';
import { isCaseworkerOf, isOwnApplicant, notNow, notWho, onlyCaseworkerOf, onlyWhen, type Refusal } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import type { Actor } from '../kernel/types';
import { newPhotoId, residentHolder, reusedFromStore } from '../photo';
import { nextAnniversary } from './rules';
import { residencePermitEvent as event, type ResidencePermit, type ResidencePermitCase } from './spec';

const caseTag = (s: ResidencePermitCase) => s.caseId.replace(/-/g, '').slice(0, 8).toUpperCase();

/** The permit number: JZ, the issuing office, the day and the case (a replacement adds its sequence). */
export const permitNumber = (s: ResidencePermitCase, at: string, sequence = 0) =>
  `JZ${s.handlingOffice}${shanghaiDay(at).replace(/-/g, '')}${caseTag(s)}${sequence > 0 ? `-${sequence}` : ''}`;

/** How old a shared photo may be for a residence permit: ID-card standard, 36 months (inferred, verify; docs/domain.md §7.8). */
export const PERMIT_PHOTO_MAX_AGE_MONTHS = 36;

/** The holder (the online applicant of the case) or a caseworker of the issuing office. */
function onlyHolderOrIssuer(s: ResidencePermitCase, actor: Actor, what: string): Refusal | null {
  if (isOwnApplicant(actor, s) || isCaseworkerOf(actor, s.handlingOffice)) return null;
  return notWho(`only the holder or a caseworker of the issuing office ${s.handlingOffice} may ${what}`);
}

/** The permit in force: issued, handed over and not surrendered. */
function onlyLivePermit(s: ResidencePermitCase, what: string): Refusal | null {
  const permit = s.progress.permit;
  return (
    onlyWhen(s, ['completed'], what) ??
    (!permit ? notNow('no residence permit was issued on this case') : null) ??
    (permit?.surrenderedAt ? notNow(`the residence permit ${permit.number} was surrendered`) : null)
  );
}

/** The photo: reused from the shared store (一照通用, the applicant's choice) or taken now (GA/T 461). */
export const capturePhoto: ActionDefinition<ResidencePermit, { photo: 'reuse' | 'new' }> = {
  name: 'capture-photo',
  payload: z.object({ photo: z.enum(['reuse', 'new']) }).strict(),
  guard: (s, actor) =>
    (isOwnApplicant(actor, s) || isCaseworkerOf(actor, s.receivingOffice)
      ? null
      : notWho(`only the applicant or a caseworker of the receiving office ${s.receivingOffice} may give the photo`)) ??
    onlyWhen(s, ['submitted', 'awaiting-materials', 'accepted'], 'take the photo for') ??
    (s.progress.photo ? notNow('the photo was already given') : null),
  decide(s, p, ctx) {
    if (p.photo === 'new') {
      const photoId = newPhotoId(residentHolder(s), s.caseId, ctx.at);
      return [event('PhotoCaptured', { photoId, takenAt: ctx.at, office: s.receivingOffice, standard: 'GA/T 461' }, ctx.at)];
    }
    // A residence-permit entry of photo-reuse, else the ID card's (the same standard).
    const rule = { ageKeys: ['residence-permit', 'id-card'], fallbackMonths: PERMIT_PHOTO_MAX_AGE_MONTHS, verb: 'take', whose: 'of this person' } as const;
    return [event('PhotoReuseChosen', reusedFromStore(s.progress.photoLookup, ctx.at, ctx, rule), ctx.at)];
  },
};

/** The permit reaches the holder (pickup at the station, or post): the 15 days end here (制作發放, art 9) and the case completes. */
export const deliverPermit: ActionDefinition<ResidencePermit, { trackingNumber?: string }> = {
  name: 'deliver-permit',
  payload: z.object({ trackingNumber: z.string().trim().min(1).max(64).optional() }).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'hand over the residence permit') ??
    onlyWhen(s, ['approved'], 'hand over the residence permit of') ??
    (s.progress.permit ? null : notNow('the residence permit has not been issued yet')),
  decide(s, p, ctx) {
    const delivered = {
      mode: s.details.delivery,
      office: ctx.actor.office,
      number: s.progress.permit!.number,
      ...(p.trackingNumber ? { trackingNumber: p.trackingNumber } : {}),
    };
    return [event('ResidencePermitDelivered', delivered, ctx.at), event(E.CaseCompleted, {}, ctx.at)];
  },
};

/**
 * The yearly endorsement (簽注, art 10) recorded on the permit case itself: from the month before the full year, or
 * late once suspended. Free (art 21). Kept for every permit, those already running included; an endorsement is also
 * lodged as its own filing, linked to the permit (`residence-permit-endorsement`, docs/domain.md §7.4), which gives
 * the holder a receipt and the station a case of its own, and which the permit records the same way.
 */
export const endorse: ActionDefinition<ResidencePermit> = {
  name: 'endorse',
  payload: z.object({}).strict(),
  guard: (s, actor) => onlyHolderOrIssuer(s, actor, 'endorse the residence permit') ?? endorsementRefusal(s),
  decide: (s, _p, ctx) => endorsementEvents(s, ctx.at),
};

/**
 * Why the permit cannot be endorsed now, or null: it must be in force (issued, handed over, not surrendered) and in the
 * endorsement window, from the month before the anniversary (EndorsementDue), or suspended, to be endorsed late (art 10).
 */
export function endorsementRefusal(s: ResidencePermitCase): Refusal | null {
  return (
    onlyLivePermit(s, 'endorse the residence permit of') ??
    (s.progress.permit!.dueNotified || s.progress.permit!.suspendedSince
      ? null
      : notNow(`the endorsement is made in the month before ${s.progress.permit!.anniversary} (居住證暫行條例 art 10)`))
  );
}

/**
 * The endorsement as the permit records it, by the `endorse` action or for an endorsement filing (its case id in
 * `childCaseId`, the answer the filing hears). On time, the next year follows the anniversary; late (the permit was
 * suspended), the permit is restored and the residence years restart that day, the next year counting from it (inferred).
 */
export function endorsementEvents(s: ResidencePermitCase, at: string, childCaseId?: string): EventOf<ResidencePermit>[] {
  const permit = s.progress.permit!;
  const today = shanghaiDay(at);
  const late = permit.suspendedSince !== undefined;
  const endorsed = {
    number: permit.number,
    endorsedOn: today,
    late,
    office: s.handlingOffice,
    nextAnniversary: late ? nextAnniversary(today) : nextAnniversary(permit.anniversary),
    ...(childCaseId !== undefined ? { childCaseId } : {}),
  };
  if (!late) return [event('ResidencePermitEndorsed', endorsed, at)];
  const reason = `endorsed late, after the permit was suspended on ${permit.suspendedSince} (居住證暫行條例 art 10)`;
  return [event('ResidencePermitEndorsed', endorsed, at), event('ResidenceYearsRestarted', { from: today, previousFrom: permit.yearsFrom, reason }, at)];
}

/** A lost or damaged permit is replaced by the issuing office (換領、補領, art 11): a new number, the old one revoked. */
export const replacePermit: ActionDefinition<ResidencePermit, { reason: 'lost' | 'damaged' }> = {
  name: 'replace',
  payload: z.object({ reason: z.enum(['lost', 'damaged']) }).strict(),
  guard: (s, actor) => onlyHolderOrIssuer(s, actor, 'replace the residence permit') ?? onlyLivePermit(s, 'replace the residence permit of'),
  decide(s, p, ctx) {
    const current = s.documents.filter((d) => d.kind === 'residence-permit' && !d.revoked);
    const old = current.at(-1)!;
    const replacement = {
      kind: 'residence-permit' as const,
      number: permitNumber(s, ctx.at, s.documents.filter((d) => d.kind === 'residence-permit').length),
      form: s.details.form,
      residenceCity: old.residenceCity as string,
      validFrom: shanghaiDay(ctx.at),
      photoId: old.photoId as string,
      replaces: old.number,
      reason: p.reason,
    };
    return [event('ResidencePermitReplaced', replacement, ctx.at)];
  },
};

export const SURRENDER_REASONS = ['hukou-moved-here', 'left-the-city', 'holder-request'] as const;

/**
 * The permit ends (注銷): the holder settled a hukou in the city, left it, or gives it up (inferred: the regulation has no
 * article on it; local rules do). Its timers stop and the case keeps nothing running.
 */
export const surrender: ActionDefinition<ResidencePermit, { reason: (typeof SURRENDER_REASONS)[number] }> = {
  name: 'surrender',
  payload: z.object({ reason: z.enum(SURRENDER_REASONS) }).strict(),
  guard: (s, actor) => onlyHolderOrIssuer(s, actor, 'surrender the residence permit') ?? onlyLivePermit(s, 'surrender the residence permit of'),
  decide: (s, p, ctx) => [event('ResidencePermitSurrendered', { number: s.progress.permit!.number, reason: p.reason }, ctx.at)],
};
