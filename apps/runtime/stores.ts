import type { Config } from '../../config/config';
import { createPgliteEventStore, createPgSqlClient, createPostgresEventStore, quoteIdent, type SqlClient } from '../../event-store/postgres';
import type { EventStore } from '../../event-store/types';

/** The event store and the database the read models live in (the same one on PostgreSQL and PGlite). */
export interface Stores {
  store: EventStore;
  readDb: SqlClient;
  close(): Promise<void>;
}

export async function openStores(cfg: Config['eventStore']): Promise<Stores> {
  switch (cfg.kind) {
    case 'pglite': {
      const store = await createPgliteEventStore({ dataDir: cfg.dataDir });
      return { store, readDb: store.sql, close: () => store.close() };
    }
    case 'postgres': {
      // With a schema, the pool's search_path is that schema: read models live beside the es_* tables.
      const store = await createPostgresEventStore({ connectionString: cfg.url, schema: cfg.schema });
      return { store, readDb: store.sql, close: () => store.close() };
    }
    case 'kurrentdb': {
      const { createKurrentDbEventStore } = await import('../../event-store/kurrentdb'); // gRPC only when chosen
      const store = await createKurrentDbEventStore({ connectionString: cfg.url });
      const readDb = createPgSqlClient({ connectionString: cfg.readModelsUrl, options: `-c search_path=${cfg.schema}` });
      await readDb.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(cfg.schema)}`);
      return {
        store,
        readDb,
        async close() {
          await store.close();
          await readDb.close();
        },
      };
    }
  }
}
