import { cardNumberFor, createLocalCardProductionCentre, produceCard } from '../../activities/card-production';

const request = {
  caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  idNumber: '440106201002031238',
  name: '王小明',
  photoId: 'PH-1',
  issuingOffice: '440106',
  validity: '10 years',
};

describe('card production centre', () => {
  it('produces one card per case: retries get the same number', async () => {
    const centre = createLocalCardProductionCentre({ latencyMs: 0 });
    const first = await centre.produce(request);
    expect(first).toEqual({ cardNumber: cardNumberFor(request), productionCentre: '440000-production-centre' });
    expect(first.cardNumber).toMatch(/^440106\d{10}$/);
    await expect(centre.produce(request)).resolves.toEqual(first);
    expect(cardNumberFor({ ...request, caseId: 'another' })).not.toBe(first.cardNumber);
  });

  it('takes about a second by default (0.5-1.5 s)', async () => {
    const started = performance.now();
    await createLocalCardProductionCentre({ random: () => 0 }).produce(request);
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('is unavailable now and then', async () => {
    await expect(createLocalCardProductionCentre({ latencyMs: 0, transientFailureRate: 1 }).produce(request)).rejects.toThrow(/did not answer/);
  });

  it('the activity checks its input and asks the centre', async () => {
    const activity = produceCard(createLocalCardProductionCentre({ latencyMs: 0 }));
    await expect(activity(request)).resolves.toMatchObject({ cardNumber: cardNumberFor(request) });
    await expect(activity({ ...request, issuingOffice: 'x' })).rejects.toMatchObject({ nonRetryable: true });
  });
});
