import { appendFunctionSql } from './append-function';
import type { SqlClient } from './sql-client';
import { quoteIdent } from './sql-client';
import type { StoreTables } from './tables';

/** Idempotent DDL, safe to run on every startup and from several processes at once. */
export function schemaStatements(t: StoreTables): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(t.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${t.events} (
      global_position bigserial PRIMARY KEY,
      transaction_id  xid8 NOT NULL,
      event_id        text NOT NULL UNIQUE,
      stream_id       text NOT NULL,
      category        text NOT NULL,
      version         integer NOT NULL,
      type            text NOT NULL,
      data            jsonb NOT NULL,
      metadata        jsonb NOT NULL,
      occurred_at     timestamptz NOT NULL,
      recorded_at     timestamptz NOT NULL DEFAULT now(),
      prev_hash       text NOT NULL,
      hash            text NOT NULL,
      UNIQUE (stream_id, version)
    )`,
    // The global log is read in (transaction_id, global_position) order.
    `CREATE INDEX IF NOT EXISTS es_events_log_order ON ${t.events} (transaction_id, global_position)`,
    // The whole append (lock, stream head, retry check, version check, hash chain, insert) in one round trip.
    appendFunctionSql(t),
  ];
}

/** Concurrent CREATE … IF NOT EXISTS can still collide on the catalog; an advisory lock serialises startups. */
export async function ensureSchema(sql: SqlClient, tables: StoreTables): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`es_schema:${tables.schema}`]);
    for (const statement of schemaStatements(tables)) await tx.query(statement);
  });
}
