/** What the main thread and the workflow threads of ./index.ts and ./thread.ts say to each other. */

/** A request type of our own, answered by ./thread.ts before the SDK sees it. */
export const SANDBOX_STATUS_REQUEST = 'casework-sandbox-status';

/** Given to each workflow thread in `workerData.caseworkWorkflowSandbox`. */
export interface SandboxThreadData {
  /** The SDK's own workflow thread module, which ./thread.ts loads once it has patched. */
  sdkThreadModule: string;
  /** Keep the SDK's promise hook, for the `__stack_trace` query (costly: see ./thread.ts). */
  stackTraces: boolean;
}

/** A workflow thread's own account of what is in effect in it. */
export interface SandboxStatus {
  /** Whether the SDK's stack-trace promise hook is installed. */
  stackTraces: boolean;
  /** The request watchdog's limit, once the SDK's init request has set it. */
  watchdogMs: number | undefined;
  requestsWatched: number;
  /** Calls into the sandbox that ran under their request's watchdog instead of starting their own. */
  callsUnderRequestWatchdog: number;
  /** Calls into the sandbox that started their own watchdog (outside any request watchdog). */
  callsWithOwnWatchdog: number;
  /** Requests stopped by the watchdog. */
  timeouts: number;
}
