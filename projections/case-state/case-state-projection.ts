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
 * The read models built on this all receive the same events: the first of them to reach a version of a
 * case folds and serialises it, the others take that state (see `folded`) and read only their rows'
 * versions, not the states stored in them.
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
      const versions = await loadVersions(sql, table, [...cases.keys()]);
      const due: { caseId: string; fresh: RecordedEvent[]; ready?: Folded }[] = [];
      for (const [caseId, caseEvents] of cases) {
        const fresh = caseEvents.filter((e) => e.version > (versions.get(caseId) ?? 0));
        if (fresh.length > 0) due.push({ caseId, fresh, ready: folded.at(caseId, fresh[fresh.length - 1].version) });
      }
      // Only the cases no other read model has folded this far need their stored state.
      const states = await load(
        sql,
        table,
        due.filter((d) => !d.ready && versions.has(d.caseId)).map((d) => d.caseId),
      );
      for (const { caseId, fresh, ready } of due) {
        const state = states.get(caseId) ?? null;
        // The first event of a case is CaseOpened, which names its type.
        const next =
          ready ?? folded.remember(caseId, fold(caseTypeModule(state?.type ?? (fresh[0].data as { type: string }).type), fresh.map(toCaseEvent), state));
        if (next) await upsert(sql, table, names, next, model.row(next.state));
      }
    },
  };
}

/** A case's state at a version with its JSON, as stored in every read model that keeps it. */
interface Folded {
  state: CaseState;
  json: string;
}

/**
 * The states this process's read models folded last, by case: the same case at the same version is the
 * same state whoever folds it (the events are the log's, never changed), so it is folded and serialised
 * once instead of once per read model. Only a state at exactly the version a read model needs is taken;
 * anything else (a restart, a rebuild, a case not seen lately) folds from the row as before.
 */
const folded = new (class FoldedCases {
  private readonly cases = new Map<string, Folded>();
  /** The cases in flight between the read models, not a cache of every case. */
  private readonly keep = 2_000;

  at(caseId: string, version: number): Folded | undefined {
    const known = this.cases.get(caseId);
    return known?.state.version === version ? known : undefined;
  }

  remember(caseId: string, state: CaseState | null): Folded | undefined {
    if (!state) return undefined;
    const entry = { state, json: JSON.stringify(state) };
    const known = this.cases.get(caseId);
    if (known && known.state.version > state.version) return entry; // a read model behind the others: theirs stays
    this.cases.delete(caseId);
    this.cases.set(caseId, entry);
    if (this.cases.size > this.keep) this.cases.delete(this.cases.keys().next().value!);
    return entry;
  }
})();

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

/** The versions of the rows of every case in a batch, in one query. */
async function loadVersions(sql: SqlExecutor, table: string, caseIds: string[]): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ case_id: string; version: number }>(`SELECT case_id, version FROM ${table} WHERE case_id = ANY($1::text[])`, [caseIds]);
  return new Map(rows.map((r) => [r.case_id, Number(r.version)]));
}

/** The stored states of these cases, in one query. */
async function load(sql: SqlExecutor, table: string, caseIds: string[]): Promise<Map<string, CaseState>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await sql.query<{ case_id: string; state: CaseState }>(`SELECT case_id, state FROM ${table} WHERE case_id = ANY($1::text[])`, [caseIds]);
  return new Map(rows.map((r) => [r.case_id, r.state]));
}

async function upsert(sql: SqlExecutor, table: string, columns: string[], { state: s, json }: Folded, values: unknown[]): Promise<void> {
  const all = ['case_id', 'version', 'state', ...columns];
  const placeholders = all.map((_, i) => `$${i + 1}`).join(', ');
  const updates = all
    .slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await sql.query(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${placeholders}) ON CONFLICT (case_id) DO UPDATE SET ${updates}`, [
    s.caseId,
    s.version,
    json,
    ...values,
  ]);
}
