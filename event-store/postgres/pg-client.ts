import { createHash } from 'node:crypto';
import { Client, Pool, type PoolConfig, type QueryConfig, type QueryResult } from 'pg';
import type { QueryOptions, SqlClient, SqlExecutor, SqlResult, SqlSession, Unlisten } from './sql-client';
import { quoteIdent } from './sql-client';

export interface PgClientOptions extends PoolConfig {
  connectionString: string;
}

function toResult<Row>(result: QueryResult): SqlResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

/** How many statement texts one process keeps prepared: bounds what each pooled connection holds on the server. */
export const PREPARED_TEXTS = 256;
const preparedNames = new Map<string, string>();

/**
 * The name a statement with parameters is kept prepared under: on each connection it is parsed and planned once,
 * not on every call (the API's idempotency lookup spent four times as long being planned as being run). Named by its
 * text, so one name is always one text; the first PREPARED_TEXTS texts only, so texts built per call (a batch's
 * rows) cannot fill the server's memory. A statement without parameters (DDL, BEGIN) is run as it comes.
 */
function preparedName(text: string, params: readonly unknown[] | undefined): string | undefined {
  if (!params || params.length === 0) return undefined;
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_TEXTS) {
    name = `cw_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/** pg's query config: a named statement is parsed once per connection. */
function config(text: string, params: readonly unknown[] | undefined, options: QueryOptions | undefined) {
  const name = options?.prepare ?? preparedName(text, params);
  return { text, values: params as unknown[] | undefined, name: name || undefined };
}

/**
 * Runs a statement, prepared under its name where it has one. Should the server refuse the prepared form because a
 * table it reads was replaced by one whose columns differ (a read model rebuilt and swapped in: "cached plan must not
 * change result type", raised before anything runs), the text is no longer prepared, and a statement on its own runs
 * once more at once; one inside a transaction fails it (the transaction is aborted) and runs unprepared when retried.
 */
async function run(
  client: { query(config: QueryConfig): Promise<QueryResult> },
  text: string,
  params: readonly unknown[] | undefined,
  options: QueryOptions | undefined,
  alone: boolean,
): Promise<QueryResult> {
  const named = config(text, params, options);
  try {
    return await client.query(named);
  } catch (error) {
    const stale =
      named.name !== undefined && (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message);
    if (!stale) throw error;
    if (!options?.prepare) preparedNames.set(text, '');
    if (!alone) throw error;
    return client.query({ text, values: named.values });
  }
}

/** SqlClient over a pg Pool; LISTEN uses its own dedicated Client so pooled connections stay free. */
export function createPgSqlClient(options: PgClientOptions): SqlClient {
  const pool = new Pool({ max: 10, ...options });
  // An idle pooled client dying (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const listeners: Client[] = [];

  const query = async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>> =>
    toResult<Row>(await run(pool, text, params, options, true));

  return {
    singleConnection: false,
    query,
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      // pg-pool listens for errors only on idle clients: a checked-out one whose server connection dies
      // between statements emits 'error' with nobody listening, which would end the process.
      const lost = (error: Error) => (broken ??= error);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const tx: SqlExecutor = {
          query: async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions) =>
            toResult<Row>(await run(client, text, params, options, false)),
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
        throw error;
      } finally {
        client.off('error', lost);
        // A connection that was lost or failed to roll back is discarded rather than reused mid-transaction.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async session(): Promise<SqlSession> {
      const client = new Client(options);
      const lostHandlers: Array<(error: unknown) => void> = [];
      let released = false;
      const lost = (error: unknown) => {
        if (!released) for (const handler of lostHandlers) handler(error);
      };
      client.on('error', lost);
      client.on('end', () => lost(new Error('session connection ended')));
      await client.connect();
      return {
        query: async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions) => toResult<Row>(await run(client, text, params, options, true)),
        onLost: (handler) => void lostHandlers.push(handler),
        release: async () => {
          released = true;
          await client.end().catch(() => undefined);
        },
      };
    },
    async listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
      const client = new Client(options);
      client.on('error', () => undefined); // subscribers keep polling when the listener dies
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`LISTEN ${quoteIdent(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}
