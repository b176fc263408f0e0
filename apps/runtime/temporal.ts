import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type TLSConfig } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Config, TemporalTls } from '../../config/config';
import { loadSealingKeys, SealingCodec } from './sealing/payload-sealing';
import type { CaseActivities } from '../../activities';
import { installWorkflowSandbox, PINNED_SDK_VERSION, watchMainThreadWorkflows, workflowSandboxStatus } from './workflow-sandbox';
import type { Logger } from 'pino';

/**
 * How payloads are encoded for Temporal: sealed (apps/runtime/sealing), failures' messages and stacks
 * included. The API's client and the worker must agree: both are built from this.
 */
export function sealedDataConverter(sealing: SealingSource): DataConverter {
  return { payloadCodecs: [new SealingCodec(loadSealingKeys(sealing))], failureConverterPath: FAILURE_CONVERTER_PATH };
}

type SealingSource = Config['temporal']['sealing'];
/**
 * Where Temporal is and how payloads are sealed. Without `sealing` the payloads go in the clear: only the
 * workflow test harness does that, so that its recorded histories replay with the SDK's plain replayer.
 */
type TemporalOptions = Omit<Config['temporal'], 'sealing'> & { sealing?: SealingSource };

/** The failure converter module, by path: the worker loads it into the workflow sandbox too. */
const FAILURE_CONVERTER_PATH = require.resolve('./sealing/failure-converter');

/**
 * The SDK's TLS options from the configured files: the server verified against the CA, our client certificate
 * presented (mTLS). The API's client and the worker's native connection take the same object.
 */
