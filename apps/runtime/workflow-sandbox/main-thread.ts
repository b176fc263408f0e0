/**
 * The case worker's workflows in its main thread, in the SDK's reusable V8 context (as the SDK's debug mode and its
 * replayer run them), instead of a workflow thread: each activation then costs no hand-over to another thread and
 * back (the activation cloned across, a second round trip for the workflow's sink calls, both threads woken). Measured
 * with `BENCH_CPU_RATE=8 BENCH_SECONDS=20 npm run bench:api`, alternately, two invocations each: the worker's CPU
 * per command 29.9/30.1 ms with a workflow thread, 23.3/22.8 ms in the main thread (docs/benchmarks.md).
 *
 * The same two changes as ./thread.ts make to a workflow thread: one watchdog per call from the worker into workflow
 * code (create, activate, dispose), and no stack-trace promise hook unless asked for. A workflow stuck in a loop still
 * fails its workflow task with the watchdog's error, and the worker serves on. While an activation runs, the worker's
 * main thread does nothing else; a case's activation takes milliseconds.
 */
import type { Worker } from '@temporalio/worker';
import type { Workflow, WorkflowCreator } from '@temporalio/worker/lib/workflow/interface';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { leaveOutStackTracePromiseHook, promiseHookInstalled } from './promise-hook';
import type { SandboxStatus } from './protocol';
import { counts, dropWatchdogsInsideWatchedCalls, runWatched } from './watchdog';

/** The creators wrapped here, with their watchdog limit. */
const watched = new WeakMap<object, number>();
let prepared = false;

/**
 * Before the worker is created (the SDK installs its handlers in this thread as it creates its workflow creator):
 * calls into workflow code inside a watched call start no watchdog of their own, and the promise hook is left out
 * unless `withStackTraces`. Idempotent: ./index.ts refuses a second call with another choice.
 */
export function prepareMainThread(withStackTraces: boolean): void {
  if (prepared) return;
  if (!withStackTraces) leaveOutStackTracePromiseHook();
  dropWatchdogsInsideWatchedCalls();
  prepared = true;
}

/**
 * Puts every call of `worker` into its workflows' code under one watchdog of `limitMs`. Call after Worker.create and
 * before run(). Throws unless the worker runs its workflows in this thread's reusable V8 context, prepared above.
 */
export function watchMainThreadWorkflows(worker: Worker, limitMs: number): void {
  const creator = creatorOf(worker);
  if (!(creator instanceof ReusableVMWorkflowCreator) || !prepared) {
    throw new Error('the Temporal worker does not run its workflows in a main thread prepared by apps/runtime/workflow-sandbox (prepareMainThread, debugMode)');
  }
  const create = creator.createWorkflow.bind(creator);
  creator.createWorkflow = (options) => watchedCall(limitMs, () => create(options)).then((workflow) => watchWorkflow(workflow, limitMs));
  watched.set(creator, limitMs);
}

/** What the main thread reports, or undefined unless `worker`'s workflows run there under watchMainThreadWorkflows. */
export function mainThreadStatus(worker: Worker): SandboxStatus | undefined {
  const limitMs = watched.get(creatorOf(worker) ?? {});
  return limitMs === undefined ? undefined : { stackTraces: promiseHookInstalled(), watchdogMs: limitMs, ...counts };
}

const creatorOf = (worker: Worker) => (worker as unknown as { workflowCreator?: WorkflowCreator }).workflowCreator;

function watchWorkflow(workflow: Workflow, limitMs: number): Workflow {
  const activate = workflow.activate.bind(workflow);
  const dispose = workflow.dispose.bind(workflow);
  workflow.activate = (activation) => watchedCall(limitMs, () => activate(activation));
  workflow.dispose = () => watchedCall(limitMs, () => dispose());
  return workflow;
}

/**
 * `call` (an async SDK method) under one watchdog. The SDK does all it does in the sandbox before its first await
 * that waits for the event loop, so the watchdog covers it. Stopped midway, the SDK's promise never settles: the
 * call fails with the watchdog's error instead (for an activation, the SDK then fails the workflow task, and
 * Temporal retries it).
 */
function watchedCall<T>(limitMs: number, call: () => Promise<T>): Promise<T> {
  let result: Promise<T> | undefined;
  const outcome = runWatched(limitMs, () => {
    result = call();
  });
  return outcome.finished ? result! : Promise.reject(outcome.error);
}
