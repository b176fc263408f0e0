import type { CaseState, ChildEvent } from '../../domain';
import { childEventSignal } from '../../workflows/definitions';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, deliveredPermit, expectStreamIntact, happyPaths, inputs, permitSuspended, SHANGHAI_HUANGPU } from './scenarios';

const station = caseworker(SHANGHAI_HUANGPU);
const permitOf = (s: CaseState) => (s.progress as { permit: { anniversary: string; endorsements: number; suspendedSince?: string; yearsFrom: string } }).permit;
const recordedOf = (s: CaseState) => (s.progress as { recorded?: { late: boolean; endorsedOn: string; nextAnniversary: string } }).recorded;

/**
 * The yearly endorsement lodged as its own filing (docs/domain.md §7.4) on the real Temporal dev server, the permit at
 * business time x4000000 (a month is about 0.65 s): the filing tells the permit case, completed but kept running for its
 * endorsements, which records the endorsement and answers the filing.
 */
describe('residence-permit-endorsement workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness({});
  }, 120_000);
  afterAll(() => h?.stop());

  it('a suspended permit: the filing is linked, the permit records the late endorsement naming it, the filing completes', async () => {
    const filing = await happyPaths['residence-permit-endorsement'](h);
    expect(filing).toMatchObject({ status: 'completed', step: 'closed', handlingOffice: SHANGHAI_HUANGPU });
    expect(await h.types(filing.caseId)).toEqual(['CaseOpened', 'CaseAccepted', 'EndorsementLodged', 'PermitEndorsementRecorded', 'CaseCompleted']);
    const permitCaseId = filing.parentCaseId!;
    const stream = await h.stream(permitCaseId);
    const afterCompletion = stream.slice(stream.findIndex((e) => e.type === 'CaseCompleted') + 1);
    expect(afterCompletion.map((e) => e.type)).toEqual([
      'EndorsementDue',
      'ResidencePermitSuspended',
      // The permit case is closed (completed) but kept: it records the link when the filing tells it.
      'ChildCaseLinked',
      'ResidencePermitEndorsed',
      'ResidenceYearsRestarted',
      'ResidencePermitSurrendered',
    ]);
    const endorsed = afterCompletion.find((e) => e.type === 'ResidencePermitEndorsed')!;
    expect(endorsed.data).toMatchObject({ late: true, childCaseId: filing.caseId, office: SHANGHAI_HUANGPU });
    expect(endorsed.metadata.role).toBe('system');
    // The filing records what the permit case recorded.
    const { number: _n, office: _o, childCaseId: _c, ...effect } = endorsed.data as Record<string, unknown>;
    expect(recordedOf(filing)).toMatchObject(effect);
    const permit = await h.result(permitCaseId); // surrendered: the permit's run ended
    expect(permit.childCases).toEqual([expect.objectContaining({ caseId: filing.caseId, type: 'residence-permit-endorsement' })]);
    expect(permitOf(permit)).toMatchObject({ endorsements: 1, yearsFrom: (endorsed.data as { endorsedOn: string }).endorsedOn });
    expect(permitOf(permit).suspendedSince).toBeUndefined();
    await expect(h.result(filing.caseId)).resolves.toMatchObject({ status: 'completed' }); // the filing's run ended
    await expectStreamIntact(h, filing.caseId);
    await expectStreamIntact(h, permitCaseId);
  }, 120_000);

  it('a filing told twice (the telling activity retried after its signal got through): recorded once, never refused', async () => {
    const permitCaseId = await deliveredPermit(h);
    await h.waitFor(permitCaseId, permitSuspended, { what: 'the suspension', timeoutMs: 40_000 });
    const filing = await h.open(inputs.residencePermitEndorsement(permitCaseId), station);
    await h.waitFor(filing.caseId, (s) => s.status === 'completed', { what: 'the endorsement recorded', timeoutMs: 30_000 });
    // The filing's event as it told it (tellCase: signal-with-start), told once more to the permit's run, still going.
    const lodged = (await h.stream(filing.caseId)).find((e) => e.type === 'EndorsementLodged')!;
    const told: ChildEvent = {
      childCaseId: filing.caseId,
      childType: 'residence-permit-endorsement',
      type: lodged.type,
      data: lodged.data as Record<string, unknown>,
      at: lodged.metadata.at,
    };
    const before = (await h.stream(permitCaseId)).length;
    await h.client.workflow.getHandle(permitCaseId).signal(childEventSignal, told);
    // A query is answered once the workflow task that takes the signal has completed.
    const permit = (await h.state(permitCaseId))!;
    expect(permitOf(permit).endorsements).toBe(1);
    expect((await h.stream(permitCaseId)).slice(before).map((e) => e.type)).toEqual([]);
    expect((await h.stream(filing.caseId)).map((e) => e.type)).not.toContain('PermitEndorsementNotRecorded');
    await h.act(permitCaseId, 'surrender', { reason: 'left-the-city' }, station);
    await h.result(permitCaseId);
    await expectStreamIntact(h, permitCaseId);
  }, 120_000);

  it('a second filing for a year already endorsed: the permit records why not, the filing waits on the station, which withdraws it', async () => {
    const permitCaseId = await deliveredPermit(h);
    await h.waitFor(permitCaseId, permitSuspended, { what: 'the suspension', timeoutMs: 40_000 });
    const first = await h.open(inputs.residencePermitEndorsement(permitCaseId), station);
    await h.waitFor(first.caseId, (s) => s.status === 'completed', { what: 'the first endorsement recorded', timeoutMs: 30_000 });
    // Lodged past the API's window check, as a filing in flight when the first was recorded would be.
    const second = await h.open(inputs.residencePermitEndorsement(permitCaseId), station);
    const waiting = await h.waitFor(second.caseId, (s) => (s.progress as { notRecorded?: unknown }).notRecorded !== undefined, {
      what: "the permit case's answer",
      timeoutMs: 30_000,
    });
    expect(waiting.status).toBe('accepted');
    expect((waiting.progress as { notRecorded: { reason: string } }).notRecorded.reason).toMatch(/endorsement is made in the month before/);
    const permit = (await h.state(permitCaseId))!;
    expect(permitOf(permit).endorsements).toBe(1); // recorded once
    expect(permit.childCases?.map((c) => c.caseId)).toEqual([first.caseId, second.caseId]);
    const notRecorded = (await h.stream(permitCaseId)).filter((e) => e.type === 'EndorsementNotRecorded');
    expect(notRecorded.map((e) => e.data)).toEqual([expect.objectContaining({ childCaseId: second.caseId })]);
    await h.act(second.caseId, 'withdraw', { reason: 'the permit is endorsed for this year' }, station);
    await expect(h.result(second.caseId)).resolves.toMatchObject({ status: 'withdrawn' });
    await h.act(permitCaseId, 'surrender', { reason: 'left-the-city' }, station);
    await h.result(permitCaseId);
    await expectStreamIntact(h, permitCaseId);
  }, 120_000);
});
