import { hasValidIdCheckCharacter } from '../../domain';
import { slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, happyPaths, inputs } from './scenarios';

const station = caseworker(GUANGZHOU_TIANHE);
const checked = (s: { records: Record<string, unknown> }) => ['birth-record', 'parent-population', 'parents-marriage'].every((k) => s.records[k] !== undefined);

describe('newborn-registration workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('main path: three registers read, birth record verified, GB 11643 number allocated after approval, page posted', async () => {
    const done = await happyPaths['newborn-registration'](h);
    expect(done.status).toBe('completed');
    const stream = await h.stream(done.caseId);
    const types = stream.map((e) => e.type);
    expect(types).toContain('BirthRecordVerified');
    expect(types.slice(types.indexOf('CaseApproved'))).toEqual([
      'CaseApproved',
      'CitizenIdNumberAllocated',
      'BirthRegistered',
      'HukouPageIssued',
      'CaseCompleted',
    ]);
    const allocated = stream.find((e) => e.type === 'CitizenIdNumberAllocated')!.data as { idNumber: string; sequence: number };
    // County code of the station, the birth date, an even sequence for a girl, the check character.
    expect(allocated.idNumber.slice(0, 14)).toBe(`${GUANGZHOU_TIANHE}${inputs.newbornRegistration().applicant.birthDate!.replace(/-/g, '')}`);
    expect(allocated.sequence % 2).toBe(0);
    expect(hasValidIdCheckCharacter(allocated.idNumber)).toBe(true);
    expect(done.applicant.idNumber).toBe(allocated.idNumber);
    expect(done.documents.find((d) => d.kind === 'hukou-page')).toMatchObject({ delivery: 'post', verificationCode: expect.any(String) });
    await expectStreamIntact(h, done.caseId);
  });

  it('a birth certificate already registered is contradicted: approval is refused, the case is refused (appealable)', async () => {
    const { caseId } = await h.open(inputs.newbornRegistration({ birthCertificateNo: 'R440000001' }), station);
    await h.act(caseId, 'accept', {}, station);
    const s = await h.waitFor(caseId, checked);
    expect(s.records['birth-record']).toMatchObject({
      registry: 'birth-certificate',
      result: 'contradicted',
      detail: expect.stringMatching(/already registered/),
    });
    await h.refused(caseId, 'approve', {}, station, 'conflict');
    const refused = await h.act(caseId, 'refuse', { reason: 'already registered on this birth certificate', legalBasis: '户口登记条例 第六条' }, station);
    expect(refused.status).toBe('refused');
    expect((await h.stream(caseId)).at(-1)).toMatchObject({ type: 'CaseRefused', data: { final: false, appealable: true } });
    await expectStreamIntact(h, caseId);
  });

  it('the 5-WD registration clock misses its 1-WD goal, passes its deadline and escalates (business time x300000)', async () => {
    const { caseId } = await h.open(inputs.newbornRegistration(), station, { timeScale: 300_000 });
    await h.act(caseId, 'accept', {}, station);
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, 'decision').length >= 4, {
      timeoutMs: 40_000,
      what: 'four decision SLA events',
    });
    expect(slaEventsOf(stream, 'decision').slice(0, 4)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);
    await h.waitFor(caseId, checked);
    const approved = await h.act(caseId, 'approve', {}, station);
    expect(approved.clocks.decision).toMatchObject({ state: 'stopped' });
    await expectStreamIntact(h, caseId);
  }, 60_000);
});
