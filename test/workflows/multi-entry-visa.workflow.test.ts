import { slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, happyPaths, inputs, NO_ENTRY_PASSPORT } from './scenarios';

const officer = caseworker(GUANGZHOU_TIANHE);
const checked = (s: { records: Record<string, unknown> }) => s.records['entry-record'] !== undefined && s.records['inviting-company'] !== undefined;

describe('multi-entry-visa workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('happy path: receipt valid 7 WD and passport returned on acceptance, both registers checked, type M multiple-entry visa issued', async () => {
    const done = await happyPaths['multi-entry-visa'](h);
    expect(done.status).toBe('completed');
    const stream = await h.stream(done.caseId);
    const types = stream.map((e) => e.type);
    // Acceptance writes the receipt and hands the passport back in the same batch.
    const accepted = types.indexOf('CaseAccepted');
    expect(types.slice(accepted, accepted + 3)).toEqual(['CaseAccepted', 'AcceptanceReceiptIssued', 'PassportVerifiedAndReturned']);
    expect(
      stream
        .filter((e) => e.type === 'RecordsVerified')
        .map((e) => (e.data as { key: string; ok: boolean }).key)
        .sort(),
    ).toEqual(['entry-record', 'inviting-company']);
    expect(types.slice(-3)).toEqual(['CaseApproved', 'VisaIssued', 'CaseCompleted']);
    expect(done.documents.find((d) => d.kind === 'visa')).toMatchObject({ visaType: 'M', entries: 'multiple', validityYears: 3 });
    const receipt = stream.find((e) => e.type === 'AcceptanceReceiptIssued')!.data as { validUntil: string };
    expect(receipt.validUntil).toBe(done.clocks.decision.deadline); // the decision falls within the receipt (條例 art 13)
    await expectStreamIntact(h, done.caseId);
  });

  it('refusal: no entry on record blocks approval; the refusal needs no reason and is final', async () => {
    const { caseId } = await h.open(inputs.multiEntryVisa(NO_ENTRY_PASSPORT), officer);
    await h.act(caseId, 'accept', {}, officer);
    const s = await h.waitFor(caseId, checked);
    expect(s.records['entry-record']).toMatchObject({ registry: 'entry-exit', ok: false });
    expect(s.records['inviting-company']).toMatchObject({ ok: true });
    await h.refused(caseId, 'approve', {}, officer, 'conflict');
    await h.refused(caseId, 'request-materials', { items: ['entry stamp'] }, officer, 'conflict'); // too late: accepted

    const refused = await h.act(caseId, 'refuse', {}, officer);
    expect(refused.status).toBe('refused');
    const last = (await h.stream(caseId)).at(-1)!;
    expect(last).toMatchObject({ type: 'CaseRefused', data: { final: true, appealable: false, legalBasis: expect.stringContaining('第三十六条') } });
    expect((await h.result(caseId)).status).toBe('refused');
    expect((await h.refused(caseId, 'withdraw', { reason: 'too late' }, officer)).message).toMatch(/closed/);
    await expectStreamIntact(h, caseId);
  });

  it('the 7-WD decision clock misses its goal, passes its deadline and escalates twice (business time x300000)', async () => {
    // Goal 5 WD, deadline 7 WD, escalations +1 and +2 WD: about two calendar weeks = 4-6 s of wall time.
    const { caseId } = await h.open(inputs.multiEntryVisa(), officer, { timeScale: 300_000 });
    await h.act(caseId, 'accept', {}, officer);
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, 'decision').length >= 4, {
      timeoutMs: 40_000,
      what: 'four decision SLA events',
    });
    // Then level 2 repeats until the case closes (docs/domain.md §1, SLA model).
    expect(slaEventsOf(stream, 'decision').slice(0, 4)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);
    const receipt = stream.find((e) => e.type === 'AcceptanceReceiptIssued')!.data as { validUntil: string };
    const passed = stream.find((e) => e.type === 'SlaDeadlinePassed')!;
    expect(passed.data).toMatchObject({ clock: 'decision', dueAt: receipt.validUntil }); // the receipt ran out
    expect(passed.metadata).toMatchObject({ role: 'system', at: receipt.validUntil });

    await h.waitFor(caseId, checked);
    const done = await h.act(caseId, 'approve', {}, officer);
    expect(done.status).toBe('completed');
    expect(done.clocks.decision).toMatchObject({ state: 'stopped', escalation: 2 });
    await expectStreamIntact(h, caseId);
  }, 60_000);
});
