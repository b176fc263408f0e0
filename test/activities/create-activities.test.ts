import { createActivities } from '../../activities';
import { createLocalCompanyRegistry } from '../../activities/registries';
import type { EventStore } from '../../event-store/types';

const store = {} as EventStore; // appendEvents is not called here

describe('createActivities', () => {
  it('still works with only the company register, defaulting the rest to local stand-ins', async () => {
    const activities = createActivities({
      store,
      registries: { company: createLocalCompanyRegistry({ latencyMs: 0 }) },
      simulation: { latencyMs: 0, random: () => 0 },
    });
    expect(Object.keys(activities).sort()).toEqual([
      'allocateBirthSequence',
      'appendEvents',
      'checkCardCase',
      'listLostCard',
      'loadCase',
      'lookupPhoto',
      'produceCard',
      'storePhoto',
      'tellCase',
      'verifyRecord',
      'verifyRecords',
    ]);
    await expect(activities.verifyRecord({ caseId: 'c', registry: 'population', subject: '440106201002031238' })).resolves.toMatchObject({ ok: true });
    await expect(activities.verifyRecord({ caseId: 'c', registry: 'entry-exit', subject: 'E12345678' })).resolves.toMatchObject({ ok: true });
    await expect(activities.lookupPhoto({ caseId: 'c', idNumber: '440106201002031238' })).resolves.toEqual({ found: false });
    await activities.storePhoto({
      caseId: 'c',
      idNumber: '440106201002031238',
      photoId: 'PH-1',
      takenAt: '2026-11-25T03:00:00.000Z',
      takenFor: 'id-card',
      office: '440104',
    });
    await expect(activities.lookupPhoto({ caseId: 'c', idNumber: '440106201002031238' })).resolves.toMatchObject({ found: true, photoId: 'PH-1' });
    await expect(
      activities.produceCard({ caseId: 'c', idNumber: '440106201002031238', name: 'x', photoId: 'PH-1', issuingOffice: '440106', validity: '10 years' }),
    ).resolves.toMatchObject({
      cardNumber: expect.stringMatching(/^440106/),
    });
  });
});
