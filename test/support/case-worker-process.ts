// A case worker alone in its own process, for the worker-crash test: the case workflows and their
// activities on TASK_QUEUE, against the PostgreSQL event store in DATABASE_SCHEMA. Run with
//   node -r ./test/projections/support/register-ts.js test/support/case-worker-process.ts
// Configured by environment:
//   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TASK_QUEUE, DATABASE_URL, DATABASE_SCHEMA
//   WORKFLOW_BUNDLE         file holding the bundled workflow code (the parent bundles once)
//   REGISTRY_LATENCY_MS     typical register answer time (default 5), CARD_PRODUCTION_MS (default 50)
//   HOLD_TASKS              comma-separated task activities (verifyRecord, produceCard, …) that start
//                           and never answer, so they are surely in flight when the process is killed
//   HOLD_APPEND_STREAM, HOLD_APPEND_AFTER_VERSION
//                           after committing an append that takes that stream past that version,
//                           do not report it: the events are in the store, Temporal has no answer
//   HOLD_APPEND_EVENT       likewise, after committing to HOLD_APPEND_STREAM a batch holding an event of this type
// Prints `ready`, `task-started <activity> <caseId>` and `append-committed <streamId> <version>` lines.
import { createActivities, type CaseActivities } from '../../activities';
import { createLocalCardProductionCentre } from '../../activities/card-production';
import { createInMemoryPhotoStore } from '../../activities/photo-store';
import { createLocalRegistries } from '../../activities/registries';
import { openStores } from '../../apps/runtime/stores';
import { createCaseWorker } from '../../apps/runtime/temporal';

const say = (line: string) => process.stdout.write(`${line}\n`);
const never = () => new Promise<never>(() => undefined);

async function main(): Promise<void> {
  const env = process.env;
  const stores = await openStores({ kind: 'postgres', url: env.DATABASE_URL!, schema: env.DATABASE_SCHEMA! });
  const simulation = { latencyMs: Number(env.REGISTRY_LATENCY_MS ?? 5), transientFailureRate: 0 };
  const base = createActivities({
    store: stores.store,
    registries: createLocalRegistries(simulation),
    simulation,
    photoStore: createInMemoryPhotoStore([], simulation),
    cardProduction: createLocalCardProductionCentre({ latencyMs: Number(env.CARD_PRODUCTION_MS ?? 50), transientFailureRate: 0 }),
  });

  const held = new Set((env.HOLD_TASKS ?? '').split(',').filter(Boolean));
  const task =
    <K extends Exclude<keyof CaseActivities, 'appendEvents'>>(name: K): CaseActivities[K] =>
    async (input: Parameters<CaseActivities[K]>[0]) => {
      say(`task-started ${name} ${(input as { caseId?: string }).caseId}`);
      if (held.has(name)) return never();
      return (base[name] as (i: typeof input) => Promise<any>)(input);
    };
  const holdStream = env.HOLD_APPEND_STREAM;
  const holdAfter = Number(env.HOLD_APPEND_AFTER_VERSION ?? 0);
  const holdEvent = env.HOLD_APPEND_EVENT;
  const activities: CaseActivities = {
    async appendEvents(request) {
      const result = await base.appendEvents(request);
      const held = holdEvent ? request.events.some((e) => e.type === holdEvent) : result.nextVersion > holdAfter;
      if (request.streamId === holdStream && held) {
        say(`append-committed ${request.streamId} ${result.nextVersion}`);
        return never();
      }
      return result;
    },
    loadCase: (request) => base.loadCase(request),
    verifyRecord: task('verifyRecord'),
    verifyRecords: task('verifyRecords'),
    lookupPhoto: task('lookupPhoto'),
    storePhoto: task('storePhoto'),
    produceCard: task('produceCard'),
    allocateBirthSequence: task('allocateBirthSequence'),
    listLostCard: task('listLostCard'),
    checkCardCase: task('checkCardCase'),
    tellCase: task('tellCase'),
  };

  const temporal = { address: env.TEMPORAL_ADDRESS!, namespace: env.TEMPORAL_NAMESPACE ?? 'default', taskQueue: env.TASK_QUEUE! };
  const worker = await createCaseWorker(temporal, activities, { codePath: env.WORKFLOW_BUNDLE! });
  const running = worker.run();
  say('ready');
  await running;
  await worker.connection?.close();
  await stores.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
