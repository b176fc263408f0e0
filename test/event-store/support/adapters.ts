import type { EventStore } from '../../../event-store/types';
import { createPgliteEventStore, createPostgresEventStore, createSqlEventStore, type PostgresEventStore, type SqlClient } from '../../../event-store/postgres';
import { createPgSqlClient } from '../../../event-store/postgres/pg-client';
import { uniqueToken } from './events';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** One adapter under test plus the back doors a contract test needs (SQL access for tampering, slow commits). */
export interface AdapterUnderTest {
  name: string;
  store: EventStore;
  /** Several connections really run at once (false on PGlite: transactions serialise). */
  concurrentConnections: boolean;
  /** Changes one stored event's data behind the store's back. */
  tamper?(streamId: string, version: number): Promise<void>;
  /** A second store on the same log whose append transactions stay open `holdMs` before committing. */
  slowCommitter?(holdMs: number): Promise<EventStore>;
  dispose(): Promise<void>;
}

/**
 * Wraps a SqlClient so every transaction sleeps before COMMIT: holds xids open like a slow writer.
 * A statement run on its own is a transaction too (the store appends with one statement), so it is
 * wrapped in one that sleeps the same way.
 */
export function holdingTransactions(sql: SqlClient, holdMs: number): SqlClient {
  const transaction: SqlClient['transaction'] = (fn) =>
    sql.transaction(async (tx) => {
      const result = await fn(tx);
      await tx.query('SELECT pg_sleep($1)', [holdMs / 1000]);
      return result;
    });
  return {
    ...sql,
    query: <Row>(text: string, params?: readonly unknown[]) => transaction((tx) => tx.query<Row>(text, params)),
    transaction,
  };
}

function sqlBackDoors(store: PostgresEventStore) {
  return {
    async tamper(streamId: string, version: number) {
      await store.sql.query(`UPDATE ${store.tables.events} SET data = jsonb_set(data, '{tampered}', 'true') WHERE stream_id = $1 AND version = $2`, [
        streamId,
        version,
      ]);
    },
  };
}

export async function openPglite(): Promise<AdapterUnderTest & { store: PostgresEventStore }> {
  const store = await createPgliteEventStore();
  return {
    name: 'pglite',
    store,
    concurrentConnections: false,
    ...sqlBackDoors(store),
    slowCommitter: (holdMs) => createSqlEventStore(holdingTransactions(store.sql, holdMs), { ownsClient: false }),
    dispose: () => store.close(),
  };
}

/** Each run gets its own schema, dropped at the end, so parallel runs on one server never clash. */
export async function openPostgres(): Promise<AdapterUnderTest & { store: PostgresEventStore; schema: string }> {
  const schema = `es_test_${uniqueToken()}`;
  const store = await createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, max: 20 });
  const extraClients: SqlClient[] = [];
  return {
    name: 'postgres',
    schema,
    store,
    concurrentConnections: true,
    ...sqlBackDoors(store),
    async slowCommitter(holdMs) {
      const sql = createPgSqlClient({ connectionString: TEST_DATABASE_URL, max: 10 });
      extraClients.push(sql);
      return createSqlEventStore(holdingTransactions(sql, holdMs), { schema, ownsClient: false });
    },
    async dispose() {
      await Promise.all(extraClients.map((sql) => sql.close()));
      await store.sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await store.close();
    },
  };
}
