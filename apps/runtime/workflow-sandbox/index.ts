/**
 * The Temporal SDK's workflow sandbox, without two of its costs, for the case workers (docs/architecture.md,
 * "Workflow sandbox"). A profile of the worker under load put about 30% of its workflow thread's CPU in the
 * SDK's per-call watchdog (each call into the sandbox starts and joins a watchdog thread) and about 24% in its
 * stack-trace promise hook (temporalio/sdk-typescript#1587). SDK 1.24 has no option for either, so this
 * replaces how the SDK starts its workflow threads: each thread first runs ./thread.ts, which keeps one
 * watchdog per request to the thread (a workflow stuck in a loop still fails its task) and leaves the promise
 * hook out (the `__stack_trace` query answers that stack traces are off, unless `stackTraces` is set), then
 * hands the thread to the SDK's own module. A case worker runs its workflows in its main thread by default
 * (./main-thread.ts, which saves the hand-over to a workflow thread and back), with the same two changes there.
 *
 * It reaches into the SDK's internals, so it is pinned: `installWorkflowSandbox` refuses any other SDK version
 * or any change to the SDK files it relies on, and `workflowSandboxStatus` refuses a worker whose threads do
 * not report it in effect. An SDK upgrade therefore stops the worker at start until this is checked again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Worker as NodeWorker } from 'node:worker_threads';
import type { Worker } from '@temporalio/worker';
import { ThreadedVMWorkflowCreator, WorkerThreadClient, type ThreadedVMWorkflowCreatorOptions } from '@temporalio/worker/lib/workflow/threaded-vm';
import type { WorkerThreadInput } from '@temporalio/worker/lib/workflow/workflow-worker-thread/input';
import { mainThreadStatus, prepareMainThread } from './main-thread';
import { SANDBOX_STATUS_REQUEST, type SandboxStatus, type SandboxThreadData } from './protocol';

export { watchMainThreadWorkflows } from './main-thread';

/** The SDK version this is written against, and the SDK files whose code it relies on, by SHA-256. */
export const PINNED_SDK_VERSION = '1.24.0';
const PINNED_FILES: Record<string, string> = {
  'lib/workflow/threaded-vm.js': 'c0c76241f3c3e25b39fed3893035370188088b95b0f276ec4e423aec8c912d3b',
  'lib/workflow/workflow-worker-thread.js': '90673d5b74aa51fdf66e4435c8f73d8a003e892ec9826866fe07ef6251089052',
  'lib/workflow/vm-shared.js': 'f526eb66f88dd444a23e9862911b69db584dacdd7fab118ac53acd521344026c',
  'lib/workflow/reusable-vm.js': '1f6ec7d347dee4b48fc8ca14a1c3dd7ed1c82abd45175669e13c78aa1164ec68',
  // Where the worker keeps its workflow creator, and chooses the reusable V8 context in the main thread (debug mode).
  'lib/worker.js': '22be0b343e997093818ce361763814bbf0e4771096b1bb5f9a0264a4e2c4ae0b',
};

const SDK_DIR = dirname(require.resolve('@temporalio/worker/package.json'));
const SDK_THREAD_MODULE = require.resolve('@temporalio/worker/lib/workflow/workflow-worker-thread');

