import type { PendingTask, TaskOutcome } from '../kernel/case-type';
import { event, type CaseEvent } from '../kernel/events';
import { isClosed } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import type { CaseState } from '../kernel/types';
import { idCardDetailsOf, MAX_AUTOMATIC_PRODUCTION_ATTEMPTS, idCardProgressOf } from './progress';
import { ageAt, cardValidityForAge, validUntil } from './rules';

export const PHOTO_LOOKUP = 'photo-lookup';
export const PHOTO_SHARE = 'photo-share';
export const CARD_PRODUCTION = 'card-production';

/** Photo lookup at lodging, sharing a new photo, card production after approval; each ends in an event. */
export function idCardTasks(s: CaseState): PendingTask[] {
  if (isClosed(s)) return [];
  const p = idCardProgressOf(s);
  const idNumber = s.applicant.idNumber!;
  const tasks: PendingTask[] = [];
  if (!p.photoLookup) {
    tasks.push({ key: PHOTO_LOOKUP, kind: 'activity', activity: 'lookupPhoto', input: { idNumber } });
  }
  if (p.photo?.source === 'captured' && p.photoShared === undefined) {
    const { photoId, takenAt } = p.photo;
    tasks.push({ key: PHOTO_SHARE, kind: 'activity', activity: 'storePhoto', input: { idNumber, photoId, takenAt, takenFor: 'id-card', office: s.receivingOffice } });
  }
  if (s.status === 'approved' && p.photo && !p.card && (p.productionFailures ?? 0) < MAX_AUTOMATIC_PRODUCTION_ATTEMPTS) {
    const validity = cardValidityForAge(ageAt(s.applicant.birthDate!, s.openedAt));
    tasks.push({
      key: CARD_PRODUCTION,
      kind: 'activity',
      activity: 'produceCard',
      input: { idNumber, name: s.applicant.name, photoId: p.photo.photoId, issuingOffice: idCardDetailsOf(s).hukouOffice, validity: validity.label },
    });
  }
  return tasks;
}

/** A failed lookup counts as "no photo" and a failed share is recorded: neither may leave the case stuck. */
export function idCardTaskResult(s: CaseState, task: PendingTask & { kind: 'activity' }, outcome: TaskOutcome, at: string): CaseEvent[] {
  switch (task.key) {
    case PHOTO_LOOKUP: {
      if (!outcome.ok) return [event('PhotoLookedUp', { found: false, error: outcome.error }, at)];
      const v = outcome.value as { found: boolean; photoId?: string; takenAt?: string; takenFor?: string };
      return [event('PhotoLookedUp', v.found ? { found: true, photoId: v.photoId, takenAt: v.takenAt, takenFor: v.takenFor } : { found: false }, at)];
    }
    case PHOTO_SHARE:
      return [outcome.ok ? event('PhotoShared', { photoId: task.input.photoId }, at) : event('PhotoShareFailed', { error: outcome.error }, at)];
    case CARD_PRODUCTION: {
      if (!outcome.ok) return [event('CardProductionFailed', { error: outcome.error, attempt: (idCardProgressOf(s).productionFailures ?? 0) + 1 }, at)];
      const v = outcome.value as { cardNumber: string; productionCentre?: string };
      const validity = cardValidityForAge(ageAt(s.applicant.birthDate!, s.openedAt));
      const validFrom = shanghaiDay(at);
      const card = { kind: 'resident-id-card', number: v.cardNumber, validity: validity.label, validFrom, validUntil: validUntil(validFrom, validity) };
      return [event('CardProduced', { ...card, productionCentre: v.productionCentre ?? null }, at)];
    }
    default:
      return [];
  }
}
