// Workflow tests on the real Temporal dev server (TEMPORAL_ADDRESS, started by jest's global setup):
// an event store, the case workflows bundled once, a worker on a task queue of its own, a client,
// CaseCommands, and helpers that wait on the workflow's state and read its stream.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createActivities, type CaseActivities } from '../../activities';
import { createLocalCardProductionCentre } from '../../activities/card-production';
import { createInMemoryPhotoStore, type PhotoRecord } from '../../activities/photo-store';
import { createLocalRegistries, type AllRegistries } from '../../activities/registries';
import { bundledCalendar } from '../../apps/api/calendar/published-calendar';
import { CaseCommands } from '../../apps/api/cases/case-commands';
import { CaseWorkerHost } from '../../apps/runtime/case-worker-host';
import { createLogger } from '../../apps/runtime/logger';
import { openStores, type Stores } from '../../apps/runtime/stores';
import { CASE_WORKFLOW_PRELOAD, createCaseWorker } from '../../apps/runtime/temporal';
import {
  defaultReferenceSet,
  directoryFor,
  entriesFor,
  OFFICE_TABLES,
  type Actor,
  type CaseState,
  type OpenCaseInput,
  type ReferenceName,
  type ReferenceSet,
  type ReferenceSnapshot,
} from '../../domain';

/** The shipped tables as the API gives them to an opening: of the tables keyed by office, these offices' entries. */
const pick = (set: ReferenceSet, names: readonly ReferenceName[], offices: readonly string[]): ReferenceSet =>
  Object.fromEntries(
    names.map((n) => [
      n,
      n === 'offices'
        ? directoryFor(set.offices!, offices)
        : (OFFICE_TABLES as readonly string[]).includes(n)
          ? entriesFor(set[n] as ReferenceSnapshot<Record<string, unknown>>, offices)
          : set[n],
    ]),
  );
import type { RecordedEvent } from '../../event-store/types';
import { appendedEventsQuery, caseStateQuery, DOMAIN_FAILURE_PREFIX, streamIdOf, type PublishedCalendar } from '../../workflows/definitions';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export const commandIds = () => ({ commandId: randomUUID(), correlationId: randomUUID() });

/**
 * The case workflows as the worker runs them, the domain shared by the workflows of a worker thread; bundle once
 * per test file (it takes several seconds).
 */
export const bundleCaseWorkflows = (): Promise<WorkflowBundleWithSourceMap> =>
  bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), preloadModules: CASE_WORKFLOW_PRELOAD, logger: new DefaultLogger('WARN') });

export interface HarnessOptions {
  /**
   * Where the case streams live: a fresh schema on TEST_DATABASE_URL, dropped at the end (default), or
   * an embedded PGlite (its first open costs ~15 s of CPU on a small machine).
   */
  store?: 'pglite' | 'postgres';
  /**
   * Run a worker in this process (default). `false`: client and store only, for tests that run the
   * worker elsewhere (a child process) on `taskQueue`.
   */
  worker?: boolean;
  taskQueue?: string;
  bundle?: WorkflowBundleWithSourceMap;
  /** Typical register answer time in ms (default 5; no transient failures). */
  registryLatencyMs?: number;
  /** Typical card production time in ms (default 50). */
  cardProductionMs?: number;
  /** Photos already in the shared photo store (一照通用). */
  photos?: PhotoRecord[];
  /** Registers that replace the local stand-ins (a register that goes down). */
  registries?: Partial<AllRegistries>;
  /** Activities that replace the worker's own, given those (a message between cases held back until a test lets it go). */
  activities?: (own: CaseActivities) => Partial<CaseActivities>;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Says what was awaited, in the error when it does not happen. */
  what?: string;
}

/** What a case stream must look like: versions 1..n, unique ids, exactly the events the workflow appended. */
export interface StreamIntegrity {
  versions: number[];
  expectedVersions: number[];
  ids: string[];
  distinctIds: number;
  /** The workflow's own list of event ids it appended (the appendedEvents query). */
  appended: string[];
}

