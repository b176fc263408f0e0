import type { PGlite } from '@electric-sql/pglite';
import { createPgSqlClient, type PgClientOptions } from './pg-client';
import { createPgliteSqlClient } from './pglite-client';
import { lockDataDir } from './data-dir-lock';
import { quoteIdent } from './sql-client';
import { createSqlEventStore, type PostgresEventStore } from './postgres-event-store';

export type { PostgresEventStore, SqlEventStoreOptions } from './postgres-event-store';
export { createSqlEventStore } from './postgres-event-store';
export type { QueryOptions, SqlClient, SqlExecutor, SqlSession } from './sql-client';
export { quoteIdent } from './sql-client';
export { createPgSqlClient } from './pg-client';
export { createPgliteSqlClient } from './pglite-client';
export { storeTables, type StoreTables } from './tables';
export { DataDirLockedError } from './data-dir-lock';

export interface PostgresEventStoreConfig extends Omit<PgClientOptions, 'connectionString'> {
  connectionString: string;
  schema?: string;
}

/**
 * Event store on a PostgreSQL server; `store.sql` is its pool, for projections in the same database.
 * With `schema`, connections also get it as search_path, so read-model tables land beside the store.
 */
export async function createPostgresEventStore(config: PostgresEventStoreConfig): Promise<PostgresEventStore> {
  const { schema, ...poolConfig } = config;
  const searchPath = schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {};
  const sql = createPgSqlClient({ ...poolConfig, ...searchPath });
  try {
    return await createSqlEventStore(sql, { schema });
  } catch (error) {
    await sql.close();
    throw error;
  }
}

export type PgliteEventStoreConfig = { schema?: string } & ({ dataDir?: string; pglite?: undefined } | { pglite: PGlite; dataDir?: undefined });

/**
 * Embedded event store. PGlite is one connection: projections must use `store.sql` (or pass the same
 * instance); the store closes the instance only if it created it.
 */
export async function createPgliteEventStore(config: PgliteEventStoreConfig = {}): Promise<PostgresEventStore> {
  const ownsInstance = !config.pglite;
  const release = config.dataDir ? lockDataDir(config.dataDir) : () => undefined;
  try {
    // Loaded on first use only: processes on a PostgreSQL server never load PGlite's WebAssembly.
    const db = config.pglite ?? (await (await import('@electric-sql/pglite')).PGlite.create(config.dataDir));
    const sql = createPgliteSqlClient(db, { ownsInstance });
    const store = await createSqlEventStore(sql, { schema: config.schema });
    if (config.schema) await sql.query(`SET search_path TO ${quoteIdent(config.schema)}`);
    const close = store.close.bind(store);
    return Object.assign(store, {
      async close() {
        try {
          await close();
        } finally {
          release();
        }
      },
    });
  } catch (error) {
    release();
    throw error;
  }
}
