import type { Config } from '../../config/config';
import { createPgliteEventStore, createPostgresEventStore, type SqlClient } from '../../event-store/postgres';
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
      const store = await createPostgresEventStore({ connectionString: cfg.url, schema: cfg.schema });
      return { store, readDb: store.sql, close: () => store.close() };
    }
    case 'kurrentdb':
      throw new Error('EVENT_STORE=kurrentdb: not wired in this build yet');
  }
}
