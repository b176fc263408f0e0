import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { WorkflowBundlePath } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../../activities';
import { createCasePermitRecords, createCaseRequestLog, createLocalRegistries, type AllRegistries } from '../../activities/registries';
import { tableOf } from '../../projections';
import { casesProjection } from '../../projections/cases/cases.projection';
import { readModelViews } from '../../projections/read-models';
import type { Config } from '../../config/config';
import { createApiApp } from '../api/create-api-app';
import { createTokenVerifier } from '../api/auth/token-verifier';
import { consoleOptions } from '../api/console/console-options';
import { CaseWorkerHost } from './case-worker-host';
import { installHttpDrain } from './http-drain';
import { loadSealingKeys } from './sealing/payload-sealing';
import { openStores } from './stores';
import { assertWorkerHeartbeat, startWorkerHeartbeat } from './worker-heartbeat';
import { startProjections, type RunningProjections } from './projections';
import { connectClient, createCaseWorker, pingTemporal, prebuiltWorkflowBundle } from './temporal';

/**
 * How long a stop waits for HTTP requests in flight. A command waits for its workflow task, which a
 * running worker answers in well under a second; what is still open after this is cut off.
 */
const HTTP_DRAIN_TIMEOUT_MS = 10_000;

export interface Parts {
  api: boolean;
  worker: boolean;
  projections: boolean;
}

/** Parts supplied from outside instead of being built from the configuration (tests: a register that goes down). */
export interface Overrides {
  registries?: AllRegistries;
  /** Workflow code bundled beforehand (the tests bundle once per run) instead of bundling at start. */
  workflowBundle?: WorkflowBundlePath;
}

export interface Running {
  app?: NestFastifyApplication;
  url?: string;
  /** The read models' runners, when this process runs them. */
  projections?: RunningProjections;
  stop(): Promise<void>;
}

/**
 * Starts the parts of casework this process runs: the embedded profile runs all three,
 * the server profile runs the API (with projections) and the worker as separate processes.
 * `stop()` undoes it in the opposite order: the HTTP side drains (new requests get 503, those in flight
 * are answered, which needs the worker of the embedded profile still running), then the Temporal client,
 * the projections (each at a checkpoint), the worker (its tasks drain) and last the stores they all use.
 */
export async function startCasework(
  cfg: Config,
  parts: Parts,
  log: Logger,
  onCrash: (e: unknown) => void = () => {},
  overrides: Overrides = {},
): Promise<Running> {
  const stores = await openStores(cfg.eventStore);
  const stops: (() => Promise<void>)[] = [() => stores.close()];
  let stopped: Promise<void> | undefined;
  // Once only: a crash and a signal may both ask for it.
  const stopAll = () =>
    (stopped ??= (async () => {
      for (const stop of [...stops].reverse()) await stop().catch((e) => log.warn({ err: e }, 'error while stopping'));
    })());
  try {
    let app: NestFastifyApplication | undefined;
    let url: string | undefined;
    if (parts.worker) {
      // Residence permits are the police's own records: this store's residence-permit cases (docs/domain.md §7.4).
      const permits = createCasePermitRecords(stores.store, stores.readDb, tableOf(casesProjection));
      // So are no-criminal-record requests: this store's no-criminal-record cases are the request log (§7.6).
      const requestLog = createCaseRequestLog(stores.readDb, tableOf(casesProjection), cfg.registries);
      const activities = createActivities({
        store: stores.store,
        registries: overrides.registries ?? { ...createLocalRegistries(cfg.registries), permits, requestLog },
        simulation: cfg.registries,
      });
      const bundle = cfg.production ? prebuiltWorkflowBundle() : overrides.workflowBundle;
      const host = new CaseWorkerHost(await createCaseWorker(cfg.temporal, activities, bundle, log), log);
      host.start(onCrash);
      stops.push(() => host.stop());
      // Stopped before the worker (stops run in reverse): readiness turns 503 as soon as the drain begins.
      const heartbeat = await startWorkerHeartbeat(stores.readDb, cfg.temporal.taskQueue, () => host.isRunning(), log);
      stops.push(() => heartbeat.stop());
    }
    const projections = parts.projections ? await startProjections(stores, log, { settleMs: cfg.projectionSettleMs }) : undefined;
    if (projections) stops.push(() => projections.stop());
    if (parts.api) {
      // Rebuilds swap tables, so read routes ask the runner for the current one every time.
      const readModelTable = (view: string) => projections?.tableOf(view) ?? `rm_${readModelViews[view]}`;
      const { client, close } = await connectClient(cfg.temporal);
      stops.push(close);
      app = await createApiApp(
        {
          verifier: createTokenVerifier(cfg.auth, cfg.tokenMaxLifetimeSeconds),
          store: stores.store,
          readDb: stores.readDb,
          client,
          sealing: loadSealingKeys(cfg.temporal.sealing),
          workflows: { taskQueue: cfg.temporal.taskQueue, timeScale: cfg.slaTimeScale },
          idempotencyTtlMs: cfg.idempotencyTtlMs,
          possibleDuplicates: cfg.possibleDuplicates,
          calendarSeed: cfg.calendarSeed,
          limits: cfg.limits,
          codecOrigins: cfg.codecOrigins,
          console: consoleOptions(cfg),
          readModels: { runners: projections?.runners ?? new Map<string, never>(), tableOf: readModelTable },
          health: {
            temporal: () => pingTemporal(client),
            worker: () => assertWorkerHeartbeat(stores.readDb, cfg.temporal.taskQueue),
            eventStore: () => stores.store.ping(),
            ...(projections ? { projections: async () => projections.assertRunning() } : {}),
          },
        },
        log,
      );
      const http = installHttpDrain(app.getHttpAdapter().getInstance());
      // The embedded profile (API and worker in one process) is a developer's or a single desk's: loopback
      // only, unless HOST says otherwise. The server profile runs behind a proxy or in a container.
      await app.listen({ port: cfg.port, host: cfg.host ?? (parts.worker ? '127.0.0.1' : '0.0.0.0') });
      url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
      const server = app.getHttpServer();
      stops.push(async () => {
        log.info({ inFlight: http.inFlight() }, 'draining HTTP');
        await http.drain(HTTP_DRAIN_TIMEOUT_MS);
        if (http.inFlight() > 0) {
          log.warn({ inFlight: http.inFlight() }, `requests still open after ${HTTP_DRAIN_TIMEOUT_MS} ms: closing their connections`);
          server.closeAllConnections();
        }
        await app!.close();
      });
    }
    return { app, url, ...(projections ? { projections } : {}), stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
