import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import type { CaseActivities } from '../types';
import { photoKey, type PhotoStore } from './photo-store';

// A resident is known by ID number, a foreigner by nationality and passport (docs/domain.md §7.8).
const subject = z.union([z.object({ idNumber: z.string().min(1) }), z.object({ nationality: z.string().min(1), passportNo: z.string().min(1) })]);
const storeInput = z.object({
  photoId: z.string().min(1),
  takenAt: z.iso.datetime(),
  takenFor: z.string().min(1),
  office: z.string().min(1),
});

/** A malformed request is a bug, not a transient fault: fail without retrying. */
function parse<T>(schema: z.ZodType<T>, input: unknown, activity: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`${activity}: ${parsed.error.issues[0]?.message ?? 'bad input'}`, 'BadTaskInput');
  return parsed.data;
}

/** The newest shared photo of a person; whether it is recent enough is the case type's rule. */
export const lookupPhoto =
  (photos: PhotoStore): CaseActivities['lookupPhoto'] =>
  async (input) => {
    const photo = await photos.find(photoKey(parse(subject, input, 'lookupPhoto')));
    return photo ? { found: true, photoId: photo.photoId, takenAt: photo.takenAt, takenFor: photo.takenFor } : { found: false };
  };

/** Shares a newly taken photo so other departments can reuse it (一拍共享). */
export const storePhoto =
  (photos: PhotoStore): CaseActivities['storePhoto'] =>
  async (input) => {
    const { photoId, takenAt, takenFor, office } = parse(storeInput, input, 'storePhoto');
    await photos.save({ idNumber: photoKey(parse(subject, input, 'storePhoto')), photoId, takenAt, takenFor, office });
    return { stored: true, photoId };
  };
