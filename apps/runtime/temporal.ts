import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../../config/config';
import type { CaseActivities } from '../../activities';

export async function connectClient(cfg: Config['temporal']): Promise<Client> {
  const connection = await Connection.connect({ address: cfg.address });
  return new Client({ connection, namespace: cfg.namespace });
}

let runtimeInstalled = false;

/**
 * The SDK logs every worker state change at INFO; operators need its warnings only. The SDK would also
 * shut every worker down on SIGINT/SIGTERM by itself: runProcess owns the signals, so that the HTTP side
 * drains before the worker stops (an in-flight command of the embedded profile needs the worker).
 */
function installRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL as 'WARN') ?? 'WARN'), shutdownSignals: [] });
  } catch {
    // Already installed by the host (e.g. a test harness): keep theirs.
  }
}

/** Where `npm run build` writes the bundled workflow code: dist/workflow-bundle.js. */
export const WORKFLOW_BUNDLE_FILE = join(__dirname, '..', '..', 'workflow-bundle.js');

/**
 * The prebuilt workflow bundle, which production workers use instead of running webpack at start (slow,
 * and it needs the sources). Development bundles at start, so that a stale bundle is never used.
 */
export function prebuiltWorkflowBundle(): { codePath: string } {
  if (!existsSync(WORKFLOW_BUNDLE_FILE)) {
    throw new Error(`no prebuilt workflow bundle at ${WORKFLOW_BUNDLE_FILE}: run \`npm run build\` (the Dockerfile does) before starting a production worker`);
  }
  return { codePath: WORKFLOW_BUNDLE_FILE };
}

/**
 * Hosts the case workflows and their activities on the case task queue. After shutdown() the worker polls
 * no more, and the tasks it holds get `shutdownGraceTime` to finish (register checks take milliseconds,
 * card production about a second) before they are cancelled and left to Temporal's retries.
 */
export async function createCaseWorker(cfg: Config['temporal'], activities: CaseActivities, bundle?: WorkerOptions['workflowBundle']): Promise<Worker> {
  installRuntime();
  const connection = await NativeConnection.connect({ address: cfg.address });
  return Worker.create({
    connection,
    namespace: cfg.namespace,
    taskQueue: cfg.taskQueue,
    activities,
    shutdownGraceTime: '10 seconds',
    // A case's next workflow task goes first to the sticky queue of the worker that ran its last one. When
    // that worker has died or restarted, nobody polls that queue and the task waits out this timeout before
    // Temporal hands it to the normal queue: with the SDK's 10 s default, every command in flight stalled
    // ~10 s after a worker restart. 3 s bounds that stall; a live but busy worker losing the race just
    // replays the case's short history on whichever worker takes the task.
    stickyQueueScheduleToStartTimeout: '3 seconds',
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: require.resolve('../../workflows') }),
  });
}

/** Readiness: the frontend answers its health check. */
export async function pingTemporal(client: Client): Promise<void> {
  await client.workflowService.getSystemInfo({});
}
