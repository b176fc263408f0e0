import type { SqlExecutor } from '../event-store/postgres/sql-client';
import type { RecordedEvent } from '../event-store/types';

/**
 * A read model fed from the global log. `table` is a bare identifier (no schema, no quotes) that
 * changes during a rebuild: derive index names from it (e.g. `${table}_opened`) and never hard-code
 * the table name. init and apply run inside the runner's transaction.
 */
export interface Projection {
  /** Identity of the checkpoint row and of the leader lock. */
  name: string;
  /** Bump when init/apply change meaning: the runner rebuilds on start while the old table keeps serving. */
  version?: number;
  /** Table readers query (default `rm_<name>`). */
  table?: string;
  /**
   * Read models this one took over (their default tables `rm_<name>`): they keep serving, frozen, until this
   * one's table at its version is swapped in, which drops them and their checkpoints.
   */
  retires?: string[];
  /** Only these events are delivered (default: all). */
  types?: string[];
  categories?: string[];
  init(sql: SqlExecutor, table: string): Promise<void>;
  /**
   * Whether apply can change the table for this event (default: every delivered event can). A live batch
   * of none of them is not applied at all: no transaction, and its checkpoint is stored with a later one.
   */
  changes?(event: RecordedEvent): boolean;
  apply(sql: SqlExecutor, events: RecordedEvent[], table: string): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function tableOf(projection: Projection): string {
  const table = projection.table ?? `rm_${projection.name}`;
  if (!IDENTIFIER.test(table)) throw new Error(`projection ${projection.name}: table "${table}" must be a lowercase SQL identifier`);
  return table;
}

export function versionOf(projection: Projection): number {
  return projection.version ?? 1;
}

/** The table a rebuild fills: a new generation each time, so index names derived from it never collide. */
export function rebuildTableOf(projection: Projection, generation: number): string {
  return `${tableOf(projection)}_g${generation}`;
}
