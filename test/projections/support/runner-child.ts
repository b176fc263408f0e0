// A projection runner in its own process, for the crash test. Configured by environment:
// DATABASE_URL, SCHEMA, PROJECTION, CATEGORY, HOLD_MS (slow batches), EXIT_WHEN_CAUGHT_UP=1.
// Prints "written <n>" after each batch's writes (inside its transaction) and "caught-up" at the end.
import { createPostgresEventStore } from '../../../event-store/postgres';
import { createProjectionRunner } from '../../../projections/runner';
import { streamCountsProjection } from './stream-counts.projection';

async function main(): Promise<void> {
  const env = process.env;
  const store = await createPostgresEventStore({ connectionString: env.DATABASE_URL!, schema: env.SCHEMA! });
  const projection = streamCountsProjection({
    name: env.PROJECTION!,
    category: env.CATEGORY!,
    holdMs: Number(env.HOLD_MS ?? 0),
    onWritten: (events) => process.stdout.write(`written ${events.length}\n`),
  });
  const runner = createProjectionRunner({ store, sql: store.sql, projection, batchSize: Number(env.BATCH_SIZE ?? 25), leaderRetryMs: 100 });
  await runner.start();
  if (env.EXIT_WHEN_CAUGHT_UP === '1') {
    await runner.waitUntilCaughtUp(30_000);
    process.stdout.write('caught-up\n');
    await runner.stop();
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
