import type { AppendResult, EventStore, NewEvent, ExpectedVersion } from '../types';
import { appendToStream } from './append';
import { backlog } from './backlog';
import { head } from './head';
import { readAll } from './read-all';
import { readStream } from './read-stream';
import { readStreams } from './read-streams';
import { ensureSchema } from './schema';
import { sharedReads } from './shared-reads';
import type { SqlClient } from './sql-client';
import { subscribe } from './subscribe';
import { storeTables, type StoreTables } from './tables';
import { Wakeups } from './wakeups';

/** The PostgreSQL store plus the handles projections need to share its database. */
export interface PostgresEventStore extends EventStore {
  readonly sql: SqlClient;
  readonly tables: StoreTables;
  backlog: NonNullable<EventStore['backlog']>;
  head: NonNullable<EventStore['head']>;
  readStreams: NonNullable<EventStore['readStreams']>;
}

export interface SqlEventStoreOptions {
  /** PostgreSQL schema holding es_* tables (default public): lets test runs stay apart. */
  schema?: string;
  /** Close the SqlClient on close() (default true). */
  ownsClient?: boolean;
}

/** Builds the store on any SqlClient and creates its schema idempotently. */
export async function createSqlEventStore(sql: SqlClient, options: SqlEventStoreOptions = {}): Promise<PostgresEventStore> {
  const tables = storeTables(options.schema);
  await ensureSchema(sql, tables);
  const wakeups = new Wakeups(sql, tables.channel);
  const subscriptionReads = sharedReads((o) => readAll(sql, tables, o), wakeups);
  return {
    sql,
    tables,
    async append(streamId: string, events: NewEvent[], appendOptions?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult> {
      const result = await appendToStream(sql, tables, streamId, events, appendOptions?.expectedVersion);
      if (events.length > 0) wakeups.announce();
      return result;
    },
    readStream: (streamId, readOptions) => readStream(sql, tables, streamId, readOptions),
    readAll: (readOptions) => readAll(sql, tables, readOptions),
    readStreams: (from) => readStreams(sql, tables, from),
    subscribe: (subscribeOptions) => subscribe(subscriptionReads, wakeups, subscribeOptions),
    backlog: (after, filter) => backlog(sql, tables, after, filter),
    head: (filter) => head(sql, tables, filter),
    async ping() {
      await sql.query('SELECT 1');
    },
    async close() {
      await wakeups.close();
      if (options.ownsClient !== false) await sql.close();
    },
  };
}