export interface WorkflowHarness {
  stores: Stores;
  client: Client;
  taskQueue: string;
  /** Present when the harness bundled the workflows or was given a bundle. */
  bundle?: WorkflowBundleWithSourceMap;
  /** The schema the store lives in (postgres only), for a worker in another process. */
  schema?: string;
  commands(timeScale?: number): CaseCommands;
  /** The working-day calendar cases are lodged with (the bundled one unless a test publishes another). */
  calendar: PublishedCalendar;
  /** Opens a case through CaseCommands (update-with-start); `timeScale` > 1 runs its SLA clocks faster. */
  /** `parentVersion`: for a linked opening, the parent's version the boundary checked the link against (as the API passes it). */
  open(input: OpenCaseInput, actor: Actor, options?: { timeScale?: number; caseId?: string; parentVersion?: number }): Promise<CaseState>;
  act(caseId: string, action: string, payload: unknown, actor: Actor): Promise<CaseState>;
  /**
   * Expects an action to be refused by the domain (`kind`: conflict, forbidden, invalid, rule, not-found)
   * and the stream not to grow: call it when no automated task (register check, photo share) is pending.
   */
  refused(caseId: string, action: string, payload: unknown, actor: Actor, kind?: string): Promise<ApplicationFailure>;
  state(caseId: string): Promise<CaseState | null>;
  /** Polls the caseState query until `done` holds. */
  waitFor(caseId: string, done: (s: CaseState) => boolean, options?: WaitOptions): Promise<CaseState>;
  stream(caseId: string): Promise<RecordedEvent[]>;
  types(caseId: string): Promise<string[]>;
  /** Polls the case stream until `done` holds. */
  waitForStream(caseId: string, done: (events: RecordedEvent[]) => boolean, options?: WaitOptions): Promise<RecordedEvent[]>;
  /** The workflow's result (it has closed). */
  result(caseId: string): Promise<CaseState>;
  integrity(caseId: string): Promise<StreamIntegrity>;
  stop(): Promise<void>;
}

