/**
 * One watchdog per call from the worker into workflow code, instead of one per call into the sandbox, for both ways
 * the case worker runs its workflows (./thread.ts in a workflow thread, ./main-thread.ts in the main thread). Only
 * Node's modules may be imported here: ./thread.ts loads this into the bare thread, before anything else.
 *
 * The SDK enters the sandbox several times for each activation (activate, unblock conditions until none, conclude),
 * each through vm's `timeout`, and Node starts and joins a watchdog thread for every such call (nodejs/node#47739):
 * about 0.1 ms of CPU and 0.2–0.3 ms of wall time each, here. Inside a watched call the per-call one is dropped: the
 * outer watchdog covers the same code, with the same limit, from an earlier start. Calls outside any (the bundle's
 * preloaded modules at start) keep their own.
 */
import vm from 'node:vm';

export const counts = { requestsWatched: 0, callsUnderRequestWatchdog: 0, callsWithOwnWatchdog: 0, timeouts: 0 };
/** The limit of the watchdog now running, if any. */
let watching: number | undefined;
let installed = false;

// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the script as `this`
const runInContext = vm.Script.prototype.runInContext;

/** Makes calls into the sandbox inside `runWatched` run without their own watchdog. Idempotent, for this thread. */
export function dropWatchdogsInsideWatchedCalls(): void {
  if (installed) return;
  installed = true;
  vm.Script.prototype.runInContext = function runInContextUnderRequestWatchdog(context, options): unknown {
    if (options?.timeout !== undefined && watching !== undefined && options.timeout <= watching) {
      counts.callsUnderRequestWatchdog++;
      return runInContext.call(this, context, { ...options, timeout: undefined }) as unknown;
    }
    if (options?.timeout !== undefined) counts.callsWithOwnWatchdog++;
    return runInContext.call(this, context, options) as unknown;
  };
}

// The watched call is entered from a context of its own, which holds only the function to call: the watchdog stops
// whatever runs in the thread meanwhile, in any context. (Not this thread's global: under a test runner's module
// sandbox, code does not see the global `runInThisContext` runs in.)
const watchContext = vm.createContext({ run: undefined as (() => void) | undefined });
const underWatchdog = new vm.Script('run()', { filename: 'casework-request-watchdog' });

/**
 * Runs `fn` under one watchdog of `timeoutMs`. A workflow stuck in a loop anywhere in it is stopped, and the error says
 * so, as the SDK's per-call watchdog did. Returns whether `fn` ran to its end. Everything the SDK does in the sandbox
 * for one call happens before its first await that waits for the event loop, that is, inside `fn`.
 */
export function runWatched(timeoutMs: number, fn: () => void): { finished: true } | { finished: false; error: Error } {
  let finished = false;
  let thrown: { error: unknown } | undefined;
  watchContext.run = () => {
    try {
      fn();
    } catch (error) {
      // Thrown by `fn` itself (a stopped call cannot be caught): the caller's, as if unwatched.
      thrown = { error };
    }
    finished = true;
  };
  watching = timeoutMs;
  counts.requestsWatched++;
  try {
    // The unpatched method: this call keeps its watchdog, the ones inside it drop theirs.
    runInContext.call(underWatchdog, watchContext, { timeout: timeoutMs });
  } catch (error) {
    // A timeout that fired as `fn` returned changes nothing: the SDK answers the call itself.
    if (finished) return { finished: true };
    counts.timeouts++;
    return { finished: false, error: error as Error };
  } finally {
    watching = undefined;
    watchContext.run = undefined;
  }
  if (thrown) throw thrown.error;
  return { finished: true };
}
