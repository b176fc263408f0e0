import { caseTypeModule, fold, type CaseEvent, type CaseState } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import type { RecordedEvent } from '../../event-store/types';
import type { Projection } from '../projection';

const CASE_STREAM = /^case-(.+)$/;

export interface CaseStateReadModel {
  name: string;
  version?: number;
  /** Column definitions besides case_id, version and state. */
  columns: string;
  indexes?: (table: string) => string[];
  /** The column values for a case, in the order of `columns`. */
  row(state: CaseState): unknown[];
}

/**
 * A read model keeping each case's folded state (through the domain's own evolve) plus columns to
 * query by. Events at or below a row's version were applied already: re-delivery changes nothing.
 */
export function caseStateProjection(model: CaseStateReadModel): Projection {
  const names = model.columns.split(',').map((c) => c.trim().split(/\s+/)[0]);
  return {
    name: model.name,
    version: model.version,
    categories: ['case'],
    async init(sql, table) {
      await sql.query(`CREATE TABLE IF NOT EXISTS ${table} (case_id text PRIMARY KEY, version int NOT NULL, state jsonb NOT NULL, ${model.columns})`);
      for (const ddl of model.indexes?.(table) ?? []) await sql.query(ddl);
    },
    async apply(sql, events, table) {
      const cases = byCase(events);
      const states = await load(sql, table, [...cases.keys()]);
      for (const [caseId, caseEvents] of cases) {
        const state = states.get(caseId) ?? null;
        const fresh = caseEvents.filter((e) => e.version > (state?.version ?? 0));
        if (fresh.length === 0) continue;
        // The first event of a case is CaseOpened, which names its type.
        const next = fold(caseTypeModule(state?.type ?? (fresh[0].data as { type: string }).type), fresh.map(toCaseEvent), state);
        if (next) await upsert(sql, table, names, next, model.row(next));
      }
    },
  };
}

function byCase(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const id = CASE_STREAM.exec(e.streamId)?.[1];
    if (id) groups.set(id, [...(groups.get(id) ?? []), e]);
  }
  return groups;
}

/** A stored event in the domain's shape: the business instant, the clock and the document facts travel in its metadata. */
export const toCaseEvent = (e: RecordedEvent): CaseEvent => {
  const clocks = e.metadata.clocks as CaseEvent['clocks'];
  const documents = e.metadata.documents as CaseEvent['documents'];
  return { type: e.type, data: e.data as Record<string, unknown>, at: e.metadata.at, ...(clocks ? { clocks } : {}), ...(documents ? { documents } : {}) };
};

/** The current rows of every case in a batch, in one query. */
async function load(sql: SqlExecutor, table: string, caseIds: string[]): Promise<Map<string, CaseState>> {
  const { rows } = await sql.query<{ case_id: string; state: CaseState }>(`SELECT case_id, state FROM ${table} WHERE case_id = ANY($1::text[])`, [caseIds]);
  return new Map(rows.map((r) => [r.case_id, r.state]));
}

async function upsert(sql: SqlExecutor, table: string, columns: string[], s: CaseState, values: unknown[]): Promise<void> {
  const all = ['case_id', 'version', 'state', ...columns];
  const placeholders = all.map((_, i) => `$${i + 1}`).join(', ');
  const updates = all
    .slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await sql.query(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${placeholders}) ON CONFLICT (case_id) DO UPDATE SET ${updates}`, [
    s.caseId,
    s.version,
    JSON.stringify(s),
    ...values,
  ]);
}
