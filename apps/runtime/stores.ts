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
      const store = await createPostgresEventStore({ connectionString: withSearchPath(cfg.url, cfg.schema), schema: cfg.schema });
      return { store, readDb: store.sql, close: () => store.close() };
    }
    case 'kurrentdb':
      throw new Error('EVENT_STORE=kurrentdb: not wired in this build yet');
  }
}

/** Read models are created unqualified: the connection's search_path puts them beside the store's tables. */
function withSearchPath(url: string, schema: string): string {
  if (schema === 'public') return url;
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
