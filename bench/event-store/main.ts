// Event-store benchmark on a PostgreSQL server (not a test): every figure is printed with its ratio to a
// baseline measured in the same run. DATABASE_URL (default the test database), BENCH_EVENTS (default 1,000,000).
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '../../event-store/postgres';
import { benchAppends } from './appends';
import { benchLiveLag } from './live-lag';
import { benchReads } from './reads';
import { benchRebuild } from './rebuild';

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const store = await createPostgresEventStore({ connectionString, schema, max: 20 });
  console.log(`event-store benchmark on ${connectionString.replace(/\/\/[^@]*@/, '//')} (schema ${schema})`);
  try {
    await benchAppends(store);
    await benchReads(store);
    await benchLiveLag(store);
    await benchRebuild(store, events);
  } finally {
    await store.sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
