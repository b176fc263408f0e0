import { addCalendarDaysDeadline, createWorkingCalendar, shanghaiDate } from '../../domain/calendar';
import { slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, GUANGZHOU_YUEXIU, happyPaths, inputs, SHANGHAI_HUANGPU } from './scenarios';

const residence = caseworker(SHANGHAI_HUANGPU);
const hukou = caseworker(GUANGZHOU_TIANHE);
const TEMPORARY_ID = 'temporary-id';
const PRODUCTION = 'first-id-card-production';
const photoLookedUp = (s: { progress: Record<string, unknown> }) => s.progress.photoLookup !== undefined;

describe('first-id-card workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness({ cardProductionMs: 50 });
  }, 120_000);
  afterAll(() => h?.stop());

  it('happy path across provinces: photo looked up, captured and shared, signed off, temporary card, card produced and posted', async () => {
    const done = await happyPaths['first-id-card'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: true, handlingOffice: SHANGHAI_HUANGPU });
    expect(done.documents.map((d) => d.kind).sort()).toEqual(['resident-id-card', 'temporary-id-card']);
    const stream = await h.stream(done.caseId);
    const types = stream.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['PhotoLookedUp', 'PhotoCaptured', 'FingerprintsCaptured', 'PhotoShared', 'HukouPlaceSignedOff', 'TemporaryIdIssued']),
    );
    // Production is asynchronous: requested on approval, produced by the centre (a workflow task), then handed over.
    expect(types.slice(types.indexOf('CaseApproved'))).toEqual([
      'CaseApproved',
      'CardProductionRequested',
      'FeeAssessed',
      'CardProduced',
      'CardDelivered',
      'CaseCompleted',
    ]);
    expect(stream.find((e) => e.type === 'CardProduced')!.metadata.role).toBe('system');
    expect(stream.find((e) => e.type === 'CardDelivered')!.data).toMatchObject({ mode: 'post', trackingNumber: 'SF1234567890' });
    expect(done.clocks[PRODUCTION].state).toBe('stopped');
    expect(done.clocks[TEMPORARY_ID].state).toBe('stopped');
    await expectStreamIntact(h, done.caseId);
  });

  it('refusal: the hukou-place office refuses with reason and legal basis; no card is produced and every clock stops', async () => {
    const applicant = caseworker(GUANGZHOU_YUEXIU);
    const { caseId, handlingOffice } = await h.open(inputs.firstIdCard({ crossProvince: false, wantsTemporaryId: false }), applicant);
    expect(handlingOffice).toBe(GUANGZHOU_TIANHE); // same province: the hukou-place office decides
    await h.waitFor(caseId, photoLookedUp);
    await h.act(caseId, 'capture-biometrics', { photo: 'new' }, applicant);
    await h.act(caseId, 'accept', {}, applicant);
    await h.waitFor(caseId, (s) => s.progress.photoShared !== undefined); // the new photo went to the shared store
    await h.refused(caseId, 'refuse', { reason: 'no proof of identity', legalBasis: '居民身份证法 第八条' }, applicant, 'forbidden'); // Yuexiu does not decide
    await h.refused(caseId, 'refuse', { legalBasis: '居民身份证法 第八条' }, hukou, 'invalid'); // a reason is required

    const refused = await h.act(caseId, 'refuse', { reason: 'no proof of identity', legalBasis: '居民身份证法 第八条' }, hukou);
    expect(refused.status).toBe('refused');
    const result = await h.result(caseId);
    expect(Object.values(result.clocks).map((c) => c.state)).toEqual(Object.values(result.clocks).map(() => 'stopped'));
    const types = await h.types(caseId);
    expect(types.at(-1)).toBe('CaseRefused');
    expect(types).not.toContain('CardProductionRequested');
    expect((await h.stream(caseId)).at(-1)!.data).toMatchObject({ final: false, appealable: true });
    await expectStreamIntact(h, caseId);
  });

  it('the 3-day temporary-ID clock misses its goal, passes its deadline and escalates twice until the card is issued (business time x150000)', async () => {
    // Goal 2 CD, deadline 3 CD, escalations +1 and +2 CD from lodging: about 5 calendar days = 3-4 s of wall time.
    const { caseId } = await h.open(inputs.firstIdCard(), residence, { timeScale: 150_000 });
    await h.waitFor(caseId, photoLookedUp);
    await h.act(caseId, 'capture-biometrics', { photo: 'new' }, residence);
    await h.act(caseId, 'accept', {}, residence);
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, TEMPORARY_ID).length >= 4, {
      timeoutMs: 40_000,
      what: 'four temporary-id SLA events',
    });
    // The top level then repeats until the clock stops (docs/domain.md §1).
    expect(slaEventsOf(stream, TEMPORARY_ID).slice(0, 4)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);
    const opened = stream[0];
    const passed = stream.find((e) => e.type === 'SlaDeadlinePassed' && (e.data as { clock: string }).clock === TEMPORARY_ID)!;
    // The end of the third Shanghai day after the day of lodging, rolled on to a working day when it falls on a rest
    // day or holiday (民法典 art 203): from 3 days up to a week after lodging, depending on the day of the week.
    const cal = createWorkingCalendar({ years: h.calendar.years }, h.calendar.version);
    let deadline = addCalendarDaysDeadline(opened.metadata.at, 3).deadline;
    while (!cal.isWorkingDay(shanghaiDate(deadline))) deadline = addCalendarDaysDeadline(deadline, 1).deadline;
    expect((passed.data as { dueAt: string }).dueAt).toBe(deadline);

    const issued = await h.act(caseId, 'issue-temporary-id', {}, residence); // late, and the clock stops
    expect(issued.clocks[TEMPORARY_ID]).toMatchObject({ state: 'stopped', escalation: 2 });
    // On a loaded machine the top level may have repeated before the issue: count from the stop on.
    const atStop = slaEventsOf(await h.stream(caseId), TEMPORARY_ID).length;
    await h.act(caseId, 'sign-off', {}, hukou);
    await h.act(caseId, 'approve', {}, residence);
    await h.waitFor(caseId, (s) => (s.progress as { card?: unknown }).card !== undefined);
    const done = await h.act(caseId, 'hand-over', {}, residence);
    expect(done.status).toBe('completed');
    const after = slaEventsOf(await h.stream(caseId), TEMPORARY_ID);
    expect(after).toHaveLength(atStop); // nothing more once stopped
    await expectStreamIntact(h, caseId);
  }, 60_000);
});
