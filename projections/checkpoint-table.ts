import type { SqlExecutor } from '../event-store/postgres/sql-client';
import type { Checkpoint } from '../event-store/types';

/** One row per projection: where it is in the log, which version built its table, which rebuild generation is next. */
export interface CheckpointRow {
  name: string;
  version: number;
  checkpoint: Checkpoint;
  generation: number;
}

/** Another process moved the checkpoint under us: we are no longer the only writer, so stop. */
export class CheckpointFenced extends Error {
  constructor(readonly projection: string) {
    super(`projection ${projection}: checkpoint was moved by another runner`);
    this.name = 'CheckpointFenced';
  }
}

export async function ensureCheckpointTable(sql: SqlExecutor): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS proj_checkpoints (
    name        text PRIMARY KEY,
    version     integer NOT NULL,
    checkpoint  text NOT NULL,
    generation  integer NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function loadCheckpoint(sql: SqlExecutor, name: string): Promise<CheckpointRow | null> {
  const { rows } = await sql.query<CheckpointRow>('SELECT name, version, checkpoint, generation FROM proj_checkpoints WHERE name = $1', [name]);
  return rows[0] ?? null;
}

export async function insertCheckpoint(sql: SqlExecutor, row: CheckpointRow): Promise<void> {
  await sql.query('INSERT INTO proj_checkpoints (name, version, checkpoint, generation) VALUES ($1, $2, $3, $4)', [
    row.name,
    row.version,
    row.checkpoint,
    row.generation,
  ]);
}

/** Compare-and-set: only moves from the checkpoint this runner last committed. */
export async function advanceCheckpoint(sql: SqlExecutor, name: string, from: Checkpoint, to: Checkpoint): Promise<void> {
  const { rowCount } = await sql.query('UPDATE proj_checkpoints SET checkpoint = $3, updated_at = now() WHERE name = $1 AND checkpoint = $2', [name, from, to]);
  if (rowCount !== 1) throw new CheckpointFenced(name);
}

/** Reserves the next rebuild generation durably, so a restart never reuses a live table's index names. */
export async function nextGeneration(sql: SqlExecutor, name: string): Promise<number> {
  const { rows } = await sql.query<{ generation: number }>('UPDATE proj_checkpoints SET generation = generation + 1 WHERE name = $1 RETURNING generation', [
    name,
  ]);
  if (!rows[0]) throw new Error(`projection ${name}: no checkpoint row`);
  return Number(rows[0].generation);
}

export async function replaceCheckpoint(sql: SqlExecutor, name: string, version: number, checkpoint: Checkpoint): Promise<void> {
  await sql.query('UPDATE proj_checkpoints SET version = $2, checkpoint = $3, updated_at = now() WHERE name = $1', [name, version, checkpoint]);
}
