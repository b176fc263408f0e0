// A workflow task whose append committed but whose completion never reached Temporal is retried; meanwhile a
// caseworker's action arrived. The retried task then holds both, and Temporal hands the action over first: it is
// decided on the case without the committed events. The case worker runs as a real child process, killed while
// it holds the committed append unreported; a new worker process runs the retried task.
import { randomUUID } from 'node:crypto';
import * as proto from '@temporalio/proto';
import { appendEvents } from '../../activities/append-events';
import type { ChildEvent } from '../../domain';
import type { NewEvent, RecordedEvent } from '../../event-store/types';
import { CASE_WORKFLOW, childEventSignal, streamIdOf, type CaseWorkflowArgs } from '../../workflows/definitions';
import { eventIdAt } from '../../workflows/event-ids';
import { permitInEndorsementWindow, recordedCaseBatch } from '../support/recorded-permit';
import { useWorkerProcesses } from '../support/spawn-case-worker';
import type { WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, inputs, SHANGHAI_HUANGPU } from './scenarios';

const { EventType } = proto.temporal.api.enums.v1;
const count = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type).length;
/** An endorsement filing's lodging, as it tells its residence permit case (domain/residence-permit-endorsement). */
const lodged = (filing: string): ChildEvent => ({
  childCaseId: filing,
  childType: 'residence-permit-endorsement',
  type: 'EndorsementLodged',
  data: { permitCaseId: '', office: GUANGZHOU_TIANHE, channel: 'window' },
  at: new Date().toISOString(),
});

