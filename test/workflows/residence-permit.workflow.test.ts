import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, happyPaths, inputs, residencePermitYear, SHANGHAI_HUANGPU } from './scenarios';

const station = caseworker(SHANGHAI_HUANGPU);
const ISSUE = 'residence-permit-issue';

describe('residence-permit workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness({});
  }, 120_000);
  afterAll(() => h?.stop());

  it('main path: registers read, photo taken, accepted, issued, handed over; the completed case is kept until surrendered', async () => {
    const done = await happyPaths['residence-permit'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: false, handlingOffice: SHANGHAI_HUANGPU });
    expect(done.documents).toEqual([expect.objectContaining({ kind: 'residence-permit', verificationCode: expect.any(String) })]);
    expect(done.clocks[ISSUE].state).toBe('stopped');
    const types = await h.types(done.caseId);
    expect(types.filter((t) => t === 'RecordsVerified')).toHaveLength(4);
    expect(types.slice(types.indexOf('CaseApproved'))).toEqual([
      'CaseApproved',
      'ResidencePermitIssued',
      'ResidencePermitDelivered',
      'CaseCompleted',
      'ResidencePermitSurrendered',
    ]);
    expect((await h.result(done.caseId)).progress).toMatchObject({ permit: { surrenderedAt: expect.any(String) } }); // the run ended
    await expectStreamIntact(h, done.caseId);
  }, 60_000);

  it('a year at x4000000: EndorsementDue a month before the anniversary, suspended on it, endorsed late with the years restarted', async () => {
    const caseId = await residencePermitYear(h);
    const stream = await h.stream(caseId);
    const after = stream.slice(stream.findIndex((e) => e.type === 'CaseCompleted') + 1).map((e) => e.type);
    expect(after).toEqual(['EndorsementDue', 'ResidencePermitSuspended', 'ResidencePermitEndorsed', 'ResidenceYearsRestarted', 'ResidencePermitSurrendered']);
    const issued = stream.find((e) => e.type === 'ResidencePermitIssued')!.data as { validFrom: string; anniversary: string };
    const due = stream.find((e) => e.type === 'EndorsementDue')!;
    const suspended = stream.find((e) => e.type === 'ResidencePermitSuspended')!;
    expect(due.data).toMatchObject({ anniversary: issued.anniversary });
    expect(suspended.data).toMatchObject({ since: issued.anniversary });
    // Timers fall due at the start of the Shanghai day: a month before the anniversary, then on it.
    expect(Date.parse(suspended.metadata.at)).toBeGreaterThanOrEqual(Date.parse(`${issued.anniversary}T00:00:00+08:00`));
    expect(suspended.metadata.role).toBe('system');
    const endorsed = stream.find((e) => e.type === 'ResidencePermitEndorsed')!.data as { late: boolean; endorsedOn: string };
    expect(endorsed.late).toBe(true);
    expect(stream.find((e) => e.type === 'ResidenceYearsRestarted')!.data).toMatchObject({ from: endorsed.endorsedOn, previousFrom: issued.validFrom });
    await h.result(caseId); // surrendered: the run ended
    await expectStreamIntact(h, caseId);
  }, 90_000);

  it('bad input changes nothing: an online opening by a caseworker, an endorsement before any permit, a hand-over by another office', async () => {
    const refusedOpening = await h.open(inputs.residencePermit({ channel: 'online' }), station).catch((e: Error) => e);
    expect(refusedOpening).toBeInstanceOf(Error);
    const refusal = refusedOpening as Error & { cause?: Error };
    expect(refusal.cause?.message ?? refusal.message).toMatch(/online cases are lodged by the applicant/);
    const { caseId } = await h.open(inputs.residencePermit(), station);
    await h.refused(caseId, 'endorse', {}, station, 'conflict');
    await h.refused(caseId, 'deliver-permit', {}, caseworker('310104'), 'not-found'); // an office the case does not involve may not see it: the case does not exist for it
    expect(await h.types(caseId)).not.toContain('ResidencePermitEndorsed');
    await h.act(caseId, 'withdraw', { reason: 'moved away' }, station);
    await h.result(caseId);
  }, 60_000);
});
