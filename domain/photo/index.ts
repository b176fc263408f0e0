import type { PendingTask, TaskResult } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';

/**
 * The shared photo store (一照通用, docs/domain.md §7.8) as every case type that takes a photo uses it: a lookup at
 * lodging, and a new photo shared back to the store. The ID card types and the residence permit fold and ask the same.
 */

/** What the shared photo store answered; a failed lookup counts as "no photo". */
export type PhotoLookup = { found: boolean; photoId?: string; takenAt?: string; takenFor?: string; error?: string };

/** The photo as a case records it: reused from the store, or taken at the window. */
export type PhotoProgress = {
  photoLookup?: PhotoLookup;
  photo?: { source: 'reused' | 'captured'; photoId: string; takenAt: string };
  photoShared?: boolean;
};

/**
 * The photo events the types share. A reuse is recorded under each type's own name (PhotoReused for the cards since
 * v0.1.0, PhotoReuseChosen for the residence permit), so it is folded with `reusedPhoto`.
 */
export type PhotoEvent =
  | CaseEvent<'PhotoLookedUp', PhotoLookup>
  | CaseEvent<'PhotoCaptured', { photoId: string; takenAt: string; office: string; standard: 'GA/T 461' }>
  | CaseEvent<'PhotoShared', { photoId: string }>
  | CaseEvent<'PhotoShareFailed', { error: string }>;

/** The photo store's activities (activities/photo-store). */
export type PhotoTask =
  | { activity: 'lookupPhoto'; input: { idNumber: string }; value: { found: boolean; photoId?: string; takenAt?: string; takenFor?: string } }
  | {
      activity: 'storePhoto';
      input: { idNumber: string; photoId: string; takenAt: string; takenFor: string; office: string };
      value: { stored: boolean; photoId: string };
    };

export const PHOTO_LOOKUP = 'photo-lookup';
export const PHOTO_SHARE = 'photo-share';

/** What a shared photo event records. */
export function photoProgress(ev: PhotoEvent): PhotoProgress {
  switch (ev.type) {
    case 'PhotoLookedUp':
      return { photoLookup: ev.data };
    case 'PhotoCaptured':
      return { photo: { source: 'captured', photoId: ev.data.photoId, takenAt: ev.data.takenAt } };
    case 'PhotoShared':
      return { photoShared: true };
    case 'PhotoShareFailed':
      return { photoShared: false };
  }
}

/** What a reuse of the store's photo records, whatever the type calls the event. */
export const reusedPhoto = (data: { photoId: string; takenAt: string }): PhotoProgress => ({
  photo: { source: 'reused', photoId: data.photoId, takenAt: data.takenAt },
});

/**
 * The photo store tasks a case has pending: the lookup until it has answered, the share of a photo taken here until
 * it is stored (or failed). `takenFor` tells the store what the photo was taken for.
 */
export function photoTasks(
  s: { applicant: { idNumber?: string }; receivingOffice: string; progress: PhotoProgress },
  takenFor: string,
): PendingTask<PhotoTask>[] {
  const p = s.progress;
  const idNumber = s.applicant.idNumber!;
  const tasks: PendingTask<PhotoTask>[] = [];
  if (!p.photoLookup) tasks.push({ key: PHOTO_LOOKUP, kind: 'activity', activity: 'lookupPhoto', input: { idNumber } });
  if (p.photo?.source === 'captured' && p.photoShared === undefined) {
    const { photoId, takenAt } = p.photo;
    tasks.push({ key: PHOTO_SHARE, kind: 'activity', activity: 'storePhoto', input: { idNumber, photoId, takenAt, takenFor, office: s.receivingOffice } });
  }
  return tasks;
}

const event = eventsOf<PhotoEvent>();

/** A failed lookup counts as "no photo" and a failed share is recorded: neither may leave the case stuck. */
export function photoTaskEvent(result: TaskResult<PhotoTask>, at: string): PhotoEvent {
  switch (result.activity) {
    case 'lookupPhoto': {
      if (!result.outcome.ok) return event('PhotoLookedUp', { found: false, error: result.outcome.error }, at);
      const v = result.outcome.value;
      return event('PhotoLookedUp', v.found ? { found: true, photoId: v.photoId, takenAt: v.takenAt, takenFor: v.takenFor } : { found: false }, at);
    }
    case 'storePhoto':
      return result.outcome.ok
        ? event('PhotoShared', { photoId: result.task.input.photoId }, at)
        : event('PhotoShareFailed', { error: result.outcome.error }, at);
  }
}
