// Worker crash: the case worker runs as a real child process; it is SIGKILLed while cases of every
// type are mid-flight (register checks and card production running, an append committed but not yet
// reported to Temporal, an SLA clock running), a new worker process takes over, and every case
// completes with each event exactly once in its stream.
import { randomUUID } from 'node:crypto';
import type { CaseState } from '../../domain';
import type { RecordedEvent } from '../../event-store/types';
import { useWorkerProcesses } from '../support/spawn-case-worker';
import { slaEventsOf, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, inputs, SHANGHAI_HUANGPU } from './scenarios';

/** Two events with the same type, data, business time and command are the same fact written twice. */
const facts = (events: RecordedEvent[]) => events.map((e) => JSON.stringify([e.type, e.data, e.metadata.at, e.metadata.commandId]));
const count = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type).length;

describe('worker crash (real child process, PostgreSQL store)', () => {
  const workers = useWorkerProcesses('wf-crash-');
  let h: WorkflowHarness;
  beforeAll(() => {
    h = workers.harness();
  });

  it('SIGKILLed with cases of every type mid-flight, restarted: every case completes, each event once in its stream', async () => {
    const gz = caseworker(GUANGZHOU_TIANHE);
    const sh = caseworker(SHANGHAI_HUANGPU);
    const portId = randomUUID();

    // The first worker: register checks and card production start and never answer; the port visa's
    // assignment is committed to the store but never reported back to Temporal.
    const first = workers.spawn({ HOLD_TASKS: 'verifyRecords,verifyRecord,produceCard', HOLD_APPEND_STREAM: `case-${portId}`, HOLD_APPEND_AFTER_VERSION: '2' });
    await first.waitFor(/^ready$/);

    // First ID card: approved, its card in production.
    const idCard = (await h.open(inputs.firstIdCard(), sh)).caseId;
    await h.waitFor(idCard, (s) => s.progress.photoLookup !== undefined);
    await h.act(idCard, 'capture-biometrics', { photo: 'new' }, sh);
    await h.act(idCard, 'accept', {}, sh);
    await h.act(idCard, 'sign-off', {}, gz);
    await h.act(idCard, 'approve', {}, sh);
    // Hukou migration and multi-entry visa: accepted, their register checks running.
    const hukou = (await h.open(inputs.hukouMigration(), gz)).caseId;
    await h.act(hukou, 'accept', {}, gz);
    const multi = (await h.open(inputs.multiEntryVisa(), gz)).caseId;
    await h.act(multi, 'accept', {}, gz);
    // Port visa with its 4-hour decision clock at x7200: SLA transitions fall due while no worker runs.
    // (accepted at lodging: its clock runs from the opening).
    const slaPort = (await h.open(inputs.portVisa(), gz, { timeScale: 7_200 })).caseId;
    // Port visa whose assignment is committed, unanswered, when the worker dies.
    await h.open(inputs.portVisa(), gz, { caseId: portId });
    let answered = false;
    const assigning = h.act(portId, 'assign', { assignee: gz.id }, gz).finally(() => (answered = true));
    assigning.catch(() => undefined); // awaited after the restart

    await first.waitFor(new RegExp(`^append-committed case-${portId} 3$`));
    for (const caseId of [hukou, multi, slaPort, portId]) await first.waitFor(new RegExp(`^task-started verifyRecord ${caseId}$`));
    await first.waitFor(new RegExp(`^task-started produceCard ${idCard}$`));
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const killedAt = Date.now();

    // What was committed stays committed, unanswered; the register checks and the card never came back.
    expect(answered).toBe(false);
    expect(await h.types(portId)).toEqual(['CaseOpened', 'CaseAccepted', 'CaseAssigned']);
    expect(await h.types(idCard)).not.toContain('CardProduced');
    for (const caseId of [hukou, multi, slaPort]) expect(await h.types(caseId)).not.toContain('RecordsVerified');

    const second = workers.spawn();
    await second.waitFor(/^ready$/);

    // The caller of the interrupted assignment gets its answer from the new worker.
    expect(await assigning).toMatchObject({ status: 'accepted', assignee: gz.id, version: 3 });
    const checked =
      (...keys: string[]) =>
      (s: CaseState) =>
        keys.every((k) => s.records[k] !== undefined);
    const recovery = { timeoutMs: 45_000 };
    await Promise.all([
      (async () => {
        await h.waitFor(portId, checked('inviting-company'), recovery);
        await h.act(portId, 'approve', {}, gz);
      })(),
      (async () => {
        await h.waitForStream(slaPort, (events) => slaEventsOf(events, 'decision').length >= 4, recovery);
        await h.waitFor(slaPort, checked('inviting-company'), recovery);
        await h.act(slaPort, 'approve', {}, gz);
      })(),
      (async () => {
        await h.waitFor(hukou, checked('population-register', 'residence-permit-records'), recovery);
        await h.act(hukou, 'approve', {}, gz);
        await h.act(hukou, 'confirm-move-out', {}, sh);
        await h.act(hukou, 'register-settlement', {}, gz);
      })(),
      (async () => {
        await h.waitFor(multi, checked('entry-record', 'inviting-company'), recovery);
        await h.act(multi, 'approve', {}, gz);
      })(),
      (async () => {
        await h.waitFor(idCard, (s) => s.progress.card !== undefined, recovery);
        await h.act(idCard, 'hand-over', {}, sh);
      })(),
    ]);
    const recoveredInMs = Date.now() - killedAt;

    for (const caseId of [idCard, hukou, multi, slaPort, portId]) {
      expect((await h.result(caseId)).status).toBe('completed');
      await expectStreamIntact(h, caseId); // versions 1..n, unique ids, = the workflow's appendedEvents
      const stream = await h.stream(caseId);
      expect(new Set(facts(stream)).size).toBe(stream.length);
      expect(count(stream, 'CaseOpened')).toBe(1);
      expect(count(stream, 'CaseCompleted')).toBe(1);
      const checks = stream.filter((e) => e.type === 'RecordsVerified').map((e) => (e.data as { key: string }).key);
      expect(new Set(checks).size).toBe(checks.length); // each register check recorded once
    }
    const port = await h.stream(portId);
    expect(count(port, 'CaseAccepted')).toBe(1); // the retried append was recognised, not repeated
    const card = await h.stream(idCard);
    expect([count(card, 'CardProductionRequested'), count(card, 'CardProduced'), count(card, 'CardDelivered')]).toEqual([1, 1, 1]);
    const slaStream = await h.stream(slaPort);
    const slaKinds = slaEventsOf(slaStream, 'decision');
    expect(slaKinds.slice(0, 4)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);
    // Level 2 then repeats until the case closes (docs/domain.md §1); each instant is recorded once.
    expect(slaKinds.slice(4).every((k) => k === 'SlaEscalated:2')).toBe(true);
    const dueAts = slaStream
      .filter((e) => e.type.startsWith('Sla'))
      .map((e) => `${(e.data as { clock: string }).clock}@${(e.data as { dueAt: string }).dueAt}`);
    expect(new Set(dueAts).size).toBe(dueAts.length);
    // The interrupted work was redone by the new worker.
    expect(second.lines).toEqual(expect.arrayContaining([`task-started produceCard ${idCard}`, `task-started verifyRecord ${hukou}`]));
    process.stdout.write(`worker-crash: recovered and finished every case ${recoveredInMs} ms after the kill\n`);
  }, 120_000);
});
