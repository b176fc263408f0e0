import { GENESIS_HASH } from '../hash-chain';
import { quoteIdent } from './sql-client';
import type { StoreTables } from './tables';

/** SQLSTATEs the append function raises; the client maps them to the store's errors. */
export const IDEMPOTENCY_CONFLICT_STATE = 'ES001';
export const WRONG_EXPECTED_VERSION_STATE = 'ES002';

/** Bump the suffix whenever the body or signature changes: old and new processes can then run side by side. */
export function appendFunctionName(t: StoreTables): string {
  return `${quoteIdent(t.schema)}.${quoteIdent('es_append_v1')}`;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * One append = one statement = one round trip, atomic on its own. (Inside a transaction it must come
 * first: nothing may have written before it, see 1.)
 *
 * 1. per-stream advisory lock. It needs no transaction id, and nothing before it writes, so the xid is
 *    assigned by the INSERT below, after the lock: a later appender of the stream always has a larger
 *    xid and (transaction_id, global_position) order agrees with version order (gap-free global log);
 * 2. the stream's head (version, last hash) = its last event, read through the (stream_id, version)
 *    index: a fresh snapshot per statement (READ COMMITTED, volatile function) sees what the previous
 *    lock holder committed;
 * 3. a retried batch (event ids already stored) returns the original result, or raises ES001 when the
 *    content differs or the batch only partly repeats a committed one — checked before the version so a
 *    retry with a stale expected version is still recognised, but only when it can matter (see below);
 * 4. the expected version, ES002 with the actual version in DETAIL;
 * 5. the rows, chained: hash = sha256(prev_hash || canonical JSON). The client sends each event's data
 *    and metadata as canonical JSON; id, type and stream are quoted here by to_json, which escapes exactly
 *    as JSON.stringify does (", \, \b \f \n \r \t, other controls as lowercase \u00xx); the keys are
 *    spliced in canonicalJson's sorted order (data, id, metadata, streamId, type, version): byte-identical
 *    to hash-chain.ts eventHash over the stored event, so verifyStream holds;
 *
 * No NOTIFY here: a notifying transaction holds a database-wide lock through its commit (WAL flush
 * included), which serialises every appender's commit. The store announces appends after they commit
 * instead (wakeups.ts).
 */
export function appendFunctionSql(t: StoreTables): string {
  const lockSpace = literal(`es:${t.schema}`);
  return `CREATE OR REPLACE FUNCTION ${appendFunctionName(t)}(
    p_stream text, p_category text, p_expected text,
    p_ids text[], p_types text[], p_data text[], p_metadata text[], p_probe boolean,
    OUT r_version integer, OUT r_position text, OUT r_transaction text)
  LANGUAGE plpgsql VOLATILE AS $es_append$
  DECLARE
    v_count integer := coalesce(array_length(p_ids, 1), 0);
    v_version integer;
    v_hash text;
    v_found integer;
    v_bad text[];
    v_first text;
    v_prev text[];
    v_hashes text[];
    v_position bigint;
    v_stream_json text := to_json(p_stream)::text;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(${lockSpace}), hashtext(p_stream));

    -- The stream's head is its last event: no separate row to keep, so no hot row every appender updates.
    SELECT e.version, e.hash INTO v_version, v_hash FROM ${t.events} e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
    IF NOT FOUND THEN
      v_version := 0;
      v_hash := ${literal(GENESIS_HASH)};
    END IF;

    -- A retried batch. Looked for only when it can matter, so the usual append skips the lookups: when
    -- asked (the previous attempt hit a unique violation: some id exists) or when the version check fails
    -- (a retry whose expected version is now stale). Otherwise an existing id makes the INSERT fail with
    -- 23505 and the client asks again with p_probe.
    IF v_count > 0 AND (p_probe OR NOT (p_expected = 'any' OR p_expected = v_version::text
            OR (p_expected = 'no-stream' AND v_version = 0) OR (p_expected = 'stream-exists' AND v_version > 0))) THEN
      -- The first event (in batch order) not matching a stored one: stored with other content, or not
      -- stored while others of the batch are (then the conflict names the first stored one).
      SELECT count(e.event_id),
             (array_agg(CASE WHEN e.event_id IS NULL THEN NULL ELSE x.id END ORDER BY x.ord) FILTER (WHERE e.event_id IS NULL
                OR e.stream_id <> p_stream OR e.type <> x.type OR e.data <> x.data::jsonb OR e.metadata <> x.metadata::jsonb))[1:1],
             (array_agg(x.id ORDER BY x.ord) FILTER (WHERE e.event_id IS NOT NULL))[1]
        INTO v_found, v_bad, v_first
        FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS x(id, type, data, metadata, ord)
        LEFT JOIN ${t.events} e ON e.event_id = x.id;
      IF v_found > 0 THEN
        IF cardinality(v_bad) > 0 THEN
          v_first := coalesce(v_bad[1], v_first);
          RAISE EXCEPTION 'event % was already appended with different content', v_first
            USING ERRCODE = '${IDEMPOTENCY_CONFLICT_STATE}', DETAIL = v_first;
        END IF;
        SELECT e.version, e.global_position::text, e.transaction_id::text INTO r_version, r_position, r_transaction
          FROM ${t.events} e WHERE e.event_id = ANY(p_ids) ORDER BY e.version DESC LIMIT 1;
        RETURN;
      END IF;
    END IF;

    IF NOT (p_expected = 'any' OR p_expected = v_version::text
            OR (p_expected = 'no-stream' AND v_version = 0) OR (p_expected = 'stream-exists' AND v_version > 0)) THEN
      RAISE EXCEPTION 'stream %: expected version %, actual %', p_stream, p_expected, v_version
        USING ERRCODE = '${WRONG_EXPECTED_VERSION_STATE}', DETAIL = v_version::text;
    END IF;

    IF v_count = 0 THEN
      r_version := v_version;
      r_position := '0';
      r_transaction := NULL;
      RETURN;
    END IF;

    FOR i IN 1 .. v_count LOOP
      v_prev[i] := v_hash;
      v_hash := encode(sha256(convert_to(v_hash || '{"data":' || p_data[i] || ',"id":' || to_json(p_ids[i])::text || ',"metadata":' || p_metadata[i]
        || ',"streamId":' || v_stream_json || ',"type":' || to_json(p_types[i])::text || ',"version":' || (v_version + i)::text || '}', 'UTF8')), 'hex');
      v_hashes[i] := v_hash;
    END LOOP;

    INSERT INTO ${t.events}
        (transaction_id, event_id, stream_id, category, version, type, data, metadata, occurred_at, prev_hash, hash)
      SELECT pg_current_xact_id(), x.id, p_stream, p_category, v_version + x.ord::integer, x.type, x.data::jsonb, m.metadata,
             (m.metadata->>'at')::timestamptz, v_prev[x.ord], v_hashes[x.ord]
        FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS x(id, type, data, metadata, ord)
        CROSS JOIN LATERAL (SELECT x.metadata::jsonb AS metadata) m
       ORDER BY x.ord;
    -- The rows took positions in version order; this session's last one is the batch's last.
    v_position := currval(${literal(`${quoteIdent(t.schema)}.${quoteIdent('es_events_global_position_seq')}`)});

    r_version := v_version + v_count;
    r_position := v_position::text;
    r_transaction := pg_current_xact_id()::text;
  END
  $es_append$`;
}
