import { photoRecentEnough } from '../id-card/rules';
import type { DecisionEnv, PendingTask, TaskResult } from '../kernel/case-type';
import { conflict } from '../kernel/errors';
import { eventsOf, type CaseEvent } from '../kernel/events';
import { shanghaiDay } from '../kernel/receipts';
import { referenceDefaults } from '../reference';

/**
 * The shared photo store (一照通用, docs/domain.md §7.8) as every case type that takes a photo uses it: a lookup at
 * lodging, a photo reused from it or taken at the window, and a new photo shared back to the store. The ID card types,
 * the residence permit and the foreigner's residence document fold and ask the same, each for its holder.
 */

/** Whose photo: a resident by ID number, a foreigner by nationality and passport (the store's keys, §7.8). */
export type PhotoHolder = { idNumber: string } | { passportNo: string; nationality: string };

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
export type PhotoEvent<Standard extends string = 'GA/T 461'> =
  | CaseEvent<'PhotoLookedUp', PhotoLookup>
  | CaseEvent<'PhotoCaptured', { photoId: string; takenAt: string; office: string; standard: Standard }>
  | CaseEvent<'PhotoShared', { photoId: string }>
  | CaseEvent<'PhotoShareFailed', { error: string }>;

/** The photo store's activities (activities/photo-store), asked about a holder. */
export type PhotoTask<H extends PhotoHolder = { idNumber: string }> =
  | { activity: 'lookupPhoto'; input: H; value: { found: boolean; photoId?: string; takenAt?: string; takenFor?: string } }
  | {
      activity: 'storePhoto';
      input: H & { photoId: string; takenAt: string; takenFor: string; office: string };
      value: { stored: boolean; photoId: string };
    };

export const PHOTO_LOOKUP = 'photo-lookup';
export const PHOTO_SHARE = 'photo-share';

/** What a shared photo event records. */
export function photoProgress(ev: PhotoEvent<string>): PhotoProgress {
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
 * The photo store tasks a case has pending for its holder: the lookup until it has answered, the share of a photo
 * taken here until it is stored (or failed). `takenFor` tells the store what the photo was taken for.
 */
export function photoTasks<H extends PhotoHolder>(
  s: { receivingOffice: string; progress: PhotoProgress },
  takenFor: string,
  holder: H,
): PendingTask<PhotoTask<H>>[] {
  const p = s.progress;
  const tasks: PendingTask<PhotoTask<H>>[] = [];
  if (!p.photoLookup) tasks.push({ key: PHOTO_LOOKUP, kind: 'activity', activity: 'lookupPhoto', input: holder });
  if (p.photo?.source === 'captured' && p.photoShared === undefined) {
    const { photoId, takenAt } = p.photo;
    const input = { ...holder, photoId, takenAt, takenFor, office: s.receivingOffice };
    tasks.push({ key: PHOTO_SHARE, kind: 'activity', activity: 'storePhoto', input });
  }
  return tasks;
}

/** A resident holder, by the case's ID number (the ID card types and the residence permit). */
export const residentHolder = (s: { applicant: { idNumber?: string } }) => ({ idNumber: s.applicant.idNumber! });

/** The id of a photo taken at the window: the holder, the day and the case. */
export function newPhotoId(holder: PhotoHolder, caseId: string, at: string): string {
  const who = 'idNumber' in holder ? holder.idNumber : `${holder.nationality}-${holder.passportNo}`;
  return `PH-${who}-${shanghaiDay(at).replace(/-/g, '')}-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** How a type words the reuse refusals and where its age limit is read (reference data `photo-reuse`, §7.8). */
export interface PhotoReuseRule {
  /** The `photo-reuse` entries read, first found first; `fallbackMonths` where none is. */
  ageKeys: readonly string[];
  fallbackMonths: number;
  /** 'capture' (the cards) or 'take': the verb of the hint to take a new photo. */
  verb: 'capture' | 'take';
  /** Whose photo the store lacks: 'of this person', 'for this passport'. */
  whose: string;
}

/**
 * The store's photo chosen for reuse (the applicant's choice, 一照通用), as the reuse event records it; a 409 telling to
 * take a new photo where the store has not answered, has none, or has one older than the limit in force at lodging.
 */
export function reusedFromStore(found: PhotoLookup | undefined, at: string, env: Pick<DecisionEnv, 'reference'>, rule: PhotoReuseRule) {
  const hint = `${rule.verb} a new photo (photo: new)`;
  if (!found) throw conflict(`the shared photo store has not answered yet: ${hint} or try again shortly`);
  if (!found.found || !found.photoId || !found.takenAt) throw conflict(`the shared photo store has no photo ${rule.whose}: ${hint}`);
  // The age limit is reference data (photo-reuse), as in force when the case was lodged; the event records it.
  const ages = env.reference?.['photo-reuse'] ?? { version: 'default', data: referenceDefaults['photo-reuse'].data };
  const maxAgeMonths = rule.ageKeys.map((k) => ages.data[k]).find((m) => m !== undefined) ?? rule.fallbackMonths;
  if (!photoRecentEnough(found.takenAt, at, maxAgeMonths)) {
    throw conflict(`the shared photo was taken on ${shanghaiDay(found.takenAt)}, more than ${maxAgeMonths} months ago: ${hint}`);
  }
  return { photoId: found.photoId, takenAt: found.takenAt, source: 'shared-photo-store' as const, maxAgeMonths, photoReuseVersion: ages.version };
}

const event = eventsOf<Exclude<PhotoEvent, { type: 'PhotoCaptured' }>>();

/** A failed lookup counts as "no photo" and a failed share is recorded: neither may leave the case stuck. */
export function photoTaskEvent<H extends PhotoHolder>(result: TaskResult<PhotoTask<H>>, at: string): Exclude<PhotoEvent, { type: 'PhotoCaptured' }> {
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
