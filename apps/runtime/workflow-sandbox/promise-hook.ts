/**
 * Leaves out the SDK's stack-trace promise hook, in the thread that runs workflow code (./thread.ts, ./main-thread.ts).
 * Only Node's and the SDK's modules may be imported here: ./thread.ts loads this into the bare thread.
 */
import { GlobalHandlers, globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

/**
 * The SDK's promise hook records a source-mapped stack for every promise a workflow creates, for the `__stack_trace`
 * query (temporalio/sdk-typescript#1587); it has no option to leave it out. Without it the SDK tells the workflows that
 * stack traces are off (as on runtimes without promise hooks), and the query answers "Workflow stack traces are not
 * enabled on this worker". Errors keep their source-mapped stacks (that is the SDK's Error.prepareStackTrace,
 * installed with the hook but apart from it).
 */
export function leaveOutStackTracePromiseHook(): void {
  if (typeof (GlobalHandlers.prototype as unknown as Record<string, unknown>).setPromiseHook !== 'function') {
    throw new Error('the Temporal SDK no longer has GlobalHandlers.setPromiseHook: check apps/runtime/workflow-sandbox against this SDK version');
  }
  if (globalHandlers.promiseHookInstalled) {
    // Installed by a worker that ran workflows in this thread before (the SDK's replayer does, in its debug mode).
    (globalHandlers as unknown as { stopPromiseHook(): void }).stopPromiseHook();
    globalHandlers.promiseHookInstalled = false;
  }
  Object.defineProperty(globalHandlers, 'setPromiseHook', { value: () => undefined });
}

/** Whether the SDK's stack-trace promise hook is installed in this thread. */
export const promiseHookInstalled = () => globalHandlers.promiseHookInstalled;
