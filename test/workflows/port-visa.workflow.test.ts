import { randomUUID } from 'node:crypto';
import type { CaseState } from '../../domain';
import { localActivitiesOfOpening, slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, happyPaths, inputs, REVOKED_COMPANY } from './scenarios';

const officer = caseworker(GUANGZHOU_TIANHE);
const HOUR = 3_600_000;

describe('port-visa workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('runs a case to VisaIssued; the stream holds exactly what the workflow appended; rejected updates leave no trace', async () => {
    const opened = await h.open(inputs.portVisa(), officer);
    const caseId = opened.caseId;
    expect(opened.status).toBe('accepted'); // at lodging, its receipt with the opening (docs/domain.md §4)
    // The check the opening made due is answered with it (checks-answered-with-the-command).
    expect(opened.records['inviting-company']).toMatchObject({ ok: true, result: 'confirmed' });

    await h.act(caseId, 'request-materials', { items: ['repair contract'] }, officer);
    await h.refused(caseId, 'request-materials', { items: ['again'] }, officer, 'conflict'); // one-time notice
    expect((await h.act(caseId, 'supplement', { items: ['repair contract'] }, officer)).status).toBe('accepted');
    const done = await h.act(caseId, 'approve', {}, officer);
    expect(done.status).toBe('completed');

    const result = await h.result(caseId);
    expect(result.documents[0]).toMatchObject({ kind: 'visa', entries: 1, port: 'Guangzhou Baiyun Airport' });
    expect(await h.types(caseId)).toEqual([
      'CaseOpened',
      'CaseAccepted',
      'RecordsVerified',
      'MaterialsRequested',
      'MaterialsSupplemented',
      'CaseApproved',
      'VisaIssued',
      'CaseCompleted',
    ]);
    await expectStreamIntact(h, caseId);
  });

  it("asks the opening's register check before the opening's append, and records its answer in that append", async () => {
    const opened = await h.open(inputs.portVisa(), officer);
    expect(opened.records['inviting-company']).toMatchObject({ ok: true, result: 'confirmed' });
    // The local activities the opening ran before it answered, in order: one check, one append (reads-in-the-command-append).
    const localActivities = await localActivitiesOfOpening(h, opened.caseId);
    expect(localActivities).toEqual(['verifyRecords', 'appendEvents']);
    // The answer is the system's, named after the opening it answers.
    const stream = await h.stream(opened.caseId);
    const opening = stream.find((e) => e.type === 'CaseOpened')!;
    expect(stream.find((e) => e.type === 'RecordsVerified')?.metadata).toMatchObject({
      actor: 'system',
      role: 'system',
      commandId: `system-reads-${opening.metadata.commandId}`,
      office: GUANGZHOU_TIANHE,
    });
    await h.act(opened.caseId, 'withdraw', { reason: 'test done' }, officer);
  });

  it('the shared happy path completes with a single-entry visa', async () => {
    const done = await happyPaths['port-visa'](h);
    expect(done).toMatchObject({ status: 'completed', documents: [expect.objectContaining({ kind: 'visa', entries: 1 })] });
    await expectStreamIntact(h, done.caseId);
  });

  it('a second opening with the same case id is the same case', async () => {
    const caseId = randomUUID();
    const first = await h.open(inputs.portVisa(), officer, { caseId });
    const second = await h.open(inputs.portVisa(), officer, { caseId });
    expect(second.caseId).toBe(first.caseId);
    expect(second.openedAt).toBe(first.openedAt);
    expect((await h.stream(caseId)).filter((e) => e.type === 'CaseOpened')).toHaveLength(1);
    await h.act(caseId, 'withdraw', { reason: 'test done' }, officer);
  });

  it('refusal: a revoked inviting company blocks approval; the refusal needs no reason and is appealable', async () => {
    const { caseId } = await h.open(inputs.portVisa({ creditCode: REVOKED_COMPANY }), officer);
    const checked = await h.waitFor(caseId, (s) => s.records['inviting-company'] !== undefined);
    expect(checked.records['inviting-company']).toMatchObject({ registry: 'company', ok: false });
    await h.refused(caseId, 'approve', {}, officer, 'conflict');

    const refused = await h.act(caseId, 'refuse', {}, officer);
    expect(refused.status).toBe('refused');
    const stream = await h.stream(caseId);
    expect(stream.map((e) => e.type)).toEqual(['CaseOpened', 'CaseAccepted', 'RecordsVerified', 'CaseRefused']);
    expect(stream.at(-1)!.data).toMatchObject({ reason: null, final: false, appealable: true, legalBasis: expect.stringContaining('出境入境管理法') });
    expect((await h.result(caseId)).status).toBe('refused'); // the workflow ended
    expect((await h.refused(caseId, 'withdraw', { reason: 'too late' }, officer)).message).toMatch(/closed/);
    await expectStreamIntact(h, caseId);
  });

  it('is accepted at lodging: no completeness clock, the hours run from lodging, and accept is a 409', async () => {
    const opened = await h.open(inputs.portVisa(), officer);
    expect(opened).toMatchObject({ status: 'accepted', acceptedAt: opened.openedAt, receipts: [expect.objectContaining({ kind: 'acceptance' })] });
    expect(opened.clocks.completeness).toBeUndefined();
    expect(Date.parse(opened.clocks.decision.deadline) - Date.parse(opened.openedAt)).toBe(4 * HOUR);
    await h.refused(opened.caseId, 'accept', {}, officer, 'conflict');
    expect((await h.types(opened.caseId)).slice(0, 2)).toEqual(['CaseOpened', 'CaseAccepted']);
    await h.act(opened.caseId, 'withdraw', { reason: 'test done' }, officer);
  });

  it('the 4-hour decision clock misses its goal, passes its deadline and escalates twice (business time x7200)', async () => {
    // Goal 2 h, deadline 4 h, escalations hourly up to level 2: 6 business hours = 3 s of wall time.
    const accepted = await h.open(inputs.portVisa(), officer, { timeScale: 7_200 });
    const { caseId } = accepted;
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, 'decision').length >= 4, {
      timeoutMs: 30_000,
      what: 'four decision SLA events',
    });
    // Then level 2 repeats hourly until the case closes (docs/domain.md §1, SLA model).
    expect(slaEventsOf(stream, 'decision').slice(0, 4)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);

    // Each fires at its business instant, counted from lodging (= acceptance), and is the system's doing.
    const sla = stream.filter((e) => e.type.startsWith('Sla')).slice(0, 4);
    const offsets = sla.map((e) => (Date.parse((e.data as { dueAt: string }).dueAt) - Date.parse(accepted.acceptedAt!)) / HOUR);
    expect(offsets).toEqual([2, 4, 5, 6]);
    for (const e of sla) expect(e.metadata).toMatchObject({ role: 'system', at: (e.data as { dueAt: string }).dueAt, office: GUANGZHOU_TIANHE });

    const late = await h.waitFor(caseId, (s: CaseState) => s.clocks.decision.escalation === 2);
    expect(late.clocks.decision.state).toBe('breached');
    const done = await h.act(caseId, 'approve', {}, officer); // late, but still decided
    expect(done.status).toBe('completed');
    expect(done.clocks.decision.state).toBe('stopped');
    await expectStreamIntact(h, caseId);
  }, 60_000);
});
