import { createLocalRequestLog, FREQUENT_REQUESTER_ID_NUMBER, LOCAL_REQUEST_LOG, RegistryUnavailable, type RequestLog } from '../../activities/registries';
import type { Actor, CaseState } from '../../domain';
import { commandIds, noReadOfTheStream, slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, CONVICTED_RESIDENT, expectStreamIntact, frequentRequester, GUANGZHOU_TIANHE, happyPaths, inputs, SHANGHAI_HUANGPU } from './scenarios';

const window = caseworker(SHANGHAI_HUANGPU);
const station = caseworker(GUANGZHOU_TIANHE);
const head: Actor = { id: `head-${GUANGZHOU_TIANHE}`, role: 'supervisor', office: GUANGZHOU_TIANHE, officeHead: true };
const DAY_MS = 86_400_000;
/** The request of that resident, made in person at the Shanghai window. */
const convictedInPerson = () => {
  const { representative: _agent, ...input } = inputs.noCriminalRecord();
  return { ...input, applicant: { name: '趙剛', idNumber: CONVICTED_RESIDENT } };
};
const checked = { what: 'the register checks', timeoutMs: 30_000 };
const allChecked = (s: CaseState) => ['criminal-record', 'population-register', 'request-log'].every((k) => s.records[k] !== undefined);
/** Someone the request log knows nothing of, asking in person: whose log goes down in one test. */
const OUTAGE_APPLICANT = '440106199512120011';

/** The local request log (its demo records and the outage applicant's), with a switch that takes it down (every call fails). */
function switchableRequestLog(): { log: RequestLog; outage: { on: boolean } } {
  const outage = { on: false };
  const local = createLocalRequestLog({ latencyMs: 5, records: { ...LOCAL_REQUEST_LOG, [OUTAGE_APPLICANT]: [20, 60] } });
  return {
    outage,
    log: { requestsOf: async (...args) => (outage.on ? Promise.reject(new RegistryUnavailable('request-log')) : local.requestsOf(...args)) },
  };
}
const { log: requestLog, outage } = switchableRequestLog();
/** What an action refused says (the update failed with the domain's reason). */
const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => 'done',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

