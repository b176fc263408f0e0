import { UNKNOWN_ID_NUMBERS } from '../../activities/registries';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, GUANGZHOU_YUEXIU, happyPaths, inputs } from './scenarios';

const station = caseworker(GUANGZHOU_YUEXIU);

describe('id-card-loss-report workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('a filing: received with a receipt, the holder confirmed, the card listed as lost, completed with no decision and no clock', async () => {
    const done = await happyPaths['id-card-loss-report'](h);
    expect(done).toMatchObject({ status: 'completed', handlingOffice: GUANGZHOU_YUEXIU, involvedOffices: [GUANGZHOU_TIANHE] });
    expect(done.receipts).toEqual([expect.objectContaining({ kind: 'filing', number: expect.stringMatching(/^SL-440104-/) })]);
    expect(done.records['population-register']).toMatchObject({ result: 'confirmed', facts: { hukouOffice: GUANGZHOU_TIANHE } });
    expect(done.progress).toMatchObject({ listed: { entryNumber: expect.stringMatching(/^GS440104\d{14}$/) } });
    expect(done.clocks).toEqual({});
    expect(await h.types(done.caseId)).toEqual(['CaseOpened', 'CaseAccepted', 'CardReportedLost', 'RecordsVerified', 'LostCardListed', 'CaseCompleted']);
    // Nothing keeps the workflow once the card is listed.
    expect((await h.result(done.caseId)).status).toBe('completed');
    await expectStreamIntact(h, done.caseId);
  });

  it('a holder the register does not know (business time x4000000): nothing listed, never overdue, withdrawn by the station', async () => {
    const unknown = inputs.idCardLossReport({ applicant: { name: '陈静', idNumber: UNKNOWN_ID_NUMBERS[0] } });
    const { caseId } = await h.open(unknown, station, { timeScale: 4_000_000 });
    const s = await h.waitFor(caseId, (c) => c.records['population-register'] !== undefined, { what: 'the population register check' });
    expect(s.records['population-register']).toMatchObject({ result: 'contradicted' });
    // 60 calendar days are about 1.3 s of wall time at this scale: no clock runs, so nothing falls due.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await h.types(caseId)).toEqual(['CaseOpened', 'CaseAccepted', 'CardReportedLost', 'RecordsVerified']);
    await h.refused(caseId, 'approve', {}, station, 'conflict');
    const withdrawn = await h.act(caseId, 'withdraw', { reason: 'the ID number was mistyped' }, station);
    expect(withdrawn.status).toBe('withdrawn');
  });

  it('a replacement lodged for the completed loss report: linked to it, no report-loss of its own', async () => {
    const report = await happyPaths['id-card-loss-report'](h);
    const replacement = await h.open(
      { ...inputs.idCardReplacement({ crossProvince: false }), receivingOffice: GUANGZHOU_YUEXIU, parentCaseId: report.caseId },
      station,
    );
    expect(replacement).toMatchObject({ parentCaseId: report.caseId, status: 'submitted' });
    await h.waitFor(replacement.caseId, (c) => c.records['population-register'] !== undefined && c.progress.photoLookup !== undefined);
    await h.refused(replacement.caseId, 'report-loss', {}, station, 'conflict');
    await h.act(replacement.caseId, 'withdraw', { reason: 'found the card' }, station);
  });
});
