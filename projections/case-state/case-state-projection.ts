import { caseTypeModule, fold, type CaseEvent, type CaseState } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import type { RecordedEvent } from '../../event-store/types';
import type { Projection } from '../projection';

const CASE_STREAM = /^case-(.+)$/;

export interface CaseStateReadModel {
  name: string;
  version?: number;
  retires?: string[];
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
 * case folds and serialises it, the others take that state (see `folded`) and read nothing from their
 * tables: the upsert itself keeps a row that holds that version already.
 */
export function caseStateProjection(model: CaseStateReadModel): Projection {
  const names = model.columns.split(',').map((c) => c.trim().split(/\s+/)[0]);
  return {
    name: model.name,
    version: model.version,
    retires: model.retires,
    categories: ['case'],
    async init(sql, table) {
      await sql.query(`CREATE TABLE IF NOT EXISTS ${table} (case_id text PRIMARY KEY, version int NOT NULL, state jsonb NOT NULL, ${model.columns})`);
      for (const ddl of model.indexes?.(table) ?? []) await sql.query(ddl);
    },
    async apply(sql, events, table) {
      const cases = byCase(events);
      // Taken now: folding other cases (here or in another read model meanwhile) may push these out of `folded`.
      const ready = new Map(
        [...cases].map(([caseId, caseEvents]) => [caseId, folded.at(caseId, caseEvents[caseEvents.length - 1].version) ?? folded.onTopOf(caseId, caseEvents)]),
      );
      // Only the cases no other read model has folded to this batch's last version need their stored row.
      const rows = await load(
        sql,
        table,
        [...ready].filter(([, state]) => !state).map(([caseId]) => caseId),
      );
      const changed: Folded[] = [];
      for (const [caseId, caseEvents] of cases) {
        let next = ready.get(caseId);
        if (!next) {
          const state = foldAfter(rows.get(caseId) ?? null, caseEvents);
          if (!state) continue;
          next = folded.remember(caseId, state);
        }
        if (next) changed.push(next);
      }
      await upsert(sql, table, names, changed, (s) => model.row(s));
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

  /**
   * The case folded from the state kept here when these events follow it directly (the next version after it), or from
   * nothing when they start at its first version: a case this process saw lately, or a new one, needs no read of its
   * row. The state at a version is the same whichever row it is folded on, so this is what folding the stored row would
   * give; the upsert still keeps a row that is further on already.
   */
  onTopOf(caseId: string, events: RecordedEvent[]): Folded | undefined {
    const known = this.cases.get(caseId)?.state;
    const after = known?.version ?? 0;
    if (events.find((e) => e.version > after)?.version !== after + 1) return undefined;
    return this.remember(caseId, foldAfter(known ? { version: after, state: known } : null, events));
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

/** The events after a case's version folded on its state (or from nothing: the first event, CaseOpened, names its type); null if none is after it. */
function foldAfter(base: { version: number; state: CaseState } | null, events: RecordedEvent[]): CaseState | null {
  const fresh = events.filter((e) => e.version > (base?.version ?? 0));
  if (fresh.length === 0) return null;
  return fold(caseTypeModule(base?.state.type ?? (fresh[0].data as { type: string }).type), fresh.map(toCaseEvent), base?.state ?? null);
}

/** The stored rows (version and state) of these cases, in one query. */
async function load(sql: SqlExecutor, table: string, caseIds: string[]): Promise<Map<string, { version: number; state: CaseState }>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await sql.query<{ case_id: string; version: number; state: CaseState }>(
    `SELECT case_id, version, state FROM ${table} WHERE case_id = ANY($1::text[])`,
    [caseIds],
  );
  return new Map(rows.map((r) => [r.case_id, { version: Number(r.version), state: r.state }]));
}

/** Rows in one statement: a live batch's cases at once (one round trip, not one per case), a rebuild's in chunks. */
const ROWS_PER_STATEMENT = 500;

async function upsert(sql: SqlExecutor, table: string, columns: string[], cases: Folded[], row: (state: CaseState) => unknown[]): Promise<void> {
  const all = ['case_id', 'version', 'state', ...columns];
  const updates = all
    .slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  for (let from = 0; from < cases.length; from += ROWS_PER_STATEMENT) {
    const chunk = cases.slice(from, from + ROWS_PER_STATEMENT);
    // Each case once (apply groups its events by case): one statement may not change a row twice.
    const values = chunk.map((_, r) => `(${all.map((_, i) => `$${r * all.length + i + 1}`).join(', ')})`).join(', ');
    // A row at this version or later stays as it is: these events were applied to it already.
    await sql.query(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES ${values} ON CONFLICT (case_id) DO UPDATE SET ${updates} WHERE ${table}.version < EXCLUDED.version`,
      chunk.flatMap(({ state: s, json }) => [s.caseId, s.version, json, ...row(s)]),
    );
  }
}
