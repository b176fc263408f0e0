import { caseTypeModule, fold, provinceOf, type CaseState } from '../../domain';
import type { RecordedEvent } from '../../event-store/types';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';

const CASE_STREAM = /^case-(.+)$/;

/** Worst SLA state across a case's clocks, for filtering and ordering lists. */
export function slaSummary(s: CaseState): string {
  const states = Object.values(s.clocks).map((c) => c.state);
  for (const st of ['breached', 'at-risk', 'paused', 'on-track'] as const) if (states.includes(st)) return st;
  return 'none';
}

/** Nearest running deadline: queues show the most urgent case first. */
export function nextDeadline(s: CaseState): string | null {
  const running = Object.values(s.clocks).filter((c) => c.state !== 'stopped' && c.state !== 'paused');
  return running.map((c) => c.deadline).sort()[0] ?? null;
}

/** The case list: one row per case holding its folded state, plus columns to filter by. */
export const caseListProjection = {
  name: 'cases',

  async init(sql: SqlExecutor, table: string): Promise<void> {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${table} (
      case_id text PRIMARY KEY,
      type text NOT NULL, status text NOT NULL, channel text NOT NULL, cross_province boolean NOT NULL,
      offices text[] NOT NULL, provinces text[] NOT NULL, applicant_id text,
      sla text NOT NULL, next_deadline timestamptz, opened_at timestamptz NOT NULL,
      version int NOT NULL, state jsonb NOT NULL)`);
    await sql.query(`CREATE INDEX IF NOT EXISTS ${table}_opened ON ${table} (opened_at DESC, case_id DESC)`);
    await sql.query(`CREATE INDEX IF NOT EXISTS ${table}_offices ON ${table} USING gin (offices)`);
  },

  /** Folds a batch into the rows; events at or below a row's version were applied already and are skipped. */
  async apply(sql: SqlExecutor, events: RecordedEvent[], table: string): Promise<void> {
    const byCase = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const id = CASE_STREAM.exec(e.streamId)?.[1];
      if (id) byCase.set(id, [...(byCase.get(id) ?? []), e]);
    }
    for (const [caseId, caseEvents] of byCase) {
      const { rows } = await sql.query<{ state: CaseState }>(`SELECT state FROM ${table} WHERE case_id = $1`, [caseId]);
      let state: CaseState | null = rows[0]?.state ?? null;
      const fresh = caseEvents.filter((e) => e.version > (state?.version ?? 0));
      if (fresh.length === 0) continue;
      const type = state?.type ?? (fresh[0].data as { type: CaseState['type'] }).type;
      state = fold(caseTypeModule(type), fresh.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, at: e.metadata.at })), state);
      if (state) await upsert(sql, table, state);
    }
  },
};

async function upsert(sql: SqlExecutor, table: string, s: CaseState): Promise<void> {
  const offices = [...new Set([s.receivingOffice, s.handlingOffice, ...s.involvedOffices])];
  await sql.query(
    `INSERT INTO ${table} (case_id, type, status, channel, cross_province, offices, provinces, applicant_id, sla, next_deadline, opened_at, version, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, sla = EXCLUDED.sla, next_deadline = EXCLUDED.next_deadline,
       version = EXCLUDED.version, state = EXCLUDED.state`,
    [
      s.caseId, s.type, s.status, s.channel, s.crossProvince, offices, [...new Set(offices.map(provinceOf))],
      s.applicantId ?? null, slaSummary(s), nextDeadline(s), s.openedAt, s.version, JSON.stringify(s),
    ],
  );
}
