import type { SqlExecutor } from '../../event-store/postgres/sql-client';

/** Open cases by type and worst SLA state, for the metrics gauge. */
export async function countOpenCases(sql: SqlExecutor, table: string): Promise<{ type: string; sla: string; count: number }[]> {
  const { rows } = await sql.query<{ type: string; sla: string; n: string }>(
    `SELECT type, sla, count(*) AS n FROM ${table}
     WHERE status NOT IN ('completed', 'not-accepted', 'refused', 'withdrawn', 'revoked') GROUP BY type, sla`,
  );
  return rows.map((r) => ({ type: r.type, sla: r.sla, count: Number(r.n) }));
}
