// The fault suite's diagnostics (test/faults/diagnose.ts) on the test run's real Temporal server: a workflow whose
// task nobody takes is a stuck case as the suite meets it, and its history must be written where the logs stay.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { nondeterministicTasks, saveStuckHistories } from './diagnose';

describe('fault suite diagnostics', () => {
  const address = process.env.TEMPORAL_ADDRESS!;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'casework-diagnose-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a stuck case's history and says where its run is", async () => {
    const connection = await Connection.connect({ address });
    const client = new WorkflowClient({ connection, namespace: 'default' });
    const caseId = randomUUID();
    try {
      // No worker polls this queue: the run stays RUNNING with its first workflow task waiting.
      await client.start('caseWorkflow', { taskQueue: `diagnose-${caseId}`, workflowId: caseId, args: [{ caseId }] });
      const missing = randomUUID();
      const runs = await saveStuckHistories(address, [caseId, missing], dir);

      expect(runs[0]).toEqual({ caseId, summary: 'RUNNING, workflow task attempt 1', file: join(dir, `stuck-${caseId}.history.json`) });
      const history = JSON.parse(readFileSync(runs[0].file!, 'utf8')) as { events: Array<{ eventType: string }> };
      expect(history.events.map((e) => e.eventType)).toEqual(['EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED']);
      // A case Temporal does not know is reported, not thrown: the others are still written.
      expect(runs[1].caseId).toBe(missing);
      expect(runs[1].summary).toMatch(/^not read: /);
      expect(runs[1].file).toBeUndefined();
    } finally {
      await client
        .getHandle(caseId)
        .terminate('test over')
        .catch(() => undefined);
      await connection.close();
    }
  });

  it('counts the workflow tasks the worker failed as nondeterministic', () => {
    const log = join(dir, 'worker.log');
    writeFileSync(
      log,
      [
        'WARN Failing workflow task run_id=1 failure=Failure { message: "[TMPRL1100] Nondeterminism error: Invalid transition" }',
        'ERROR Trying to send a new WFT for a run which already has one!',
        'WARN Failing workflow task run_id=2 failure=Failure { message: "[TMPRL1100] Nondeterminism error: Invalid transition" }',
        'WARN [TMPRL1104] Workflow task duration exceeded 5 seconds.',
      ].join('\n'),
    );
    expect(nondeterministicTasks(log)).toBe(2);
    expect(nondeterministicTasks(join(dir, 'no-such.log'))).toBe(0);
  });
});