export async function startWorkflowHarness(options: HarnessOptions = {}): Promise<WorkflowHarness> {
  const taskQueue = options.taskQueue ?? `wf-test-${randomUUID()}`;
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run the tests through `node scripts/test.mjs` (jest global setup)');
  const temporal = { address, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', taskQueue };
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };

  try {
    let stores: Stores;
    let schema: string | undefined;
    if ((options.store ?? 'postgres') === 'postgres') {
      schema = `wf_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      stores = await openStores({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
      cleanups.push(() => dropSchema(schema!));
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'wf-test-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      stores = await openStores({ kind: 'pglite', dataDir: dir });
    }
    cleanups.push(() => stores.close());

    let bundle = options.bundle;
    if (options.worker !== false) {
      bundle ??= await bundleCaseWorkflows();
      const simulation = { latencyMs: options.registryLatencyMs ?? 5, transientFailureRate: 0 };
      const own = createActivities({
        store: stores.store,
        registries: { ...createLocalRegistries(simulation), ...options.registries },
        simulation,
        photoStore: createInMemoryPhotoStore(options.photos ?? [], simulation),
        cardProduction: createLocalCardProductionCentre({ latencyMs: options.cardProductionMs ?? 50, transientFailureRate: 0 }),
      });
      const activities = { ...own, ...options.activities?.(own) };
      const host = new CaseWorkerHost(await createCaseWorker(temporal, activities, bundle), createLogger('warn', 'wf-test'));
      host.start(() => undefined);
      cleanups.push(() => host.stop());
    }

    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: temporal.namespace });

    const harness: WorkflowHarness = {
      stores,
      client,
      taskQueue,
      bundle,
      schema,
      // A minute, not the API's 10 s: the harness is a patient client, and a command here may wait through a worker restart.
      commands: (timeScale = 1) =>
        new CaseCommands(
          client,
          taskQueue,
          timeScale,
          { calendar: async () => harness.calendar, reference: async (names, offices) => pick(defaultReferenceSet(), names, offices) },
          60_000,
        ),
      calendar: bundledCalendar(),
      open: (input, actor, { timeScale = 1, caseId = randomUUID(), parentVersion } = {}) =>
        harness.commands(timeScale).open(caseId, input, actor, commandIds(), [], parentVersion),
      // The harness sends straight to the case, as the API does; an ended run's case is restored without the API's read.
      act: (caseId, action, payload, actor) => harness.commands().act(caseId, action, payload, actor, commandIds(), noReadOfTheStream),
      async refused(caseId, action, payload, actor, kind) {
        const before = (await harness.stream(caseId)).length;
        let failure: ApplicationFailure | undefined;
        try {
          await harness.act(caseId, action, payload, actor);
        } catch (e) {
          if (!(e instanceof WorkflowUpdateFailedError) || !(e.cause instanceof ApplicationFailure)) throw e;
          failure = e.cause;
        }
        if (!failure) throw new Error(`'${action}' was expected to be refused, but it was done`);
        if (kind && failure.type !== DOMAIN_FAILURE_PREFIX + kind) {
          throw new Error(`'${action}' was refused as ${failure.type} (${failure.message}), expected ${DOMAIN_FAILURE_PREFIX}${kind}`);
        }
        const after = (await harness.stream(caseId)).length;
        if (after !== before) throw new Error(`the refused '${action}' changed the stream (${before} → ${after} events)`);
        return failure;
      },
      state: (caseId) => client.workflow.getHandle(caseId).query(caseStateQuery),
      async waitFor(caseId, done, { timeoutMs = 20_000, what = 'the expected state' } = {}) {
        let last: CaseState | null = null;
        await poll(
          async () => {
            last = await harness.state(caseId);
            return last !== null && done(last);
          },
          timeoutMs,
          () => `case ${caseId} never reached ${what}; last: ${summary(last)}`,
        );
        return last!;
      },
      stream: (caseId) => stores.store.readStream(streamIdOf(caseId)),
      types: async (caseId) => (await harness.stream(caseId)).map((e) => e.type),
      async waitForStream(caseId, done, { timeoutMs = 20_000, what = 'the expected events' } = {}) {
        let events: RecordedEvent[] = [];
        await poll(
          async () => done((events = await harness.stream(caseId))),
          timeoutMs,
          () => `case ${caseId} stream never had ${what}; it has: ${events.map((e) => e.type).join(', ')}`,
        );
        return events;
      },
      result: (caseId) => client.workflow.getHandle(caseId).result() as Promise<CaseState>,
      async integrity(caseId) {
        const events = await harness.stream(caseId);
        const appended = await client.workflow.getHandle(caseId).query(appendedEventsQuery);
        return {
          versions: events.map((e) => e.version),
          expectedVersions: events.map((_, i) => i + 1),
          ids: events.map((e) => e.id),
          distinctIds: new Set(events.map((e) => e.id)).size,
          appended,
        };
      },
      stop: stopAll,
    };
    return harness;
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** SLA events of one clock, in stream order, as `Type` or `SlaEscalated:<level>`. */
/** The local activities a case's workflow ran before it answered its opening, in order (from its Temporal history). */
export async function localActivitiesOfOpening(h: WorkflowHarness, caseId: string): Promise<string[]> {
  const { events } = await h.client.workflow.getHandle(caseId).fetchHistory();
  const answered = events!.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes);
  return events!.slice(0, answered).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') return [];
    const data = marker.details!.data.payloads![0].data!;
    return [(JSON.parse(Buffer.from(data).toString()) as { activity_type: string }).activity_type];
  });
}

/** For CaseCommands.act: the API's check of the caller against the stream, left out (the workflow checks a running case). */
export const noReadOfTheStream = async (): Promise<void> => undefined;

export function slaEventsOf(events: RecordedEvent[], clock: string): string[] {
  return events
    .filter((e) => e.type.startsWith('Sla') && (e.data as { clock?: string }).clock === clock)
    .map((e) => (e.type === 'SlaEscalated' ? `SlaEscalated:${(e.data as { level: number }).level}` : e.type));
}

async function poll(check: () => Promise<boolean>, timeoutMs: number, failure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 100));
  }
}

function summary(s: CaseState | null): string {
  if (!s) return 'not lodged';
  return JSON.stringify({ status: s.status, step: s.step, version: s.version, records: Object.keys(s.records), progress: s.progress });
}

async function dropSchema(schema: string): Promise<void> {
  const pg = new PgClient({ connectionString: TEST_DATABASE_URL });
  await pg.connect();
  try {
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pg.end();
  }
}

export { historyFromJson, historyToJson } from './history-json';
