// The workflow shapes bench/api/workflow-shapes measures, against the real Temporal server: each shape's history
// holds what a case workflow's would (its local activities, its activity, its timers, its change marker), so that the
// figures the benchmark prints are those of the shape it names.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { placementOf, shapeActivities, shapedWorkflow, step, type Shape } from '../../bench/api/shaped-workflow';

describe('the workflow shapes of bench/api/workflow-shapes', () => {
  const taskQueue = `shapes-${randomUUID()}`;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;

  beforeAll(async () => {
    const address = process.env.TEMPORAL_ADDRESS!;
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed already in this process
    }
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../bench/api/shaped-workflow'), logger: new DefaultLogger('WARN') });
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address }),
      taskQueue,
      workflowBundle: { code: bundle.code },
      activities: shapeActivities,
    });
    running = worker.run();
    client = new Client({ connection: await Connection.connect({ address }) });
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await worker?.connection?.close();
    await client?.connection.close();
  });

  /** A journey of three updates on a workflow of `shape`; what its history holds, counted by kind. */
  async function journey(shape: Shape) {
    const workflowId = `shape-${randomUUID()}`;
    const start = new WithStartWorkflowOperation(shapedWorkflow, { workflowId, taskQueue, args: [3, shape], workflowIdConflictPolicy: 'USE_EXISTING' });
    await client.workflow.executeUpdateWithStart(step, { args: [0], startWorkflowOperation: start });
    const handle = client.workflow.getHandle(workflowId);
    await handle.executeUpdate(step, { args: [1] });
    await handle.executeUpdate(step, { args: [2] });
    await handle.result();
    const events = (await handle.fetchHistory()).events ?? [];
    const markers = (name: string) => events.filter((e) => e.markerRecordedEventAttributes?.markerName === name).length;
    return {
      localActivities: markers('core_local_activity'),
      changeMarkers: markers('core_patch'),
      activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
      timersFired: events.filter((e) => e.timerFiredEventAttributes).length,
      updates: events.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes).length,
    };
  }

  it('bare: three updates and nothing else', async () => {
    expect(await journey('bare')).toEqual({ localActivities: 0, changeMarkers: 0, activities: 0, timersFired: 0, updates: 3 });
  });

  it("casework: the opening's reads and an append per update, the activity's result appended, a change, the run-end timer", async () => {
    expect(await journey('casework')).toEqual({ localActivities: 1 + 3 + 1, changeMarkers: 1, activities: 1, timersFired: 1, updates: 3 });
  });

  it("casework without the append: the same, with the opening's reads its only local activity", async () => {
    expect(await journey('casework-without-append')).toEqual({ localActivities: 1, changeMarkers: 1, activities: 1, timersFired: 1, updates: 3 });
  });

  it('runs the case-shaped workflows in the main thread, as a case worker does, and each shape as named', () => {
    expect(placementOf('casework')).toEqual({ shape: 'casework', mainThread: true });
    expect(placementOf('casework-without-append')).toEqual({ shape: 'casework-without-append', mainThread: true });
    expect(placementOf('main-thread')).toEqual({ shape: 'bare', mainThread: true });
    expect(placementOf('local-activity')).toEqual({ shape: 'local-activity', mainThread: false });
  });
});