export function temporalTlsOptions(tls: TemporalTls | undefined): { tls?: TLSConfig } {
  if (!tls) return {};
  return {
    tls: {
      ...(tls.caFile ? { serverRootCACertificate: readFileSync(tls.caFile) } : {}),
      ...(tls.certFile && tls.keyFile ? { clientCertPair: { crt: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
      ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    },
  };
}

/** A client and how to close its connection. */
export interface ClosableClient {
  client: Client;
  close(this: void): Promise<void>;
}

/**
 * The API's Temporal client, on the SDK's native connection (the worker's Rust client, as the worker uses) rather than
 * grpc-js: a CPU profile of the API under load put 11% of its busy time in grpc-js and Node's HTTP/2 (2026-12-03,
 * docs/benchmarks.md). The native client retries what the SDK retries, bounded by each call's deadline
 * (`withDeadline`), and its close waits for nothing: by then the HTTP side has drained, and a command cut short at
 * its deadline has had its call cut at the same instant.
 */
export async function connectClient(cfg: Config['temporal']): Promise<ClosableClient> {
  installRuntime();
  const connection = await connectWithin(CONNECT_TIMEOUT_MS, () => connectNative(cfg));
  const client = new Client({ connection, namespace: cfg.namespace, dataConverter: sealedDataConverter(cfg.sealing) });
  return { client, close: () => connection.close() };
}

/** The SDK's native connection to the configured server, TLS as configured: the API's client and the worker both open it. */
export function connectNative(cfg: Pick<TemporalOptions, 'address' | 'tls'>): Promise<NativeConnection> {
  return NativeConnection.connect({ address: cfg.address, ...temporalTlsOptions(cfg.tls) });
}

/** How long the API waits at start for a Temporal server that is not answering yet (grpc-js's own wait, kept). */
const CONNECT_TIMEOUT_MS = 10_000;

/** The native client connects once and fails at once if the server is not answering: tried again until `timeoutMs`. */
async function connectWithin<T>(timeoutMs: number, connect: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await connect();
    } catch (error) {
      if (Date.now() + 250 > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** See `isolateExecutionTimeout` in createCaseWorker; TEMPORAL_ACTIVATION_TIMEOUT_SECONDS sets it. */
export const DEFAULT_ACTIVATION_TIMEOUT_MS = 120_000;

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

/**
 * Modules the workflow bundle evaluates once per worker thread instead of once per workflow: the host of the
 * domain every case workflow shares (workflows/shared-domain.ts says why that is safe). scripts/lib/workflow-bundle.mjs
 * names the same module for the prebuilt bundle.
 */
export const CASE_WORKFLOW_PRELOAD = [require.resolve('../../workflows/shared-domain')];

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
export async function createCaseWorker(
  cfg: TemporalOptions,
  activities: CaseActivities,
  bundle?: WorkerOptions['workflowBundle'],
  log?: Pick<Logger, 'info'>,
): Promise<Worker> {
  installRuntime();
  // The SDK's sandbox without its per-call watchdog threads and its stack-trace promise hook: a pinned patch
  // (apps/runtime/workflow-sandbox says why, and refuses any other SDK version). Checked below.
  const mainThread = (cfg.workflowThreads ?? 0) === 0;
  installWorkflowSandbox({ stackTraces: cfg.workflowStackTraces ?? false, mainThread });
  const connection = await connectNative(cfg);
  const activationTimeoutMs = cfg.activationTimeoutMs ?? DEFAULT_ACTIVATION_TIMEOUT_MS;
  const options: WorkerOptions & { isolateExecutionTimeout: number } = {
    connection,
    namespace: cfg.namespace,
    taskQueue: cfg.taskQueue,
    activities,
    shutdownGraceTime: '10 seconds',
    ...(cfg.sealing ? { dataConverter: sealedDataConverter(cfg.sealing) } : {}),
    // A case's next workflow task goes first to the sticky queue of the worker that ran its last one. When
    // that worker has died or restarted, nobody polls that queue and the task waits out this timeout before
    // Temporal hands it to the normal queue: with the SDK's 10 s default, every command in flight stalled
    // ~10 s after a worker restart. 3 s bounds that stall; a live but busy worker losing the race just
    // replays the case's short history on whichever worker takes the task.
    stickyQueueScheduleToStartTimeout: '3 seconds',
    // The watchdog over each workflow activation measures wall time. A worker frozen by its host (SIGSTOP, a
    // paused VM, CPU throttling) in the middle of an activation trips it when it runs again, although the
    // workflow did nothing wrong; and on Node 20 a watchdog that stops a sandboxed activation corrupts the
    // async-hook stack and aborts the whole worker ("async hook stack has become corrupted",
    // temporalio/sdk-typescript#939, nodejs/node#38503). The SDK's 5 s default turned every freeze longer
    // than that into a worker crash in the fault suite. Our activations take milliseconds and the domain
    // has no loops that could run away, so the watchdog is kept only as a last resort against a real hang.
    // SDK 1.24 takes this option although its public type leaves it out: checked below, so that an SDK
    // upgrade that drops it fails at start instead of bringing the crash back.
    isolateExecutionTimeout: activationTimeoutMs,
    // The workflows in this thread by default (the SDK's debug mode does only that here; apps/runtime/workflow-sandbox
    // watches them), else in TEMPORAL_WORKFLOW_THREADS workflow threads.
    ...(mainThread ? { debugMode: true } : { workflowThreadPoolSize: cfg.workflowThreads }),
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: require.resolve('../../workflows'), bundlerOptions: { preloadModules: CASE_WORKFLOW_PRELOAD } }),
  };
  const worker = await Worker.create(options);
  if (mainThread) watchMainThreadWorkflows(worker, activationTimeoutMs);
  if (worker.options.isolateExecutionTimeoutMs !== activationTimeoutMs) {
    throw new Error(
      `the Temporal SDK ignored the workflow activation timeout (${activationTimeoutMs} ms; it runs with ${worker.options.isolateExecutionTimeoutMs} ms): check apps/runtime/temporal.ts against this SDK version`,
    );
  }
  // Throws unless the thread or threads that run the workflows report the sandbox in effect.
  const threads = await workflowSandboxStatus(worker);
  log?.info(
    { workflowThreads: mainThread ? 0 : threads.length, watchdogMs: activationTimeoutMs, stackTraces: threads[0].stackTraces },
    `workflow sandbox patch in effect (@temporalio/worker ${PINNED_SDK_VERSION}): workflows in ${mainThread ? 'the main thread' : `${threads.length} workflow thread(s)`}, one watchdog per call into them; stack-trace promise hook ${threads[0].stackTraces ? 'kept' : 'off'}`,
  );
  return worker;
}

/** Readiness: the frontend answers its health check. */
export async function pingTemporal(client: Client): Promise<void> {
  await client.workflowService.getSystemInfo({});
}
