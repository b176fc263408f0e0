import { createHash } from 'node:crypto';
import { EventStoreError, IdempotencyConflict, WrongExpectedVersion } from '../errors';
import { canonicalJson } from '../hash-chain';
import { encodeCheckpoint } from '../checkpoint';
import type { AppendResult, ExpectedVersion, NewEvent } from '../types';
import { appendFunctionName, IDEMPOTENCY_CONFLICT_STATE, WRONG_EXPECTED_VERSION_STATE } from './append-function';
import { categoryOf } from './event-row';
import type { SqlExecutor } from './sql-client';
import { sqlErrorCode } from './sql-client';
import type { StoreTables } from './tables';

interface AppendRow {
  r_version: number;
  r_position: string;
  r_transaction: string | null;
}

function validate(streamId: string, events: readonly NewEvent[]): void {
  if (!streamId) throw new EventStoreError('streamId is required');
  const ids = new Set<string>();
  for (const event of events) {
    if (!event.id || ids.has(event.id)) throw new EventStoreError(`event id missing or repeated in batch: ${event.id}`);
    ids.add(event.id);
    if (Number.isNaN(Date.parse(event.metadata?.at))) throw new EventStoreError(`event ${event.id}: metadata.at is not an ISO instant`);
  }
}

/** The statement per store (its schema is in the function name), kept prepared on each connection under a name of its own. */
const statements = new WeakMap<StoreTables, { text: string; prepare: string }>();
function appendStatement(t: StoreTables): { text: string; prepare: string } {
  let statement = statements.get(t);
  if (!statement) {
    statement = {
      text: `SELECT r_version, r_position, r_transaction FROM ${appendFunctionName(t)}($1, $2, $3, $4, $5, $6, $7, $8)`,
      prepare: `es_append_v1_${createHash('sha256').update(t.schema).digest('hex').slice(0, 32)}`,
    };
    statements.set(t, statement);
  }
  return statement;
}

/**
 * The parameters of es_append: everything the hash covers except the version and the previous hash,
 * which only the database knows. data and metadata go as canonical JSON text: the same text is hashed
 * and parsed into jsonb (which ignores key order, so it stores what JSON.stringify would have).
 */
function appendParams(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): unknown[] {
  const n = events.length;
  const ids = new Array<string>(n);
  const types = new Array<string>(n);
  const data = new Array<string>(n);
  const metadata = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const event = events[i];
    ids[i] = event.id;
    types[i] = event.type;
    data[i] = canonicalJson(event.data ?? null);
    metadata[i] = canonicalJson(event.metadata);
  }
  return [streamId, categoryOf(streamId), String(expected), ids, types, data, metadata];
}

async function appendOnce(
  sql: SqlExecutor,
  t: StoreTables,
  params: unknown[],
  probe: boolean,
  streamId: string,
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const statement = appendStatement(t);
  try {
    const {
      rows: [row],
    } = await sql.query<AppendRow>(statement.text, [...params, probe], { prepare: statement.prepare });
    const position = String(row.r_position);
    return {
      nextVersion: Number(row.r_version),
      position,
      checkpoint: row.r_transaction === null ? '' : encodeCheckpoint(row.r_transaction, position),
    };
  } catch (error) {
    const code = sqlErrorCode(error);
    const detail = String((error as { detail?: string }).detail ?? '');
    if (code === WRONG_EXPECTED_VERSION_STATE) throw new WrongExpectedVersion(streamId, expected, Number(detail));
    if (code === IDEMPOTENCY_CONFLICT_STATE) throw new IdempotencyConflict(detail);
    throw error;
  }
}

/**
 * Appends in one statement, which is its own transaction (one round trip): see append-function.ts.
 * A unique violation means some event id is stored already (a retry, or a concurrent writer using the
 * same id): ask again, this time looking for the committed batch first, so it is judged as a retry.
 */
export async function appendToStream(
  sql: SqlExecutor,
  t: StoreTables,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion = 'any',
): Promise<AppendResult> {
  validate(streamId, events);
  const params = appendParams(streamId, events, expected);
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendOnce(sql, t, params, attempt > 1, streamId, expected);
    } catch (error) {
      // Attempt 2 can still lose a race to a writer of the same id in another stream, not yet committed when it looked.
      if (sqlErrorCode(error) !== '23505' || attempt === 3) throw error;
    }
  }
}
