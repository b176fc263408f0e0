import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseState } from '../../domain';
import { ACCESS_NOT_CHECKED, caseActionUpdate, CASE_WORKFLOW, type CaseWorkflowArgs } from '../../workflows/definitions';
import { commandIds, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, CONVICTED_RESIDENT, expectStreamIntact, GUANGZHOU_TIANHE, GUANGZHOU_YUEXIU, inputs, SHANGHAI_HUANGPU } from './scenarios';

// Who may see a case is checked by its workflow, on the case as it is (the API no longer reads it before an action);
// a run still restoring a closed case cannot tell yet and takes only commands the API checked against the stream.
const window = caseworker(SHANGHAI_HUANGPU);
const station = caseworker(GUANGZHOU_TIANHE);
/** A caseworker of an office that neither lodged nor handles the case. */
const elsewhere = caseworker(GUANGZHOU_YUEXIU);
const convictedInPerson = () => {
  const { representative: _agent, ...input } = inputs.noCriminalRecord();
  return { ...input, applicant: { name: '趙剛', idNumber: CONVICTED_RESIDENT } };
};
const allChecked = (s: CaseState) => ['criminal-record', 'population-register', 'request-log'].every((k) => s.records[k] !== undefined);
const objection = { reason: 'the conviction was quashed on appeal' };

/** A no-criminal-record case declined by the handling station: its run has ended, and it takes an objection. */
async function declinedCase(h: WorkflowHarness): Promise<string> {
  const { caseId } = await h.open(convictedInPerson(), window);
  await h.act(caseId, 'accept', {}, window);
  await h.waitFor(caseId, allChecked, { what: 'the register checks', timeoutMs: 30_000 });
  await h.act(caseId, 'decline-certificate', { reason: 'an effective finding of guilt is on record' }, station);
  expect((await h.result(caseId)).status).toBe('completed');
  return caseId;
}

describe('the case checks who may see it (real Temporal dev server)', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('a running case answers a caller who may not see it that it does not exist, and records nothing', async () => {
    const { caseId } = await h.open(convictedInPerson(), window);
    const refused = await h.refused(caseId, 'accept', {}, elsewhere, 'not-found');
    expect(refused.message).toBe('no such case');
    // Before the action's own rules: a command the case would refuse anyway answers the same.
    expect((await h.refused(caseId, 'no-such-action', {}, elsewhere, 'not-found')).message).toBe('no such case');
    // The lodging window may.
    expect((await h.act(caseId, 'accept', {}, window)).status).not.toBe('lodged');
    await expectStreamIntact(h, caseId);
  });

  it('a workflow whose opening was refused holds no case: an action on it is told there is no such case', async () => {
    const caseId = randomUUID();
    // Lodged online by a caseworker: refused, but the workflow started for it waits a while before it ends.
    await expect(h.open(inputs.residencePermit({ channel: 'online' }), window, { caseId })).rejects.toThrow();
    expect((await h.refused(caseId, 'accept', {}, window, 'not-found')).message).toBe('no such case');
    expect(await h.stream(caseId)).toEqual([]);
  });

  it('a run still restoring a closed case turns back a command the API has not checked, then takes it once checked', async () => {
    const caseId = await declinedCase(h);
    const before = await h.types(caseId);
    // Sent to a closed case without the API's check: the new run cannot yet tell who may see the case.
    const unchecked = h.client.workflow.executeUpdateWithStart(caseActionUpdate, {
      args: [{ action: 'object', payload: objection, actor: window, ...commandIds() }],
      startWorkflowOperation: new WithStartWorkflowOperation<(a: CaseWorkflowArgs) => Promise<CaseState | null>>(CASE_WORKFLOW, {
        workflowId: caseId,
        taskQueue: h.taskQueue,
        args: [{ caseId, reopen: { calendar: h.calendar } }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const failure = await unchecked.then(
      () => null,
      (e: unknown) => (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure ? e.cause : e),
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe(ACCESS_NOT_CHECKED);
    // That run restores the case, finds nothing to decide and ends again.
    expect((await h.result(caseId)).status).toBe('completed');
    expect(await h.types(caseId)).toEqual(before);

    // Through CaseCommands, as the API sends it: the run has ended, so the caller is checked against the stream first.
    let checks = 0;
    const objected = await h.commands().act(caseId, 'object', objection, window, commandIds(), async () => {
      checks += 1;
    });
    expect(checks).toBe(1);
    expect(objected.clocks['objection-review']).toBeDefined();
    const after = await h.types(caseId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBeGreaterThan(before.length);
    await expectStreamIntact(h, caseId);
  });

  it('when the check against the stream refuses, no run is started and nothing is recorded', async () => {
    const caseId = await declinedCase(h);
    const before = await h.types(caseId);
    const runBefore = (await h.client.workflow.getHandle(caseId).describe()).runId;
    const refusal = new Error('no such case');
    const acting = h.commands().act(caseId, 'object', objection, elsewhere, commandIds(), () => Promise.reject(refusal));
    await expect(acting).rejects.toBe(refusal);
    expect((await h.client.workflow.getHandle(caseId).describe()).runId).toBe(runBefore);
    expect(await h.types(caseId)).toEqual(before);
  });
});
