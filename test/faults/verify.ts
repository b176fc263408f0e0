// The fault suite's verdict on the event store: given every command the client saw acknowledged and the
// rows of the case streams, what was lost and what happened twice. Pure functions over plain rows (so a
// store copy can be checked, and the self-test can doctor one), plus the queries that read those rows and
// compare each read model with a rebuild from the log.
import type { SqlClient, SqlExecutor } from '../../event-store/postgres/sql-client';
import type { EventStore } from '../../event-store/types';
import { type Projection, tableOf } from '../../projections/projection';
import { readModels } from '../../projections/read-models';
import { replayInto } from '../../projections/replay';

/** A command the API answered 2xx (or whose effect a retry proved), by the id the workflow stamps on its events. */
export interface AckedCommand {
  caseId: string;
  /** `idFromKey(caller, Idempotency-Key)`: the API's command id (apps/api/cases/case-commands.ts). */
  commandId: string;
  /** `open` or the action's name: for the report only. */
  command: string;
}

/** One row of a case stream, as much of it as the verdict needs. */
export interface StoredEvent {
  streamId: string;
  version: number;
  type: string;
  commandId: string;
}

/** Event types a case has at most once, whatever happens: a second one is a command applied twice. */
export const ONCE_PER_CASE = ['CaseOpened', 'CaseAccepted'];

export interface StoreVerdict {
  /** Acknowledged commands with no event in their case's stream (plus versions missing beyond those). */
  lost: number;
  /** Commands applied more than once (plus once-per-case events repeated beyond those). */
  duplicated: number;
  lostCommands: AckedCommand[];
  duplicatedCommands: AckedCommand[];
  /** Streams whose versions are not 1..n without a gap. */
  brokenStreams: string[];
}

export const streamOf = (caseId: string) => `case-${caseId}`;

/**
 * Each command commits its events in one append (workflows/case-workflow.ts, `commit`): one application is
 * one run of consecutive versions. Two runs, or the run's first event type coming back within it, is a
 * second application. Losses are counted per stream: an acknowledged command with no event, and any
 * version missing from the stream that such a command does not already explain.
 */
export function verifyStore(acked: AckedCommand[], events: StoredEvent[]): StoreVerdict {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  for (const stream of byStream.values()) stream.sort((a, b) => a.version - b.version);

  const lostCommands: AckedCommand[] = [];
  const duplicatedCommands: AckedCommand[] = [];
  const lostIn = new Map<string, number>();
  const duplicatedIn = new Map<string, number>();
  const seen = new Set<string>();
  for (const command of acked) {
    const key = `${command.caseId}\n${command.commandId}`;
    if (seen.has(key)) continue; // the same command acknowledged again on a retry
    seen.add(key);
    const streamId = streamOf(command.caseId);
    const own = (byStream.get(streamId) ?? []).filter((e) => e.commandId === command.commandId);
    if (own.length === 0) {
      lostCommands.push(command);
      lostIn.set(streamId, (lostIn.get(streamId) ?? 0) + 1);
    } else if (appliedMoreThanOnce(own)) {
      duplicatedCommands.push(command);
      duplicatedIn.set(streamId, (duplicatedIn.get(streamId) ?? 0) + 1);
    }
  }

  let lost = lostCommands.length;
  let duplicated = duplicatedCommands.length;
  const brokenStreams: string[] = [];
  for (const [streamId, stream] of byStream) {
    const missing = missingVersions(stream);
    if (missing > 0) brokenStreams.push(streamId);
    lost += Math.max(0, missing - (lostIn.get(streamId) ?? 0));
    const repeats = ONCE_PER_CASE.reduce((n, type) => n + Math.max(0, stream.filter((e) => e.type === type).length - 1), 0);
    duplicated += Math.max(0, repeats - (duplicatedIn.get(streamId) ?? 0));
  }
  return { lost, duplicated, lostCommands, duplicatedCommands, brokenStreams };
}

function appliedMoreThanOnce(own: StoredEvent[]): boolean {
  const runs = own.filter((e, i) => i === 0 || e.version !== own[i - 1].version + 1).length;
  return runs > 1 || own.slice(1).some((e) => e.type === own[0].type);
}

/** Versions between 1 and the stream's last one that are not there (a duplicate version cannot exist: unique key). */
function missingVersions(stream: StoredEvent[]): number {
  const last = stream.length === 0 ? 0 : stream[stream.length - 1].version;
  return last - new Set(stream.map((e) => e.version)).size;
}

/** Every case stream's rows, from the store's table (`es_events` in the store's schema). */
export async function readCaseEvents(sql: SqlExecutor, eventsTable: string): Promise<StoredEvent[]> {
  const { rows } = await sql.query<{ stream_id: string; version: number; type: string; command_id: string | null }>(
    `SELECT stream_id, version, type, metadata->>'commandId' AS command_id FROM ${eventsTable} WHERE category = 'case' ORDER BY stream_id, version`,
  );
  return rows.map((r) => ({ streamId: r.stream_id, version: Number(r.version), type: r.type, commandId: r.command_id ?? '' }));
}

export interface ReadModelDifference {
  readModel: string;
  /** Rows in one table and not in the other (both ways). */
  differingRows: number;
}

/**
 * Rebuilds each read model from the whole log into a table of its own (with the projection's own code, as
 * `POST /admin/projections/{name}/rebuild` does) and compares it row for row with the live table.
 */
export async function compareWithRebuild(store: EventStore, sql: SqlClient, models: Record<string, Projection> = readModels): Promise<ReadModelDifference[]> {
  const differences: ReadModelDifference[] = [];
  for (const [name, projection] of Object.entries(models)) {
    const live = tableOf(projection);
    const rebuilt = `${live}_faultcheck`;
    await sql.query(`DROP TABLE IF EXISTS ${rebuilt}`);
    await projection.init(sql, rebuilt);
    try {
      await replayInto({ store, sql, projection, table: rebuilt, batchSize: 1_000, shouldStop: () => false, onProgress: () => undefined }, '');
      const { rows } = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM ((SELECT * FROM ${live} EXCEPT ALL SELECT * FROM ${rebuilt}) UNION ALL (SELECT * FROM ${rebuilt} EXCEPT ALL SELECT * FROM ${live})) d`,
      );
      differences.push({ readModel: name, differingRows: Number(rows[0].n) });
    } finally {
      await sql.query(`DROP TABLE IF EXISTS ${rebuilt}`);
    }
  }
  return differences;
}
