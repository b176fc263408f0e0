/**
 * Runs first in every workflow thread of a case worker (see ./index.ts for why and for the pins), then hands
 * the thread to the SDK's own workflow-worker-thread module. Only Node and the SDK's own modules may be
 * imported here: this file is loaded into the bare thread, before anything else.
 */
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { GlobalHandlers, globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';
import type { WorkerThreadRequest } from '@temporalio/worker/lib/workflow/workflow-worker-thread/input';
import { SANDBOX_STATUS_REQUEST, type SandboxStatus, type SandboxThreadData } from './protocol';

const data = (workerData as { caseworkWorkflowSandbox?: SandboxThreadData }).caseworkWorkflowSandbox;
if (!data || !parentPort) throw new Error(`${__filename} runs only as a workflow thread started by apps/runtime/workflow-sandbox`);
const port = parentPort;

/** The requests in which the SDK calls into workflow code: each gets one watchdog for all its calls. */
const WATCHED = new Set(['create-workflow', 'activate-workflow', 'dispose-workflow']);

const counts = { requestsWatched: 0, callsUnderRequestWatchdog: 0, callsWithOwnWatchdog: 0, timeouts: 0 };
/** The watchdog's limit, from the SDK's init request (the worker's isolateExecutionTimeout). */
let limitMs: number | undefined;
/** The limit of the request watchdog now running, if any. */
let watching: number | undefined;

// One watchdog per request instead of one per call. The SDK enters the sandbox several times for each
// activation (activate, unblock conditions until none, conclude), each through vm's `timeout`, and Node
// starts and joins a watchdog thread for every such call (nodejs/node#47739): about 0.1 ms of CPU and
// 0.2–0.3 ms of wall time each, here. Inside a request's watchdog the per-call one is dropped: the request's
// covers the same code, with the same limit, from an earlier start. Calls outside any request watchdog (the
// bundle's preloaded modules at init) keep their own.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the script as `this`
const runInContext = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function runInContextUnderRequestWatchdog(context, options): unknown {
  if (options?.timeout !== undefined && watching !== undefined && options.timeout <= watching) {
    counts.callsUnderRequestWatchdog++;
    return runInContext.call(this, context, { ...options, timeout: undefined }) as unknown;
  }
  if (options?.timeout !== undefined) counts.callsWithOwnWatchdog++;
  return runInContext.call(this, context, options) as unknown;
};

const RUN = Symbol.for('casework.workflowSandbox.run');
const underWatchdog = new vm.Script(`globalThis[Symbol.for('casework.workflowSandbox.run')]()`, { filename: 'casework-request-watchdog' });

/**
 * Runs `fn` under one watchdog of `timeoutMs`. A workflow stuck in a loop anywhere in it is stopped, and the
 * error says so, as the SDK's per-call watchdog did. Returns whether `fn` ran to its end.
 */
function runWatched(timeoutMs: number, fn: () => void): { finished: true } | { finished: false; error: Error } {
  let finished = false;
  (globalThis as Record<symbol, unknown>)[RUN] = () => {
    fn();
    finished = true;
  };
  watching = timeoutMs;
  try {
    underWatchdog.runInThisContext({ timeout: timeoutMs });
    return { finished: true };
  } catch (error) {
    // A timeout that fired as `fn` returned changes nothing: the SDK answers the request itself.
    if (finished) return { finished: true };
    return { finished: false, error: error as Error };
  } finally {
    watching = undefined;
    delete (globalThis as Record<symbol, unknown>)[RUN];
  }
}

type Listener = (request: WorkerThreadRequest) => unknown;

function watchRequests(sdkListener: Listener): Listener {
  return (request) => {
    const input = request.input as WorkerThreadRequest['input'] | { type: typeof SANDBOX_STATUS_REQUEST };
    if (input.type === SANDBOX_STATUS_REQUEST) {
      port.postMessage({ requestId: request.requestId, result: { type: 'ok', output: status() } });
      return;
    }
    if (input.type === 'init') limitMs = input.isolateExecutionTimeoutMs;
    if (!WATCHED.has(input.type) || limitMs === undefined) return sdkListener(request);
    counts.requestsWatched++;
    // The SDK's listener is async: everything it does in the sandbox happens before its first await that
    // waits for the event loop, that is, inside this call.
    const outcome = runWatched(limitMs, () => void sdkListener(request));
    if (outcome.finished) return;
    // Stopped mid-request: the SDK's listener will never answer. Answer as it does for a failed request
    // (the worker then fails this workflow task, and Temporal retries it).
    counts.timeouts++;
    const { error } = outcome;
    port.postMessage({ requestId: request.requestId, result: { type: 'error', name: error.name, message: error.message, stack: error.stack } });
  };
}

function status(): SandboxStatus {
  return { stackTraces: globalHandlers.promiseHookInstalled, watchdogMs: limitMs, ...counts };
}

if (!data.stackTraces) {
  // The SDK's promise hook records a source-mapped stack for every promise a workflow creates, for the
  // `__stack_trace` query (temporalio/sdk-typescript#1587); it has no option to leave it out. Without it the
  // SDK tells the workflows that stack traces are off (as on runtimes without promise hooks), and the query
  // answers "Workflow stack traces are not enabled on this worker". Errors keep their source-mapped stacks
  // (that is the SDK's Error.prepareStackTrace, installed with the hook but apart from it).
  if (typeof (GlobalHandlers.prototype as unknown as Record<string, unknown>).setPromiseHook !== 'function') {
    throw new Error('the Temporal SDK no longer has GlobalHandlers.setPromiseHook: check apps/runtime/workflow-sandbox against this SDK version');
  }
  Object.defineProperty(globalHandlers, 'setPromiseHook', { value: () => undefined });
}

// The SDK's thread module registers exactly one message listener when it loads: wrap it.
let wrapped = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- put back below, and called with the port as `this`
const on = port.on;
port.on = function onMessage(this: typeof port, event: string, listener: (request: WorkerThreadRequest) => void) {
  if (event === 'message') {
    wrapped++;
    return on.call(this, event, watchRequests(listener));
  }
  return on.call(this, event, listener);
} as typeof port.on;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's thread module must load here, after the patches above
  require(data.sdkThreadModule);
} finally {
  port.on = on;
}
if (wrapped !== 1) {
  throw new Error(
    `the Temporal SDK's workflow thread registered ${wrapped} message listeners, not 1: check apps/runtime/workflow-sandbox against this SDK version`,
  );
}
