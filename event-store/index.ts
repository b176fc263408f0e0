import type { EventStore } from './types';

export * from './types';
export * from './errors';
export { canonicalJson, eventHash, verifyStream, GENESIS_HASH, type StreamVerification } from './hash-chain';
export { compareCheckpoints } from './checkpoint';

/** Which adapter to open; mirrors EVENT_STORE = pglite | postgres | kurrentdb. */
export type EventStoreConfig =
  | { kind: 'pglite'; dataDir?: string; schema?: string }
  | { kind: 'postgres'; url: string; schema?: string }
  | { kind: 'kurrentdb'; url: string };

/** Reads EVENT_STORE (default pglite), DATABASE_URL, DATABASE_SCHEMA, PGLITE_DIR, KURRENTDB_CONNECTION_STRING. */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const kind = env.EVENT_STORE ?? 'pglite';
  switch (kind) {
    case 'pglite':
      return { kind, dataDir: env.PGLITE_DIR ?? './data/pglite', schema: env.DATABASE_SCHEMA };
    case 'postgres':
      if (!env.DATABASE_URL) throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
      return { kind, url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA };
    case 'kurrentdb':
      if (!env.KURRENTDB_CONNECTION_STRING) throw new Error('EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
      return { kind, url: env.KURRENTDB_CONNECTION_STRING };
    default:
      throw new Error(`EVENT_STORE must be pglite, postgres or kurrentdb, not ${kind}`);
  }
}

/** Opens the configured adapter; drivers are loaded lazily so an embedded run never loads gRPC. */
export async function createEventStore(config: EventStoreConfig = eventStoreConfigFromEnv()): Promise<EventStore> {
  switch (config.kind) {
    case 'pglite': {
      const { createPgliteEventStore } = await import('./postgres');
      return createPgliteEventStore({ dataDir: config.dataDir, schema: config.schema });
    }
    case 'postgres': {
      const { createPostgresEventStore } = await import('./postgres');
      return createPostgresEventStore({ connectionString: config.url, schema: config.schema });
    }
    case 'kurrentdb': {
      const { createKurrentDbEventStore } = await import('./kurrentdb');
      return createKurrentDbEventStore({ connectionString: config.url });
    }
  }
}
