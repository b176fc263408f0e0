import type { EventOf, PendingTask, TaskResult } from '../kernel/case-type';
import { isClosed } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import type { CaseState } from '../kernel/types';
import { photoTaskEvent, photoTasks, residentHolder } from '../photo';
import { MAX_AUTOMATIC_PRODUCTION_ATTEMPTS } from './actions';
import { ageAt, cardValidityForAge, validUntil } from './rules';
import { asEventsOf, cardEvent as event, type CardCase, type CardSpec, type IdCardTask } from './spec';

export { PHOTO_LOOKUP, PHOTO_SHARE } from '../photo';
export const CARD_PRODUCTION = 'card-production';

/** Photo lookup at lodging, sharing a new photo, card production after approval; each ends in an event. */
export function idCardTasks(s: CardCase): PendingTask<IdCardTask>[] {
  if (isClosed(s)) return [];
  const p = s.progress;
  const idNumber = s.applicant.idNumber!;
  const tasks: PendingTask<IdCardTask>[] = photoTasks(s, 'id-card', residentHolder(s));
  if (s.status === 'approved' && p.photo && !p.card && (p.productionFailures ?? 0) < MAX_AUTOMATIC_PRODUCTION_ATTEMPTS) {
    const validity = cardValidityForAge(ageAt(s.applicant.birthDate!, s.openedAt));
    tasks.push({
      key: CARD_PRODUCTION,
      kind: 'activity',
      activity: 'produceCard',
      input: { idNumber, name: s.applicant.name, photoId: p.photo.photoId, issuingOffice: s.details.hukouOffice, validity: validity.label },
    });
  }
  return tasks;
}

/** A failed lookup counts as "no photo" and a failed share is recorded: neither may leave the case stuck. */
export function idCardTaskResult<S extends CardSpec>(s: CaseState<S>, result: TaskResult<IdCardTask>, at: string): EventOf<S>[] {
  return asEventsOf<S>([cardTaskEvent(s, result, at)]);
}

function cardTaskEvent(s: CardCase, result: TaskResult<IdCardTask>, at: string) {
  switch (result.activity) {
    case 'lookupPhoto':
    case 'storePhoto':
      return photoTaskEvent(result, at);
    case 'produceCard': {
      if (!result.outcome.ok) return event('CardProductionFailed', { error: result.outcome.error, attempt: (s.progress.productionFailures ?? 0) + 1 }, at);
      const v = result.outcome.value;
      const validity = cardValidityForAge(ageAt(s.applicant.birthDate!, s.openedAt));
      const validFrom = shanghaiDay(at);
      const card = {
        kind: 'resident-id-card' as const,
        number: v.cardNumber,
        validity: validity.label,
        validFrom,
        validUntil: validUntil(validFrom, validity),
      };
      return event('CardProduced', { ...card, productionCentre: v.productionCentre ?? null }, at);
    }
  }
}
