import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryPhotoStore, createJsonFilePhotoStore, lookupPhoto, photoKey, storePhoto, type PhotoRecord } from '../../activities/photo-store';

const fast = { latencyMs: 0 };
const photo = (takenAt: string, photoId = `PH-${takenAt}`): PhotoRecord => ({
  idNumber: '440106201002031238',
  photoId,
  takenAt,
  takenFor: 'exit-entry',
  office: '440106',
});

describe('shared photo store (一照通用)', () => {
  it('finds nobody in an empty store', async () => {
    await expect(createInMemoryPhotoStore([], fast).find('440106201002031238')).resolves.toBeNull();
  });

  it('keeps the newest photo of each person', async () => {
    const store = createInMemoryPhotoStore([photo('2024-01-01T00:00:00.000Z')], fast);
    await store.save(photo('2025-01-01T00:00:00.000Z'));
    await store.save(photo('2023-01-01T00:00:00.000Z')); // older: ignored
    await expect(store.find('440106201002031238')).resolves.toMatchObject({ takenAt: '2025-01-01T00:00:00.000Z' });
  });

  it('survives a restart when backed by a JSON file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'photos-'));
    try {
      const path = join(dir, 'nested', 'photos.json');
      await createJsonFilePhotoStore(path, fast).save(photo('2025-01-01T00:00:00.000Z'));
      await expect(createJsonFilePhotoStore(path, fast).find('440106201002031238')).resolves.toMatchObject({ photoId: 'PH-2025-01-01T00:00:00.000Z' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('photo activities', () => {
  it('looks up a photo and reports what it was taken for', async () => {
    const lookup = lookupPhoto(createInMemoryPhotoStore([photo('2025-01-01T00:00:00.000Z', 'PH-1')], fast));
    await expect(lookup({ caseId: 'c', idNumber: '440106201002031238' })).resolves.toEqual({
      found: true,
      photoId: 'PH-1',
      takenAt: '2025-01-01T00:00:00.000Z',
      takenFor: 'exit-entry',
    });
    await expect(lookup({ caseId: 'c', idNumber: '110101200001011232' })).resolves.toEqual({ found: false });
  });

  it('stores a new photo for other departments', async () => {
    const store = createInMemoryPhotoStore([], fast);
    await expect(storePhoto(store)({ caseId: 'c', ...photo('2026-11-25T03:00:00.000Z', 'PH-NEW'), takenFor: 'id-card' })).resolves.toEqual({
      stored: true,
      photoId: 'PH-NEW',
    });
    await expect(store.find('440106201002031238')).resolves.toMatchObject({ photoId: 'PH-NEW', takenFor: 'id-card' });
  });

  it('fails a malformed request without retrying', async () => {
    // @ts-expect-error the types forbid it; a request from a workflow of another build may still be malformed
    await expect(storePhoto(createInMemoryPhotoStore([], fast))({ idNumber: 'x' })).rejects.toMatchObject({ type: 'BadTaskInput', nonRetryable: true });
  });
});

describe('photo activities for a foreigner (docs/domain.md §7.8)', () => {
  it('keys the photo by nationality and passport, apart from any resident ID number', async () => {
    const store = createInMemoryPhotoStore([], fast);
    const holder = { caseId: 'c-1', nationality: 'ITA', passportNo: 'YA1234567' };
    await expect(lookupPhoto(store)(holder)).resolves.toEqual({ found: false });
    const taken = { photoId: 'PH-ITA-1', takenAt: '2026-11-25T02:00:00.000Z', takenFor: 'exit-entry', office: '310101' };
    await expect(storePhoto(store)({ ...holder, ...taken })).resolves.toEqual({ stored: true, photoId: 'PH-ITA-1' });
    await expect(lookupPhoto(store)(holder)).resolves.toEqual({ found: true, photoId: 'PH-ITA-1', takenAt: taken.takenAt, takenFor: 'exit-entry' });
    await expect(store.find(photoKey({ nationality: 'ITA', passportNo: 'YA1234567' }))).resolves.toMatchObject({ idNumber: 'ITA/YA1234567' });
    // Another nationality with the same passport number is another person.
    await expect(lookupPhoto(store)({ caseId: 'c-2', nationality: 'FRA', passportNo: 'YA1234567' })).resolves.toEqual({ found: false });
  });
});
