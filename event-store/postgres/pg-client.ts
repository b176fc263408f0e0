import { Client, Pool, type PoolConfig, type QueryResult } from 'pg';
import type { QueryOptions, SqlClient, SqlExecutor, SqlResult, SqlSession, Unlisten } from './sql-client';
import { quoteIdent } from './sql-client';

export interface PgClientOptions extends PoolConfig {
  connectionString: string;
}

function toResult<Row>(result: QueryResult): SqlResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

/** pg's query config: a named statement is parsed once per connection. */
function config(text: string, params: readonly unknown[] | undefined, options: QueryOptions | undefined) {
  return { text, values: params as unknown[] | undefined, ...(options?.prepare ? { name: options.prepare } : {}) };
}

/** SqlClient over a pg Pool; LISTEN uses its own dedicated Client so pooled connections stay free. */
export function createPgSqlClient(options: PgClientOptions): SqlClient {
  const pool = new Pool({ max: 10, ...options });
  // An idle pooled client dying (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const listeners: Client[] = [];

  const query = async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>> =>
    toResult<Row>(await pool.query(config(text, params, options)));

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
            toResult<Row>(await client.query(config(text, params, options))),
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
        query: async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions) =>
          toResult<Row>(await client.query(config(text, params, options))),
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
