import type { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor, SqlResult, SqlSession, Unlisten } from './sql-client';

function toResult<Row>(result: { rows: Row[]; affectedRows?: number }): SqlResult<Row> {
  return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
}

export interface PgliteClientOptions {
  /** Close the PGlite instance on close() (true when the store created it). */
  ownsInstance: boolean;
}

/** SqlClient over one PGlite instance: every "session" is its single connection, transactions are exclusive. */
export function createPgliteSqlClient(db: PGlite, options: PgliteClientOptions): SqlClient {
  const query = async <Row>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>> =>
    toResult(await db.query<Row>(text, params as unknown[] | undefined));

  return {
    singleConnection: true,
    query,
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
      db.transaction((tx) =>
        fn({ query: async <Row>(text: string, params?: readonly unknown[]) => toResult(await tx.query<Row>(text, params as unknown[] | undefined)) }),
      ),
    async session(): Promise<SqlSession> {
      return { query, onLost: () => undefined, release: async () => undefined };
    },
    async listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
      return db.listen(channel, onNotify);
    },
    async close() {
      if (options.ownsInstance && !db.closed) await db.close();
    },
  };
}
