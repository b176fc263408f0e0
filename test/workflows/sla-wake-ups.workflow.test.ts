// What a case decides when its SLA timer rings must follow from its history alone. A wake-up decided at the
// clock of the workflow task that runs it decides more or fewer repeated escalations depending on when that task
// runs, so a task retried after its append committed (a worker crash) decided another batch than the one the
// store holds. Each wake-up now decides the transitions due at the instant its timer was set for.
import type { RecordedEvent } from '../../event-store/types';
import { slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, inputs } from './scenarios';

const officer = caseworker(GUANGZHOU_TIANHE);

describe('SLA wake-ups on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('decides each wake-up at the instant its timer was set for, however late the workflow task runs', async () => {
    // At x200,000,000 the level-2 escalation's repeat (every passed-deadline interval, weeks of business time)
    // comes round in a few ms of wall time, faster than a workflow task round trip: a wake-up decided at its task's
    // clock would find several repeats due at once.
    const { caseId } = await h.open(inputs.portVisa(), officer, { timeScale: 200_000_000 });
    await h.waitForStream(caseId, (es) => slaEventsOf(es, 'decision').length >= 8, { timeoutMs: 60_000 });
    await h.waitFor(caseId, (s) => s.records['inviting-company'] !== undefined);
    await h.act(caseId, 'approve', {}, officer);
    expect((await h.result(caseId)).status).toBe('completed');
    const events = await h.stream(caseId);

    const sla = events.filter((e) => e.type.startsWith('Sla') && (e.data as { clock: string }).clock === 'decision');
    expect(slaEventsOf(events, 'decision').slice(0, 4)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated:1', 'SlaEscalated:2']);
    // One wake-up, one batch: every event of a batch was due at the one instant its timer was set for.
    const instantsPerBatch = new Map<string, Set<string>>();
    for (const e of sla) {
      const batch = instantsPerBatch.get(e.metadata.commandId) ?? new Set<string>();
      batch.add(dueAt(e));
      instantsPerBatch.set(e.metadata.commandId, batch);
    }
    const mixed = [...instantsPerBatch.values()].filter((instants) => instants.size > 1).map((instants) => [...instants]);
    expect(mixed).toEqual([]);
    // Nothing skipped or recorded twice: the due instants are distinct and in order.
    const dues = sla.map(dueAt);
    expect(new Set(dues).size).toBe(dues.length);
    expect([...dues].sort()).toEqual(dues);
    await expectStreamIntact(h, caseId);
  }, 90_000);
});

const dueAt = (e: RecordedEvent) => `${(e.data as { clock: string }).clock}@${(e.data as { dueAt: string }).dueAt}`;
