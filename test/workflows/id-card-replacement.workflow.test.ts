import { localActivitiesOfOpening, slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, happyPaths, inputs, SHANGHAI_HUANGPU } from './scenarios';

const residence = caseworker(SHANGHAI_HUANGPU);
const ISSUE = 'id-card-replacement-issue';

describe('id-card-replacement workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness({ cardProductionMs: 50 });
  }, 120_000);
  afterAll(() => h?.stop());

  it('lost card replaced across provinces: loss reported, register checked, signed off in Guangzhou, old card invalidated, produced, handed out in Shanghai', async () => {
    const done = await happyPaths['id-card-replacement'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: true, handlingOffice: SHANGHAI_HUANGPU });
    expect(done.records['population-register']).toMatchObject({ result: 'confirmed', facts: { hukouOffice: GUANGZHOU_TIANHE } });
    expect(done.documents.map((d) => d.kind)).toEqual(['resident-id-card']);
    const types = (await h.stream(done.caseId)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['CardReportedLost', 'PhotoLookedUp', 'PhotoCaptured', 'FingerprintsCaptured', 'PhotoShared', 'RecordsVerified']),
    );
    expect(types.slice(types.indexOf('HukouPlaceSignedOff'), types.indexOf('HukouPlaceSignedOff') + 2)).toEqual(['HukouPlaceSignedOff', 'OldCardInvalidated']);
    expect(types.slice(types.indexOf('CaseApproved'))).toEqual([
      'CaseApproved',
      'CardProductionRequested',
      'FeeAssessed',
      'CardProduced',
      'CardDelivered',
      'CaseCompleted',
    ]);
    expect(done.clocks[ISSUE].state).toBe('stopped');
    await expectStreamIntact(h, done.caseId);
  });

  it("answers the opening with the register's answer and the photo store's, asked before the opening's append and recorded in it", async () => {
    const opened = await h.open(inputs.idCardReplacement(), residence);
    expect(opened.records['population-register']).toMatchObject({ result: 'confirmed' });
    expect(opened.progress).toMatchObject({ photoLookup: expect.anything() });
    // The checks and the lookup at once, then one append (reads-in-the-command-append); before: five local activities.
    // (History records local activities as they complete: the two reads in either order.)
    const localActivities = await localActivitiesOfOpening(h, opened.caseId);
    expect({ reads: localActivities.slice(0, -1).sort(), then: localActivities.at(-1) }).toEqual({
      reads: ['lookupPhoto', 'verifyRecords'],
      then: 'appendEvents',
    });
    const stream = await h.stream(opened.caseId);
    const answers = stream.filter((e) => e.metadata.commandId === `system-reads-${stream[0].metadata.commandId}`).map((e) => e.type);
    expect(answers).toEqual(['RecordsVerified', 'PhotoLookedUp']);
    expect(stream.map((e) => e.type).slice(-2)).toEqual(answers); // in the opening's append, after its own events
    await h.act(opened.caseId, 'withdraw', { reason: 'test done' }, residence);
  });

  it("a photo store that fails the opening's lookup: the opening answers without it, and the lookup is asked again and recorded once", async () => {
    let lookups = 0;
    const failingOnce = await startWorkflowHarness({
      activities: (own) => ({
        lookupPhoto: async (input) => {
          if (++lookups === 1) throw new Error('the photo store is unavailable');
          return own.lookupPhoto(input);
        },
      }),
    });
    try {
      const opened = await failingOnce.open(inputs.idCardReplacement(), residence);
      expect(opened.records['population-register']).toMatchObject({ result: 'confirmed' });
      expect((opened.progress as { photoLookup?: unknown }).photoLookup).toBeUndefined();
      await failingOnce.waitFor(opened.caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined);
      const looked = (await failingOnce.stream(opened.caseId)).filter((e) => e.type === 'PhotoLookedUp');
      expect(looked).toHaveLength(1);
      expect(looked[0].data).not.toHaveProperty('error'); // the second asking answered: no failure recorded
      expect(lookups).toBe(2);
      await failingOnce.act(opened.caseId, 'withdraw', { reason: 'test done' }, residence);
    } finally {
      await failingOnce.stop();
    }
  }, 60_000);

  it('the 60 calendar days miss their goal and pass their deadline while the sign-off waits (business time x4000000)', async () => {
    // 60 CD are about 1.3 s of wall time at this scale.
    const { caseId } = await h.open(inputs.idCardReplacement(), residence, { timeScale: 4_000_000 });
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, ISSUE).length >= 2, { timeoutMs: 40_000, what: 'two issue-clock SLA events' });
    expect(slaEventsOf(stream, ISSUE).slice(0, 2)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed']);
    const passed = stream.find((e) => e.type === 'SlaDeadlinePassed' && (e.data as { clock: string }).clock === ISSUE)!;
    const days = (Date.parse((passed.data as { dueAt: string }).dueAt) - Date.parse(stream[0].metadata.at)) / 86_400_000;
    expect(days).toBeGreaterThan(59);
    expect(days).toBeLessThanOrEqual(63); // a rest day at the end rolls forward (民法典 art 203)
    await h.act(caseId, 'withdraw', { reason: 'found the old card' }, residence);
  });
});
