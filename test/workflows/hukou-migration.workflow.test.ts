import { PERMIT_HOLDER_ID_NUMBER } from '../../activities/registries';
import { slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, happyPaths, inputs, SHANGHAI_HUANGPU } from './scenarios';

const moveIn = caseworker(GUANGZHOU_TIANHE);
const origin = caseworker(SHANGHAI_HUANGPU);
const MOVE_OUT = 'hukou-move-out';

describe('hukou-migration workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('happy path across provinces: eligibility and register checked, permit issued, moved out in Shanghai, settled in Guangzhou', async () => {
    const done = await happyPaths['hukou-migration'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: true, handlingOffice: GUANGZHOU_TIANHE });
    expect(done.documents.map((d) => d.kind)).toEqual(['move-in-permit', 'migration-certificate']);
    const stream = await h.stream(done.caseId);
    const types = stream.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['CaseOpened', 'RecordsVerified', 'CaseAccepted', 'EligibilityAssessed']));
    expect(types.slice(-6)).toEqual([
      'CaseApproved',
      'MoveInPermitIssued',
      'MoveOutCompleted',
      'MigrationCertificateIssued',
      'SettlementRegistered',
      'CaseCompleted',
    ]);
    // The population register and the register of residence permits are asked at once: either may answer first.
    expect(stream.find((e) => e.type === 'RecordsVerified' && (e.data as { registry: string }).registry === 'population')!.data).toMatchObject({
      registry: 'population',
      ok: true,
      facts: { hukouOffice: SHANGHAI_HUANGPU },
    });
    // Each office's events carry that office (scoping of alerts and queues).
    expect(stream.find((e) => e.type === 'MoveOutCompleted')!.metadata.office).toBe(SHANGHAI_HUANGPU);
    expect(stream.find((e) => e.type === 'SettlementRegistered')!.metadata.office).toBe(GUANGZHOU_TIANHE);
    await expectStreamIntact(h, done.caseId);
  });

  it("metro residence years from the register of residence permits: Shenzhen's 7 and Foshan's 2 years reach the pass mark", async () => {
    // Declared: 3 years' residence in Guangzhou, 14 insured (62 points, pass mark 80); the permits prove the rest.
    const input = inputs.hukouMigration();
    const { caseId } = await h.open(
      {
        ...input,
        applicant: { name: '周敏', idNumber: PERMIT_HOLDER_ID_NUMBER },
        details: { ...input.details, residenceYears: 3, socialInsuranceYears: 14, metroAreaYears: [] },
      },
      moveIn,
    );
    const checked = await h.waitFor(caseId, (s) => s.records['residence-permit-records'] !== undefined && s.records['population-register'] !== undefined);
    expect(checked.records['residence-permit-records']).toMatchObject({ registry: 'residence-permit', result: 'confirmed', facts: { 'years:440600': 2 } });
    await h.act(caseId, 'accept', {}, moveIn);
    const stream = await h.waitForStream(caseId, (events) => events.some((e) => e.type === 'EligibilityAssessed'));
    expect(stream.map((e) => e.type).slice(0, 2)).toEqual(['CaseOpened', 'PermitRecordsRequested']);
    const assessed = stream.find((e) => e.type === 'EligibilityAssessed')!.data as Record<string, any>;
    expect(assessed).toMatchObject({ eligible: true, metroArea: { residenceYearsFrom: 'permit-records', countedSocialInsuranceYears: 0 } });
    expect(assessed.metroArea.permitYears.map((p: { cityCode: string }) => p.cityCode)).toEqual(['440300', '440600']);
    expect(assessed.points.total).toBeGreaterThanOrEqual(80);
    await h.act(caseId, 'approve', {}, moveIn);
    await h.act(caseId, 'confirm-move-out', {}, origin);
    expect((await h.act(caseId, 'register-settlement', {}, moveIn)).status).toBe('completed');
    await expectStreamIntact(h, caseId);
  });

  it('refusal: below the points pass mark approval is refused; a refusal needs reason and legal basis and stays appealable', async () => {
    const { caseId } = await h.open(inputs.hukouMigration({ eligible: false }), moveIn);
    await h.act(caseId, 'accept', {}, moveIn);
    // Assessed on acceptance, or once the register of residence permits has answered if that came later.
    const assessed = await h.waitFor(caseId, (s) => (s.progress as { eligibility?: unknown }).eligibility !== undefined);
    expect(assessed.progress).toMatchObject({ eligibility: { eligible: false, rule: 'points' } });
    await h.waitFor(caseId, (s) => s.records['population-register'] !== undefined);
    await h.refused(caseId, 'approve', {}, moveIn, 'conflict');
    await h.refused(caseId, 'refuse', { reason: 'points below the pass mark', legalBasis: '广州市积分入户办法' }, origin, 'forbidden'); // the origin office does not decide
    await h.refused(caseId, 'refuse', { reason: 'points below the pass mark' }, moveIn, 'invalid'); // legal basis required

    const refused = await h.act(caseId, 'refuse', { reason: 'points below the pass mark', legalBasis: '广州市积分入户办法' }, moveIn);
    expect(refused.status).toBe('refused');
    const stream = await h.stream(caseId);
    expect(stream.at(-1)).toMatchObject({
      type: 'CaseRefused',
      data: { reason: 'points below the pass mark', legalBasis: '广州市积分入户办法', final: false, appealable: true },
    });
    expect(stream.map((e) => e.type)).not.toContain('MoveInPermitIssued');
    expect((await h.result(caseId)).status).toBe('refused');
    await expectStreamIntact(h, caseId);
  });

  it('the 1-WD move-out clock passes its deadline and escalates twice while Shanghai does nothing (business time x200000)', async () => {
    // 1 WD has no separate goal (goal = deadline); escalations follow after 1 and 2 more WD: a few seconds.
    const { caseId } = await h.open(inputs.hukouMigration(), moveIn, { timeScale: 200_000 });
    await h.act(caseId, 'accept', {}, moveIn);
    await h.waitFor(caseId, (s) => s.records['population-register'] !== undefined && s.progress.eligibility !== undefined);
    const approved = await h.act(caseId, 'approve', {}, moveIn);
    expect(approved.clocks[MOVE_OUT]).toMatchObject({ state: 'on-track' });

    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, MOVE_OUT).length >= 3, {
      timeoutMs: 40_000,
      what: 'three move-out SLA events',
    });
    // The top level then repeats until the clock stops (docs/domain.md §1).
    expect(slaEventsOf(stream, MOVE_OUT).slice(0, 3)).toEqual(['SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);
    const passed = stream.find((e) => e.type === 'SlaDeadlinePassed' && (e.data as { clock: string }).clock === MOVE_OUT)!;
    expect(passed.data).toMatchObject({ dueAt: approved.clocks[MOVE_OUT].deadline });
    // SLA events belong to the office that owns the clock: the move-out is Shanghai's (issue 11, finding 7).
    expect(passed.metadata).toMatchObject({ role: 'system', office: SHANGHAI_HUANGPU });

    await h.act(caseId, 'confirm-move-out', {}, origin);
    const done = await h.act(caseId, 'register-settlement', {}, moveIn);
    expect(done.status).toBe('completed');
    expect(done.clocks[MOVE_OUT]).toMatchObject({ state: 'stopped', escalation: 2 });
    await expectStreamIntact(h, caseId);
  }, 60_000);
});
