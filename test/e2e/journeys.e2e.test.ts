import { GUARDIANSHIPS } from '../../activities/registries';
import { caseSamples, SAMPLE_OFFICES, sampleEntries, type SampleCaller } from '../support/case-samples';
import { lodgeableSample } from '../support/sample-parents';
import { expectStateAtEveryInstant } from '../support/state-sweep';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { caseClient } from './support/case-client';
import { GUANGZHOU_TIANHE, inputs, SHANGHAI_HUANGPU } from '../workflows/scenarios';

/**
 * Newborn registration, ID card replacement and the residence permit over HTTP, and every registered case type along
 * its sample path (test/support/case-samples.ts) to completion: the paths the fault suite and the benchmark drive.
 */
describe('journeys over HTTP (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { CARD_PRODUCTION_LATENCY_MS: '50' });
  }, 180_000);
  afterAll(() => sys?.stop());

  const { opened, open, act, view } = caseClient(() => sys);
  const historyTypes = async (caseId: string) =>
    (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', '000000') })).body.events.map((e: { type: string }) => e.type);
  /** Waits until the case offers `action` to this caller (register checks, photo lookups and card production land on their own). */
  const offered = (caseId: string, token: string, action: string) =>
    eventually(async () => ((await view(caseId, token)).allowedActions as string[]).includes(action), 30_000);

  it('newborn registration: declared by the mother, checked against the birth certificate, registered, hukou page posted', async () => {
    const station = await sys.token('caseworker', GUANGZHOU_TIANHE);
    const caseId = await open(station, inputs.newbornRegistration({ birthCertificateNo: 'O441234001' }));
    await act(caseId, station, 'accept');
    await offered(caseId, station, 'approve');
    await act(caseId, await sys.token('caseworker', SHANGHAI_HUANGPU), 'approve', {}, 404); // another province's office does not see it
    await act(caseId, station, 'approve');
    // The citizen ID number is allocated after the approval; the hukou page follows it.
    await offered(caseId, station, 'issue-hukou-page');
    await act(caseId, station, 'issue-hukou-page', { delivery: 'pickup', trackingNumber: 'EMS1' }, 422);
    const done = await act(caseId, station, 'issue-hukou-page', { delivery: 'post', trackingNumber: 'EMS1234567890' });
    expect(done.status).toBe('completed');
    expect(await historyTypes(caseId)).toEqual(
      expect.arrayContaining(['BirthRecordVerified', 'BirthRegistered', 'CitizenIdNumberAllocated', 'HukouPageIssued', 'CaseCompleted']),
    );
  });

  it('ID card replacement across provinces: loss reported, lodged in Shanghai, signed off by the Guangzhou hukou office, handed over', async () => {
    const residence = await sys.token('caseworker', SHANGHAI_HUANGPU);
    const hukou = await sys.token('caseworker', GUANGZHOU_TIANHE);
    const caseId = await open(residence, inputs.idCardReplacement());
    expect(await view(caseId, hukou)).toMatchObject({ crossProvince: true, receivingOffice: SHANGHAI_HUANGPU });
    // The lost card is reported first (挂失), once.
    await act(caseId, residence, 'report-loss');
    await act(caseId, residence, 'report-loss', {}, 409);
    await offered(caseId, residence, 'capture-biometrics');
    await act(caseId, residence, 'capture-biometrics', { photo: 'new' });
    await act(caseId, residence, 'accept');
    await offered(caseId, hukou, 'sign-off');
    await act(caseId, residence, 'sign-off', {}, 403); // the hukou-place office signs off, not the window
    await act(caseId, residence, 'approve', {}, 409); // not before the sign-off
    await act(caseId, hukou, 'sign-off');
    await act(caseId, hukou, 'approve', {}, 403); // the residence office decides once signed off
    await act(caseId, residence, 'approve');
    await offered(caseId, residence, 'hand-over');
    const done = await act(caseId, residence, 'hand-over');
    expect(done.status).toBe('completed');
    expect(done.documents.map((d: { kind: string }) => d.kind)).toContain('resident-id-card');
    expect(await historyTypes(caseId)).toEqual(
      expect.arrayContaining(['CardReportedLost', 'OldCardInvalidated', 'HukouPlaceSignedOff', 'CardProductionRequested', 'CardProduced', 'CardDelivered']),
    );
  });

  it('residence permit: issued in Shanghai, handed over, replaced when lost (the old number revoked), surrendered', async () => {
    const station = await sys.token('caseworker', SHANGHAI_HUANGPU);
    const caseId = await open(station, inputs.residencePermit());
    await offered(caseId, station, 'capture-photo');
    await act(caseId, station, 'capture-photo', { photo: 'new' });
    await act(caseId, station, 'accept');
    await offered(caseId, station, 'approve');
    await act(caseId, await sys.token('caseworker', GUANGZHOU_TIANHE), 'approve', {}, 404); // the hukou office has no say
    const approved = await act(caseId, station, 'approve');
    const permit = approved.documents.find((d: { kind: string }) => d.kind === 'residence-permit');
    expect(permit.number).toMatch(new RegExp(`^JZ${SHANGHAI_HUANGPU}`));
    await act(caseId, station, 'endorse', {}, 409); // the endorsement falls due in the month before the full year
    await act(caseId, station, 'deliver-permit');
    const replaced = await act(caseId, station, 'replace', { reason: 'lost' });
    const permits = replaced.documents.filter((d: { kind: string }) => d.kind === 'residence-permit');
    expect(permits).toHaveLength(2);
    expect(permits[1]).toMatchObject({ replaces: permit.number });
    expect(permits[1].number).not.toBe(permit.number);
    const done = await act(caseId, station, 'surrender', { reason: 'left-the-city' });
    expect(done.status).toBe('completed');
    await act(caseId, station, 'replace', { reason: 'lost' }, 409);
    expect(await historyTypes(caseId)).toEqual(
      expect.arrayContaining(['PhotoCaptured', 'ResidencePermitIssued', 'ResidencePermitDelivered', 'ResidencePermitReplaced', 'ResidencePermitSurrendered']),
    );
  });

  // Issue 12: the register knows guardians besides parents (民法典 arts 27–31); a designated one may apply for the child.
  it('first ID card for a child of 11, applied for by a designated guardian who is not a parent: confirmed, approved', async () => {
    const [{ personId, guardianId }] = GUARDIANSHIPS;
    const window = await sys.token('caseworker', GUANGZHOU_TIANHE);
    const caseId = await open(window, {
      type: 'first-id-card',
      channel: 'window',
      receivingOffice: GUANGZHOU_TIANHE,
      applicant: { name: '刘小乐', idNumber: personId, birthDate: '2015-05-06' },
      representative: { role: 'guardian', name: '周秀英', idNumber: guardianId },
      materials: ['hukou booklet', 'guardianship designation'],
      details: { hukouOffice: GUANGZHOU_TIANHE, residenceOffice: GUANGZHOU_TIANHE, delivery: 'pickup', guardian: { name: '周秀英', idNumber: guardianId } },
    });
    const checked = await eventually(async () => (await view(caseId, window)).records.find((r: { registry: string }) => r.registry === 'kinship'));
    expect(checked).toMatchObject({ result: 'confirmed', facts: { relation: 'guardian' } });
    await offered(caseId, window, 'capture-biometrics');
    await act(caseId, window, 'capture-biometrics', { photo: 'new' });
    await act(caseId, window, 'accept');
    const approved = await act(caseId, window, 'approve');
    expect(approved.status).toBe('approved');
  });

  it.each(sampleEntries())(
    '%s: the sample opening along its path to completion',
    async (type) => {
      const tokens: Record<SampleCaller, string> = {
        window: await sys.token('caseworker', SAMPLE_OFFICES.window),
        origin: await sys.token('caseworker', SAMPLE_OFFICES.origin),
      };
      const sample = caseSamples[type];
      // A child type is lodged under its parent, opened first and taken as far as the child needs.
      const caseId = await open(tokens.window, await lodgeableSample(sys, sample, 900));
      for (const step of sample.path) {
        await offered(caseId, tokens[step.caller], step.action);
        await act(caseId, tokens[step.caller], step.action, step.body ?? {});
      }
      // A filing has no step: it completes once its register effect is recorded. Every other type completes on its last step.
      await eventually(async () => (await view(caseId, tokens.window)).status === 'completed', 30_000);
      expect(await view(caseId, tokens.window)).toMatchObject({ type, status: 'completed' });
    },
    60_000,
  );

  // Runs last: every case opened above, replayed at every instant its history names (issue 11).
  it('replays every case at each event instant and 1 ms before it, as the instants imply', async () => {
    const supervisor = await sys.token('supervisor', '000000');
    for (const caseId of opened) await expectStateAtEveryInstant(sys, caseId, supervisor);
  }, 180_000);
});
