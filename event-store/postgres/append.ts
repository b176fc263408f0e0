import { EventStoreError, IdempotencyConflict, WrongExpectedVersion } from '../errors';
import { canonicalJson, eventHash, GENESIS_HASH } from '../hash-chain';
import { encodeCheckpoint } from '../checkpoint';
import type { AppendResult, ExpectedVersion, NewEvent } from '../types';
import { categoryOf } from './event-row';
import type { SqlClient, SqlExecutor } from './sql-client';
import { sqlErrorCode } from './sql-client';
import type { StoreTables } from './tables';

interface StreamRow {
  version: number;
  last_hash: string;
}

interface ExistingEventRow {
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: unknown;
  position: string;
  transaction_id: string;
}

/** What makes a retry "the same event": everything the producer supplied, plus the stream. */
function producerContent(streamId: string, event: { id: string; type: string; data: unknown; metadata: unknown }): string {
  return canonicalJson({ streamId, id: event.id, type: event.type, data: event.data, metadata: event.metadata });
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

function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 0) ||
    (expected === 'stream-exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersion(streamId, expected, actual);
}

/** A retried batch that is already committed: same ids, same content, same stream → the original result. */
async function findCommittedBatch(
  tx: SqlExecutor,
  t: StoreTables,
  streamId: string,
  events: readonly NewEvent[],
): Promise<AppendResult | null> {
  const { rows: existing } = await tx.query<ExistingEventRow>(
    `SELECT event_id, stream_id, version, type, data, metadata,
            global_position::text AS position, transaction_id::text AS transaction_id
       FROM ${t.events} WHERE event_id = ANY($1::text[])`,
    [events.map((e) => e.id)],
  );
  if (existing.length === 0) return null;
  const byId = new Map(existing.map((row) => [row.event_id, row]));
  for (const event of events) {
    const row = byId.get(event.id);
    // Part of a batch already written elsewhere, or different content: never silently accepted.
    if (!row || producerContent(row.stream_id, { ...row, id: row.event_id }) !== producerContent(streamId, event)) {
      throw new IdempotencyConflict(row ? event.id : existing[0]!.event_id);
    }
  }
  const last = existing.reduce((a, b) => (Number(b.version) > Number(a.version) ? b : a));
  return {
    nextVersion: Number(last.version),
    position: last.position,
    checkpoint: encodeCheckpoint(last.transaction_id, last.position),
  };
}

/**
 * Serialises appends to one stream. The advisory lock comes first because it needs no transaction id:
 * the xid is assigned only by the writes after it, so a later appender of the stream always gets a
 * larger xid and (transaction_id, position) order agrees with version order. (Taking FOR UPDATE first
 * would assign the xid while waiting, and waiters are not woken in xid order.)
 */
async function lockStream(tx: SqlExecutor, t: StoreTables, streamId: string): Promise<StreamRow> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`es:${t.schema}`, streamId]);
  await tx.query(
    `INSERT INTO ${t.streams} (stream_id, category, version, last_hash) VALUES ($1, $2, 0, $3)
     ON CONFLICT (stream_id) DO NOTHING`,
    [streamId, categoryOf(streamId), GENESIS_HASH],
  );
  const {
    rows: [row],
  } = await tx.query<StreamRow>(`SELECT version, last_hash FROM ${t.streams} WHERE stream_id = $1 FOR UPDATE`, [
    streamId,
  ]);
  return { version: Number(row!.version), last_hash: row!.last_hash };
}

async function appendOnce(
  sql: SqlClient,
  t: StoreTables,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): Promise<AppendResult> {
  return sql.transaction(async (tx) => {
    const stream = await lockStream(tx, t, streamId);
    // Checked after the lock: a concurrent identical retry has committed by now and is seen here.
    const committed = events.length > 0 ? await findCommittedBatch(tx, t, streamId, events) : null;
    if (committed) return committed;
    checkExpectedVersion(streamId, expected, stream.version);
    if (events.length === 0) return { nextVersion: stream.version, position: '0', checkpoint: '' };

    let prevHash = stream.last_hash;
    const rows = events.map((event, index) => {
      const version = stream.version + index + 1;
      const hash = eventHash(prevHash, { streamId, version, id: event.id, type: event.type, data: event.data, metadata: event.metadata });
      const row = { version, prevHash, hash };
      prevHash = hash;
      return row;
    });
    const { rows: inserted } = await tx.query<{ position: string; transaction_id: string }>(
      `INSERT INTO ${t.events}
         (transaction_id, event_id, stream_id, category, version, type, data, metadata, occurred_at, prev_hash, hash)
       SELECT pg_current_xact_id(), e.id, $1, $2, e.version, e.type, e.data, e.metadata, (e.metadata->>'at')::timestamptz,
              e.prev_hash, e.hash
         FROM unnest($3::text[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])
              AS e(id, version, type, data, metadata, prev_hash, hash)
       ORDER BY e.version
       RETURNING global_position::text AS position, transaction_id::text AS transaction_id`,
      [
        streamId,
        categoryOf(streamId),
        events.map((e) => e.id),
        rows.map((r) => r.version),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data ?? null)),
        events.map((e) => JSON.stringify(e.metadata)),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
      ],
    );
    const nextVersion = stream.version + events.length;
    await tx.query(`UPDATE ${t.streams} SET version = $2, last_hash = $3, updated_at = now() WHERE stream_id = $1`, [
      streamId,
      nextVersion,
      prevHash,
    ]);
    // Delivered at commit: wakes live subscribers without them polling.
    await tx.query('SELECT pg_notify($1, $2)', [t.channel, '']);
    const last = inserted.reduce((a, b) => (BigInt(b.position) > BigInt(a.position) ? b : a));
    return { nextVersion, position: last.position, checkpoint: encodeCheckpoint(last.transaction_id, last.position) };
  });
}

/** Appends in one transaction. A unique-violation on event_id means a concurrent writer used the same id: retry once so it is judged as a retry. */
export async function appendToStream(
  sql: SqlClient,
  t: StoreTables,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion = 'any',
): Promise<AppendResult> {
  validate(streamId, events);
  try {
    return await appendOnce(sql, t, streamId, events, expected);
  } catch (error) {
    if (sqlErrorCode(error) !== '23505') throw error;
    return appendOnce(sql, t, streamId, events, expected);
  }
}
