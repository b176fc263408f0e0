import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { RecordedEvent } from '../../../event-store/types';
import type { Projection } from '../../../projections/projection';

export interface StreamCountRow {
  stream_id: string;
  events: number;
  last_version: number;
  total: string;
  anomalies: number;
}

export interface StreamCountsOptions {
  name: string;
  category: string;
  version?: number;
  /** Sleep inside the transaction after writing, before the checkpoint: widens the window for a crash. */
  holdMs?: number;
  /** Called after the batch's writes, before the hold: the crash test kills the process here. */
  onWritten?(events: RecordedEvent[]): void;
}

/**
 * Per stream: events seen, last version, sum of data.n, and anomalies = times a version did not follow
 * the previous one. Not idempotent on purpose: a batch applied twice or skipped shows up as an anomaly.
 */
export function streamCountsProjection(options: StreamCountsOptions): Projection {
  return {
    name: options.name,
    version: options.version,
    categories: [options.category],
    async init(sql: SqlExecutor, table: string) {
      await sql.query(`CREATE TABLE ${table} (
        stream_id text PRIMARY KEY, events integer NOT NULL, last_version integer NOT NULL,
        total bigint NOT NULL, anomalies integer NOT NULL)`);
    },
    async apply(sql: SqlExecutor, events: RecordedEvent[], table: string) {
      const streamIds = [...new Set(events.map((e) => e.streamId))];
      const { rows } = await sql.query<StreamCountRow>(`SELECT * FROM ${table} WHERE stream_id = ANY($1::text[])`, [streamIds]);
      const state = new Map(rows.map((r) => [r.stream_id, { ...r, total: BigInt(r.total) }]));
      for (const e of events) {
        const row = state.get(e.streamId) ?? { stream_id: e.streamId, events: 0, last_version: 0, total: 0n, anomalies: 0 };
        if (e.version !== row.last_version + 1) row.anomalies += 1;
        row.events += 1;
        row.last_version = e.version;
        row.total += BigInt((e.data as { n?: number }).n ?? 0);
        state.set(e.streamId, row);
      }
      const changed = [...state.values()];
      await sql.query(
        `INSERT INTO ${table} (stream_id, events, last_version, total, anomalies)
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::bigint[], $5::int[])
         ON CONFLICT (stream_id) DO UPDATE SET events = EXCLUDED.events, last_version = EXCLUDED.last_version,
           total = EXCLUDED.total, anomalies = EXCLUDED.anomalies`,
        [
          changed.map((r) => r.stream_id),
          changed.map((r) => r.events),
          changed.map((r) => r.last_version),
          changed.map((r) => r.total.toString()),
          changed.map((r) => r.anomalies),
        ],
      );
      options.onWritten?.(events);
      if (options.holdMs) await sql.query('SELECT pg_sleep($1)', [options.holdMs / 1000]);
    },
  };
}

export async function readCounts(sql: SqlExecutor, table: string): Promise<StreamCountRow[]> {
  const { rows } = await sql.query<StreamCountRow>(`SELECT stream_id, events, last_version, total::text AS total, anomalies FROM ${table} ORDER BY stream_id`);
  return rows.map((r) => ({ ...r, events: Number(r.events), last_version: Number(r.last_version), anomalies: Number(r.anomalies) }));
}