/** This directory's thread entry, compiled (dist) or as TypeScript (development and tests, with the same hook). */
const THREAD_MODULE = join(__dirname, `thread${extname(__filename)}`);
const TS_HOOK = extname(__filename) === '.ts' ? join(__dirname, '..', '..', '..', 'scripts', 'lib', 'register-ts.cjs') : undefined;
const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
const { tsHook, threadModule } = workerData.caseworkWorkflowSandboxBoot;
if (tsHook) require(tsHook);
require(threadModule);`;

export interface WorkflowSandboxOptions {
  /** Keep the SDK's stack-trace promise hook, for the `__stack_trace` query (TEMPORAL_WORKFLOW_STACK_TRACES). */
  stackTraces: boolean;
  /** Run the workflows in the worker's main thread (./main-thread.ts) instead of workflow threads (./thread.ts). */
  mainThread: boolean;
}

let installed: Pick<WorkflowSandboxOptions, 'stackTraces'> | undefined;
/** The creators whose every thread reported the sandbox in effect, with what they reported. */
const checked = new WeakMap<object, SandboxStatus[]>();

/**
 * Throws unless the installed SDK is exactly the one this was written against. `pins` replaces the pinned
 * version or file hashes (for its test).
 */
export function checkPinnedSdk(pins: { version?: string; files?: Record<string, string> } = {}): void {
  const pinnedVersion = pins.version ?? PINNED_SDK_VERSION;
  const version = (JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  const changed = Object.entries({ ...PINNED_FILES, ...pins.files })
    .filter(
      ([file, sha256]) =>
        createHash('sha256')
          .update(readFileSync(join(SDK_DIR, file)))
          .digest('hex') !== sha256,
    )
    .map(([file]) => file);
  if (version !== pinnedVersion || changed.length > 0) {
    throw new Error(
      `apps/runtime/workflow-sandbox is written for @temporalio/worker ${pinnedVersion}; installed: ${version}` +
        (changed.length ? `, with changed ${changed.join(', ')}` : '') +
        '. Check whether the SDK now has options for its watchdog and promise hook (temporalio/sdk-typescript#1587), then re-pin or remove this patch.',
    );
  }
}

/**
 * From now on, every Temporal worker this process creates with workflow threads (the SDK's default) starts them
 * through ./thread.ts; with `mainThread`, this thread is also prepared for workers that run their workflows here
 * (./main-thread.ts: create them in debug mode, then `watchMainThreadWorkflows`). Idempotent; the stack-trace choice
 * of the first call holds for the process.
 */
export function installWorkflowSandbox(options: WorkflowSandboxOptions): void {
  if (installed && installed.stackTraces !== options.stackTraces) throw new Error('the workflow sandbox is installed already, with other options');
  if (!installed) {
    checkPinnedSdk();
    installed = { stackTraces: options.stackTraces };
    ThreadedVMWorkflowCreator.create = createSandboxedThreads;
  }
  if (options.mainThread) prepareMainThread(options.stackTraces);
}

/**
 * ThreadedVMWorkflowCreator.create of SDK 1.24.0 (lib/workflow/threaded-vm.js), except that each thread starts
 * at BOOTSTRAP, and that the creator is handed over only once each thread has reported the sandbox in effect.
 */
async function createSandboxedThreads(options: ThreadedVMWorkflowCreatorOptions): Promise<ThreadedVMWorkflowCreator> {
  const { threadPoolSize, workflowBundle, isolateExecutionTimeoutMs, reuseV8Context, registeredActivityNames, logger, patchActivationCallback } = options;
  const data: SandboxThreadData = { sdkThreadModule: SDK_THREAD_MODULE, stackTraces: installed!.stackTraces };
  const clients = Array.from(
    { length: threadPoolSize },
    () =>
      new WorkerThreadClient(
        new NodeWorker(BOOTSTRAP, {
          eval: true,
          workerData: { caseworkWorkflowSandboxBoot: { tsHook: TS_HOOK, threadModule: THREAD_MODULE }, caseworkWorkflowSandbox: data },
        }),
        logger,
        patchActivationCallback,
      ),
  );
  const creator = new ThreadedVMWorkflowCreator(clients);
  try {
    await Promise.all(
      clients.map((client) =>
        client.send({
          type: 'init',
          workflowBundle,
          isolateExecutionTimeoutMs,
          reuseV8Context,
          registeredActivityNames,
          hasPatchActivationCallback: patchActivationCallback !== undefined,
        }),
      ),
    );
    const statuses = await Promise.all(clients.map((client) => threadStatus(client)));
    for (const status of statuses) {
      if (status.stackTraces !== data.stackTraces || status.watchdogMs !== isolateExecutionTimeoutMs) {
        throw new Error(`a workflow thread reports the sandbox not as configured: ${JSON.stringify(status)}`);
      }
    }
    checked.set(creator, statuses);
    return creator;
  } catch (error) {
    await creator.destroy().catch(() => undefined);
    throw error;
  }
}

function threadStatus(client: WorkerThreadClient): Promise<SandboxStatus> {
  return client.send({ type: SANDBOX_STATUS_REQUEST } as unknown as WorkerThreadInput) as unknown as Promise<SandboxStatus>;
}

/**
 * What each thread that runs `worker`'s workflows reports now: its workflow threads, or its main thread. Throws unless
 * they were started through ./thread.ts and reported the sandbox in effect, or run in the main thread under
 * ./main-thread.ts (the worker's start checks this: see createCaseWorker).
 */
export async function workflowSandboxStatus(worker: Worker): Promise<SandboxStatus[]> {
  const main = mainThreadStatus(worker);
  if (main) return [main];
  const creator = (worker as unknown as { workflowCreator?: object }).workflowCreator;
  if (!creator || !checked.has(creator)) {
    throw new Error(
      'the Temporal worker runs its workflows without apps/runtime/workflow-sandbox (installWorkflowSandbox was not called first, or its main thread is not watched)',
    );
  }
  const clients = (creator as unknown as { workerThreadClients: WorkerThreadClient[] }).workerThreadClients;
  return Promise.all(clients.map((client) => threadStatus(client)));
}
