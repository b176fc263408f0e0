/** The little SQL surface the store and the projections need: satisfied by a pg Pool and by PGlite alike. */

export type SqlRow = Record<string, unknown>;

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Keep the statement prepared under this name on each connection that runs it (parsed and planned
   * once per connection, not per call). One name, one text. Adapters without prepared statements ignore it;
   * the pg adapter keeps statements with parameters prepared under a name of their text's anyway.
   */
  prepare?: string;
}

export interface SqlExecutor {
  query<Row = SqlRow>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>>;
}

/** One connection kept for a while: session-scoped things such as advisory locks live on it. */
export interface SqlSession extends SqlExecutor {
  /** Fires when the connection is lost (what held on it is gone). */
  onLost(handler: (error: unknown) => void): void;
  release(): Promise<void>;
}

export type Unlisten = () => Promise<void>;

export interface SqlClient extends SqlExecutor {
  /** Runs fn in BEGIN … COMMIT on one connection; rolls back and rethrows on error. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** A dedicated session (PGlite: the single connection; locks then need an in-process guard). */
  session(): Promise<SqlSession>;
  /** LISTEN on a channel; resolves once listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  /** True when every session is the same connection (PGlite): advisory locks cannot exclude in-process callers. */
  readonly singleConnection: boolean;
  close(): Promise<void>;
}

/** Quotes an SQL identifier (schema or table name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** PostgreSQL error code, when the error came from the server. */
export function sqlErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