describe('no-criminal-record workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness({ registries: { requestLog } });
  }, 120_000);
  afterAll(() => h?.stop());

  it('asked at a Shanghai window by an agent whose power of attorney the notarial register holds: decided in Guangzhou, printed in Shanghai', async () => {
    const done = await happyPaths['no-criminal-record'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: true, handlingOffice: GUANGZHOU_TIANHE, representative: { role: 'agent' } });
    expect(done.records.representative).toMatchObject({ registry: 'power-of-attorney', result: 'confirmed' });
    expect(done.records['criminal-record']).toMatchObject({ result: 'confirmed', facts: { record: 'none' } });
    expect(done.documents).toEqual([
      expect.objectContaining({ kind: 'no-criminal-record-certificate', eSeal: expect.objectContaining({ office: GUANGZHOU_TIANHE }) }),
    ]);
    await expectStreamIntact(h, done.caseId);
  });

  it("a third request in a year detected from the platform's request log: approval waits for the proof of use shown at the window", async () => {
    const done = await frequentRequester(h);
    expect(done.records['request-log']).toMatchObject({
      registry: 'request-log',
      result: 'confirmed',
      subject: expect.stringMatching(new RegExp(`^id:${FREQUENT_REQUESTER_ID_NUMBER}@\\d{4}-\\d{2}-\\d{2}@`)),
      facts: { requests: 2 },
    });
    expect(done).toMatchObject({ status: 'completed', progress: { proofOfUse: { proofOfUse: 'request letter of the employer in Hong Kong' } } });
    expect(done.details).not.toHaveProperty('proofOfUse');
    const stream = await h.stream(done.caseId);
    expect(stream.map((e) => e.type).slice(0, 2)).toEqual(['CaseOpened', 'RequestLogRequested']);
    expect(stream.findIndex((e) => e.type === 'ProofOfUseShown')).toBeLessThan(stream.findIndex((e) => e.type === 'CaseApproved'));
    await expectStreamIntact(h, done.caseId);
  });

  it('a request log that does not answer: recorded unavailable, nothing decided on it; recheck-records asks again and its count decides', async () => {
    outage.on = true;
    const { representative: _agent, ...input } = inputs.noCriminalRecord();
    const { caseId } = await h.open({ ...input, applicant: { name: '許文', idNumber: OUTAGE_APPLICANT } }, window);
    await h.act(caseId, 'accept', {}, window);
    const down = await h.waitFor(caseId, allChecked, checked);
    expect(down.records['request-log']).toMatchObject({ ok: false, result: 'unavailable', detail: expect.stringMatching(/request-log register/) });
    expect(await refusalOf(h.act(caseId, 'approve', {}, station))).toMatch(/request-log register did not answer/);
    expect(await refusalOf(h.act(caseId, 'refuse', { reason: 'no proof of use', legalBasis: '規定' }, station))).toMatch(/unanswered register check/);
    outage.on = false;
    // The check recheck-records made due is asked and recorded before the action answers (checks-answered-with-the-command).
    const answered = await h.act(caseId, 'recheck-records', {}, station);
    expect(answered.records['request-log']).toMatchObject({ result: 'confirmed', facts: { requests: 2 } });
    expect(await refusalOf(h.act(caseId, 'approve', {}, station))).toMatch(/request log holds 2 earlier requests/);
    await h.act(caseId, 'show-proof-of-use', { proofOfUse: 'request letter of the university' }, window);
    await expect(h.act(caseId, 'approve', {}, station)).resolves.toMatchObject({ status: 'approved' });
    await expectStreamIntact(h, caseId);
  });

  it('an investigation pause approved by the head is not counted: the 3 WD deadline moves by the pause (business time x100000)', async () => {
    // A day is about 0.86 s of wall time at this scale.
    const { caseId } = await h.open(convictedInPerson(), window, {
      timeScale: 100_000,
    });
    const accepted = await h.act(caseId, 'accept', {}, window);
    const dueBefore = Date.parse(accepted.clocks.decision.deadline);
    await h.act(caseId, 'pause-clock', { kind: 'investigation', reason: 'the court is asked whether the finding is effective' }, head);
    await h.waitFor(caseId, allChecked, checked);
    await new Promise((r) => setTimeout(r, 6_000)); // about a week of business time, paused
    expect(slaEventsOf(await h.stream(caseId), 'decision')).toEqual([]);
    const resumed = await h.act(caseId, 'resume-clock', {}, station);
    expect(Date.parse(resumed.clocks.decision.deadline) - dueBefore).toBeGreaterThan(5 * DAY_MS);
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, 'decision').includes('SlaDeadlinePassed'), {
      timeoutMs: 30_000,
      what: 'the moved decision deadline passing',
    });
    const paused = stream.find((e) => e.type === 'ClockPaused')!;
    expect(paused.data).toMatchObject({ clock: 'decision', kind: 'investigation' });
    const done = await h.act(caseId, 'decline-certificate', { reason: 'an effective finding of guilt is on record' }, station);
    expect(done.status).toBe('completed');
  });

  it('declined on a record, the closed case takes an objection and its answer: the certificate is issued on review', async () => {
    const { caseId } = await h.open(convictedInPerson(), window);
    await h.act(caseId, 'accept', {}, window);
    await h.waitFor(caseId, allChecked, checked);
    const refusal = await h.act(caseId, 'approve', {}, station).then(
      () => 'approved',
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );
    expect(refusal).toMatch(/effective finding of guilt/);
    await h.act(caseId, 'decline-certificate', { reason: 'an effective finding of guilt is on record' }, station);
    expect((await h.result(caseId)).status).toBe('completed'); // the run has ended
    const objected = await h.act(caseId, 'object', { reason: 'the conviction was quashed on appeal' }, window);
    expect(objected.progress).toMatchObject({ objection: { reason: 'the conviction was quashed on appeal', extended: false } });
    const answered = await h.act(caseId, 'answer-objection', { outcome: 'upheld', reason: 'the appeal court quashed it' }, station);
    expect(answered.documents.map((d) => d.kind)).toEqual(['certificate-declined-notice', 'no-criminal-record-certificate']);
    expect(answered.status).toBe('completed');
    await expectStreamIntact(h, caseId);
  });

  it('an objection nobody answers: the closed case is kept while its 15 WD review clock misses its goal and passes its deadline (x100000)', async () => {
    const scaled = h.commands(100_000);
    const { caseId } = await h.open(convictedInPerson(), window, { timeScale: 100_000 });
    await h.act(caseId, 'accept', {}, window);
    await h.waitFor(caseId, allChecked, checked);
    await h.act(caseId, 'decline-certificate', { reason: 'an effective finding of guilt is on record' }, station);
    await h.result(caseId); // the run has ended
    const objected = await scaled.act(caseId, 'object', { reason: 'the conviction was quashed on appeal' }, window, commandIds(), noReadOfTheStream);
    expect(objected.clocks['objection-review']).toMatchObject({ state: 'on-track' });
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, 'objection-review').includes('SlaDeadlinePassed'), {
      timeoutMs: 45_000,
      what: 'the review deadline passing',
    });
    expect(slaEventsOf(stream, 'objection-review').slice(0, 2)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed']);
    expect(stream.find((e) => e.type === 'SlaDeadlinePassed')!.metadata.office).toBe(GUANGZHOU_TIANHE);
    const answered = await h.act(caseId, 'answer-objection', { outcome: 'dismissed', reason: 'the judgment stands' }, station);
    expect(answered.clocks['objection-review'].state).toBe('stopped');
    expect((answered.progress as { objection: { outcome: string } }).objection.outcome).toBe('dismissed');
    await expect(h.result(caseId)).resolves.toMatchObject({ status: 'completed' }); // let go once answered
    await expectStreamIntact(h, caseId);
  });
});