describe('a retried workflow task whose append had committed (real child processes, PostgreSQL store)', () => {
  const workers = useWorkerProcesses('wf-append-retry-');
  let h: WorkflowHarness;
  beforeAll(() => {
    h = workers.harness();
  });

  it('an action that arrives before the retry is decided on the committed facts, each event once, the record agreeing', async () => {
    const station = caseworker(SHANGHAI_HUANGPU);
    const caseId = randomUUID();

    // The first worker commits the shared photo's answer (a task result, in a workflow task of its own) and never
    // reports that task back to Temporal.
    const first = workers.spawn({ HOLD_APPEND_STREAM: `case-${caseId}`, HOLD_APPEND_EVENT: 'PhotoShared' });
    await first.waitFor(/^ready$/);
    await h.open(inputs.residencePermit(), station, { caseId });
    const checked = ['population-register', 'residence-registration', 'job', 'employer'];
    await h.waitFor(caseId, (s) => checked.every((k) => s.records[k] !== undefined) && (s.progress as { photoLookup?: unknown }).photoLookup !== undefined);
    const captured = await h.act(caseId, 'capture-photo', { photo: 'new' }, station);
    await first.waitFor(new RegExp(`^append-committed case-${caseId} ${captured.version + 1}$`));
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect((await h.types(caseId)).slice(-2)).toEqual(['PhotoCaptured', 'PhotoShared']);

    // The caseworker accepts the case while no worker runs: the retried task holds the acceptance and the photo's
    // answer, the acceptance first (Temporal hands updates and signals over before activity results).
    let answered = false;
    const accepting = h.act(caseId, 'accept', {}, station).finally(() => (answered = true));
    accepting.catch(() => undefined); // awaited below
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(answered).toBe(false);
    const second = workers.spawn();
    await second.waitFor(/^ready$/);

    const accepted = await accepting;
    expect(accepted).toMatchObject({ status: 'accepted', version: captured.version + 2 });
    expect(accepted.progress).toMatchObject({ photoShared: true });
    expect((await h.types(caseId)).slice(-3)).toEqual(['PhotoCaptured', 'PhotoShared', 'CaseAccepted']);
    // The photo's answer came before the task that timed out, and the next task to complete accepted the update: that
    // task held both (else the test would pass without the case it is about).
    const history = (await h.client.workflow.getHandle(caseId).fetchHistory()).events ?? [];
    const at = (type: proto.temporal.api.enums.v1.EventType, from = 0) => history.findIndex((e, i) => i >= from && e.eventType === type);
    const timedOut = at(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
    const photoAnswer = history
      .slice(0, timedOut)
      .map((e) => e.eventType)
      .lastIndexOf(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    const acceptance = at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, timedOut);
    expect([photoAnswer, timedOut].every((i) => i > 0)).toBe(true);
    const completedBetween = history.slice(photoAnswer, acceptance).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    expect(completedBetween).toHaveLength(1);

    // The case goes on from there: the photo's answer is not recorded a second time.
    await h.act(caseId, 'approve', {}, station);
    await h.act(caseId, 'deliver-permit', {}, station);
    const stream = await h.stream(caseId);
    expect([count(stream, 'PhotoShared'), count(stream, 'CaseAccepted'), count(stream, 'CaseCompleted')]).toEqual([1, 1, 1]);
    await expectStreamIntact(h, caseId); // versions 1..n, unique ids, = the workflow's appendedEvents
    // The next test's worker must be the only one on the queue.
    second.process.kill('SIGTERM');
    await second.exited;
  }, 120_000);

  it("an opening whose append, with its register check's answer, committed unreported is answered once, each event once", async () => {
    const officer = caseworker(GUANGZHOU_TIANHE);
    const caseId = randomUUID();
    // The opening's one append holds its events and the system's answer to the check it made due
    // (reads-in-the-command-append): the first worker commits it and dies before the workflow task is reported.
    const first = workers.spawn({ HOLD_APPEND_STREAM: `case-${caseId}`, HOLD_APPEND_EVENT: 'RecordsVerified' });
    await first.waitFor(/^ready$/);
    const opening = h.open(inputs.portVisa(), officer, { caseId });
    opening.catch(() => undefined); // awaited below
    await first.waitFor(new RegExp(`^append-committed case-${caseId} \\d+$`));
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(await h.types(caseId)).toEqual(['CaseOpened', 'CaseAccepted', 'RecordsVerified']);

    // The retried task asks the check again, finds the stream holding the lost attempt's batch, and takes it: the
    // opening and the check's answer are facts, neither decided a second time.
    const second = workers.spawn();
    await second.waitFor(/^ready$/);
    const opened = await opening;
    expect(opened).toMatchObject({ caseId, status: 'accepted', version: 3 });
    expect(opened.records['inviting-company']).toMatchObject({ ok: true, result: 'confirmed' });
    await h.act(caseId, 'approve', {}, officer);
    const stream = await h.stream(caseId);
    expect(['CaseOpened', 'RecordsVerified', 'CaseApproved', 'CaseCompleted'].map((type) => count(stream, type))).toEqual([1, 1, 1, 1]);
    await expectStreamIntact(h, caseId);
    second.process.kill('SIGTERM');
    await second.exited;
  }, 120_000);

  it("a closed case's run, restoring it for a relative's event, takes what a lost attempt of that task decided on it", async () => {
    // A residence permit in force, recorded in the store, its run long ended: an endorsement filing lodged for it tells
    // it through signal-with-start (activities/tell-case.ts), which starts a run that restores the permit from its
    // stream. That run's first task records the endorsement, and the worker dies before the task is reported.
    const permitId = randomUUID();
    const station = caseworker(GUANGZHOU_TIANHE);
    const recorded = permitInEndorsementWindow({
      caseId: permitId,
      idNumber: '440106199203150018',
      name: '陳靜',
      office: GUANGZHOU_TIANHE,
      hukouOffice: SHANGHAI_HUANGPU,
      now: Date.now(),
      timeScale: 1,
    });
    await h.stores.store.append(streamIdOf(permitId), recordedCaseBatch(recorded, station), { expectedVersion: 'no-stream' });
    const first = workers.spawn({ HOLD_APPEND_STREAM: streamIdOf(permitId), HOLD_APPEND_EVENT: 'ResidencePermitEndorsed' });
    await first.waitFor(/^ready$/);
    const filing = randomUUID();
    await h.client.workflow.signalWithStart<(a: CaseWorkflowArgs) => Promise<unknown>, [ChildEvent]>(CASE_WORKFLOW, {
      workflowId: permitId,
      taskQueue: h.taskQueue,
      args: [{ caseId: permitId, reopen: { calendar: h.calendar } }],
      signal: childEventSignal,
      signalArgs: [lodged(filing)],
    });
    await first.waitFor(new RegExp(`^append-committed ${streamIdOf(permitId)} \\d+$`));
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect((await h.types(permitId)).slice(recorded.length)).toEqual(['ChildCaseLinked', 'ResidencePermitEndorsed']);

    // The retried task restores the permit and finds the endorsement its lost attempt appended: it is the filing's,
    // done, not an endorsement already made that the filing would then be refused for (EndorsementNotRecorded).
    const second = workers.spawn();
    await second.waitFor(/^ready$/);
    const endorsed = await h.waitFor(permitId, (s) => (s.progress as { permit?: { endorsements: number } }).permit?.endorsements === 1);
    const history = async () => (await h.client.workflow.getHandle(permitId).fetchHistory()).events ?? [];
    for (let i = 0; i < 100 && !(await history()).some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The task the second worker completed held the restore and the filing's event (the test is about that task).
    expect((await history()).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)).toHaveLength(1);
    expect(endorsed.version).toBe(recorded.length + 2);
    expect((await h.types(permitId)).slice(recorded.length)).toEqual(['ChildCaseLinked', 'ResidencePermitEndorsed']);
    await h.client.workflow.getHandle(permitId).terminate('test over');
    second.process.kill('SIGTERM');
    await second.exited;
  }, 120_000);

  describe('the append activity, on a stream past the expected version', () => {
    const run = randomUUID();
    const event = (streamId: string, version: number, type: string, commandId: string, id = eventIdAt(run, streamId, version)): NewEvent => ({
      id,
      type,
      data: { version },
      metadata: { actor: 'system', role: 'system', office: '310101', at: new Date().toISOString(), commandId, correlationId: 'c' },
    });

    it("answers with the run's own events there and appends nothing, also for a batch of other events of the same types", async () => {
      const streamId = `case-${randomUUID()}`;
      const own = [event(streamId, 1, 'CaseOpened', 'open'), event(streamId, 2, 'NoteAdded', 'note-1')];
      await h.stores.store.append(streamId, own, { expectedVersion: 'no-stream' });
      // Another command's note decided at version 2: the same id (named by the version) and type, another command.
      const result = await appendEvents(h.stores.store)({ streamId, expectedVersion: 1, events: [event(streamId, 2, 'NoteAdded', 'note-2')], run });
      expect(result.committed).toBeUndefined();
      expect(result.moved?.map((e) => [e.id, e.type, e.commandId])).toEqual([[own[1].id, 'NoteAdded', 'note-1']]);
      expect(result.nextVersion).toBe(2);
      expect((await h.stores.store.readStream(streamId)).map((e) => e.metadata.commandId)).toEqual(['open', 'note-1']);
    });

    it('fails, not retried, where another writer appended, or where the run is not given', async () => {
      const streamId = `case-${randomUUID()}`;
      await h.stores.store.append(streamId, [event(streamId, 1, 'CaseOpened', 'open'), event(streamId, 2, 'NoteAdded', 'other', randomUUID())], {
        expectedVersion: 'no-stream',
      });
      const append = appendEvents(h.stores.store);
      const notes = [event(streamId, 2, 'NoteAdded', 'mine')];
      await expect(append({ streamId, expectedVersion: 1, events: notes, run })).rejects.toMatchObject({ type: 'WrongExpectedVersion', nonRetryable: true });
      const owned = `case-${randomUUID()}`;
      await h.stores.store.append(owned, [event(owned, 1, 'CaseOpened', 'open'), event(owned, 2, 'NoteAdded', 'note-1')], { expectedVersion: 'no-stream' });
      await expect(append({ streamId: owned, expectedVersion: 1, events: [event(owned, 2, 'NoteAdded', 'note-2')] })).rejects.toMatchObject({
        type: 'IdempotencyConflict',
        nonRetryable: true,
      });
      expect(await h.stores.store.readStream(streamId)).toHaveLength(2);
    });
  });
});
