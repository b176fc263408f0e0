import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { DEFAULT_ACTIVATION_TIMEOUT_MS } from '../../apps/runtime/temporal';
import { installWorkflowSandbox, watchMainThreadWorkflows, workflowSandboxStatus } from '../../apps/runtime/workflow-sandbox';
import { postgresPids, startCpuMeter, temporalPids, type CpuGroups } from './cpu';
import { journeyArrivals, nextJourney } from './journeys';
import { format, runOpenLoop, sustained } from './open-loop';
import { ensureTemporal } from './server-profile';
import { placementOf, shapeActivities, shapedWorkflow, SHAPES as KNOWN_SHAPES, step, type Measured } from './shaped-workflow';

/**
 * bench/api/workflow-shapes: what each thing a case workflow does costs Temporal and the worker per update, apart
 * from casework's own code. Bare journeys (casework's mix: update-with-start, then one update per step) run at a
 * fixed rate, each shape adding one thing (bench/api/shaped-workflow.ts): a local activity before each answer (the
 * append), a timer cancelled and restarted by each update (an SLA instant moving), a change marker in the first task
 * (Temporal upserts its TemporalChangeVersion search attribute), the run ending in a task of its own, one activity
 * per journey (card production), an answer the size of a case's state (`case-sized-answer`, not in the default
 * list); `main-thread`, bare workflows on a worker that runs them in its main thread instead of a workflow thread
 * (the SDK's debugMode); `casework`, all of them together in the main thread as a case workflow does them, with none
 * of casework's code (what any case workflow of this design costs: the floor under bench:api's figures); and
 * `casework-without-append`, the same without the append's local activity. Every worker runs in the sandbox a case
 * worker has. Shapes alternate, BENCH_RUNS times (default 2); each figure is the lowest of its runs, with its ratio
 * to bare journeys' lowest in the same run of the bench.
 * Run: `node scripts/run.mjs bench/api/workflow-shapes` (dev server from the provisioned CLI, or TEMPORAL_ADDRESS
 * with BENCH_TEMPORAL_PIDS for another server). BENCH_RATE (default 30/s), BENCH_SECONDS (default 15), BENCH_SHAPES.
 */
const RATE = Number(process.env.BENCH_RATE ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RUNS = Math.max(2, Number(process.env.BENCH_RUNS ?? 2));
const SHAPES = (
  process.env.BENCH_SHAPES ?? 'bare,local-activity,timer-moved,change-marker,run-end-task,activity,main-thread,casework,casework-without-append'
).split(',');
const KNOWN: readonly string[] = [...KNOWN_SHAPES, 'main-thread'] satisfies Measured[];

async function main() {
  const unknown = SHAPES.filter((s) => !KNOWN.includes(s));
  if (unknown.length > 0) throw new Error(`BENCH_SHAPES: unknown ${unknown.join(', ')}; known: ${KNOWN.join(', ')}`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const temporal = await ensureTemporal();
  const taskQueue = `bench-shapes-${randomUUID()}`;
  // Both workers in the sandbox a case worker has (apps/runtime/workflow-sandbox: one watchdog per call into workflow
  // code, no stack-trace promise hook), with its activation timeout.
  installWorkflowSandbox({ stackTraces: false, mainThread: true });
  const workerFor = async (mainThread: boolean) => {
    const options: WorkerOptions & { isolateExecutionTimeout: number } = {
      connection: await NativeConnection.connect({ address: temporal.address }),
      taskQueue: `${taskQueue}${mainThread ? '-main' : ''}`,
      workflowsPath: require.resolve('./shaped-workflow'),
      activities: shapeActivities,
      debugMode: mainThread,
      isolateExecutionTimeout: DEFAULT_ACTIVATION_TIMEOUT_MS,
    };
    const worker = await Worker.create(options);
    if (mainThread) watchMainThreadWorkflows(worker, DEFAULT_ACTIVATION_TIMEOUT_MS);
    await workflowSandboxStatus(worker); // throws unless the sandbox is in effect
    return worker;
  };
  const workers = [await workerFor(false), await workerFor(true)];
  const running = workers.map((w) => w.run());
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const cpu: CpuGroups = {
    temporal: () => temporalPids(temporal.child?.pid),
    "Temporal's PostgreSQL": () => postgresPids('temporal', ''),
    'client + worker': () => [process.pid],
  };
  const lowest = new Map<Measured, { temporal: number; worker: number }>();
  const journeys = (shape: Measured) => {
    const { shape: workflowShape, mainThread } = placementOf(shape);
    const queue = `${taskQueue}${mainThread ? '-main' : ''}`;
    return journeyArrivals(
      async (n) => {
        const steps = nextJourney(n).length;
        const workflowId = `shape-${randomUUID()}`;
        const start = new WithStartWorkflowOperation(shapedWorkflow, {
          workflowId,
          taskQueue: queue,
          args: [steps, workflowShape],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        await client.workflow.executeUpdateWithStart(step, { args: [0], startWorkflowOperation: start });
        return { sent: true, journey: steps > 1 ? { workflowId, left: steps - 1 } : undefined };
      },
      async (j) => {
        await client.workflow.getHandle(j.workflowId).executeUpdate(step, { args: [j.left] });
        return { sent: true, left: j.left > 1 ? { workflowId: j.workflowId, left: j.left - 1 } : undefined };
      },
    );
  };
  try {
    // Both workers warm (their bundles loaded, the server's caches filled) before anything is counted.
    for (const shape of ['bare', 'main-thread'] as const) await runOpenLoop(RATE, 5, journeys(shape));
    for (let run = 1; run <= RUNS; run++) {
      for (const shape of SHAPES as Measured[]) {
        const stop = startCpuMeter(cpu);
        const result = await runOpenLoop(RATE, SECONDS, journeys(shape));
        // The last runs end, their timers and activities settle: counted with the updates that caused them.
        await new Promise((r) => setTimeout(r, 2000));
        const used = stop?.();
        if (!used) throw new Error('this bench reads process CPU from /proc');
        const commands = result.completed + result.failed;
        const perCommand = (s: number) => (s * 1000) / commands;
        const figures = { temporal: perCommand(used.temporal + used["Temporal's PostgreSQL"]), worker: perCommand(used['client + worker']) };
        console.log(
          `run ${run} ${shape.padEnd(17)} ${format(result)}${sustained(result) ? '' : ' (not sustained)'}; per update: Temporal ${figures.temporal.toFixed(2)} ms, client + worker ${figures.worker.toFixed(2)} ms`,
        );
        const before = lowest.get(shape);
        lowest.set(shape, { temporal: Math.min(before?.temporal ?? Infinity, figures.temporal), worker: Math.min(before?.worker ?? Infinity, figures.worker) });
      }
    }
  } finally {
    for (const w of workers) w.shutdown();
    await Promise.all(running);
    await client.connection.close();
    temporal.child?.kill();
  }
  const bare = lowest.get('bare');
  console.log(`\n# ${RATE} updates/s, ${SECONDS} s per shape, ${RUNS} runs alternating; the lowest of each, and its ratio to bare journeys`);
  for (const [shape, f] of lowest) {
    const ratio = (x: number, b?: number) => (b ? ` (${(x / b).toFixed(2)}×)` : '');
    console.log(
      `${shape.padEnd(17)} Temporal ${f.temporal.toFixed(2)} ms${ratio(f.temporal, bare?.temporal)}  client + worker ${f.worker.toFixed(2)} ms${ratio(f.worker, bare?.worker)}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
