/**
 * Runs first in every workflow thread of a case worker (see ./index.ts for why and for the pins), then hands
 * the thread to the SDK's own workflow-worker-thread module. Only Node and the SDK's own modules may be
 * imported here: this file is loaded into the bare thread, before anything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerThreadRequest } from '@temporalio/worker/lib/workflow/workflow-worker-thread/input';
import { leaveOutStackTracePromiseHook, promiseHookInstalled } from './promise-hook';
import { SANDBOX_STATUS_REQUEST, type SandboxStatus, type SandboxThreadData } from './protocol';
import { counts, dropWatchdogsInsideWatchedCalls, runWatched } from './watchdog';

const data = (workerData as { caseworkWorkflowSandbox?: SandboxThreadData }).caseworkWorkflowSandbox;
if (!data || !parentPort) throw new Error(`${__filename} runs only as a workflow thread started by apps/runtime/workflow-sandbox`);
const port = parentPort;

/** The requests in which the SDK calls into workflow code: each gets one watchdog for all its calls. */
const WATCHED = new Set(['create-workflow', 'activate-workflow', 'dispose-workflow']);

/** The watchdog's limit, from the SDK's init request (the worker's isolateExecutionTimeout). */
let limitMs: number | undefined;

dropWatchdogsInsideWatchedCalls();

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
    // The SDK's listener is async: everything it does in the sandbox happens inside this call (see runWatched).
    const outcome = runWatched(limitMs, () => void sdkListener(request));
    if (outcome.finished) return;
    // Stopped mid-request: the SDK's listener will never answer. Answer as it does for a failed request
    // (the worker then fails this workflow task, and Temporal retries it).
    const { error } = outcome;
    port.postMessage({ requestId: request.requestId, result: { type: 'error', name: error.name, message: error.message, stack: error.stack } });
  };
}

function status(): SandboxStatus {
  return { stackTraces: promiseHookInstalled(), watchdogMs: limitMs, ...counts };
}

if (!data.stackTraces) leaveOutStackTracePromiseHook();

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
