import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SqlClient } from '../../event-store/postgres';

/**
 * Worker liveness for readiness. Temporal's poller list (DescribeTaskQueue) keeps a worker for about a
 * minute after it stopped polling, so a frozen or dead worker looked alive while every command stalled.
 * Instead each worker writes a row here every second while it runs, in the database the event store and
 * read models already use (PostgreSQL or PGlite): the API finds it there whether the worker is in its own
 * process (server profile) or the same one (embedded). Both sides use the database's clock, so clocks of
 * different machines never have to agree.
 */
export const HEARTBEAT_TABLE = 'casework_worker_heartbeats';

/** How often a running worker writes its row. */
export const HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * Readiness wants a row younger than this: three missed beats. Small enough that a frozen worker turns
 * /health 503 within 5 s of its last beat, large enough that a busy event loop or a slow write does not.
 */
export const HEARTBEAT_MAX_AGE_MS = 3_000;

/** Rows of workers that vanished without deleting theirs are pruned after this long (at each start). */
const STALE_ROW_MS = 60 * 60 * 1000;

const DDL = `CREATE TABLE IF NOT EXISTS ${HEARTBEAT_TABLE} (
  worker_id text PRIMARY KEY,
  task_queue text NOT NULL,
  at timestamptz NOT NULL
)`;

export interface WorkerHeartbeat {
  readonly workerId: string;
  /** Stops beating and deletes the row, so readiness sees the stop at once rather than after the max age. */
  stop(): Promise<void>;
}

/**
 * Beats for one worker while `running()` says it runs. A beat that has not finished is never overlapped by
 * the next; a failed write is logged once per outage (the database being down is readiness's concern too).
 */
export async function startWorkerHeartbeat(sql: SqlClient, taskQueue: string, running: () => boolean, log: Logger): Promise<WorkerHeartbeat> {
  await createTable(sql);
  await sql.query(`DELETE FROM ${HEARTBEAT_TABLE} WHERE at < now() - make_interval(secs => $1)`, [STALE_ROW_MS / 1000]);
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let busy = false;
  let failing = false;
  const beat = async () => {
    if (busy || !running()) return;
    busy = true;
    try {
      await sql.query(
        `INSERT INTO ${HEARTBEAT_TABLE} (worker_id, task_queue, at) VALUES ($1, $2, now())
         ON CONFLICT (worker_id) DO UPDATE SET at = now(), task_queue = excluded.task_queue`,
        [workerId, taskQueue],
      );
      if (failing) log.info('worker heartbeat written again');
      failing = false;
    } catch (e) {
      if (!failing) log.warn({ code: (e as { code?: unknown }).code }, 'worker heartbeat could not be written');
      failing = true;
    } finally {
      busy = false;
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      // Bounded: with the database unreachable a stop must not hang here; the row then simply ages out.
      const deleted = sql.query(`DELETE FROM ${HEARTBEAT_TABLE} WHERE worker_id = $1`, [workerId]).catch(() => undefined);
      await Promise.race([deleted, new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
}

/** Readiness: throws unless some worker of `taskQueue` beat within HEARTBEAT_MAX_AGE_MS. */
export async function assertWorkerHeartbeat(sql: SqlClient, taskQueue: string, maxAgeMs = HEARTBEAT_MAX_AGE_MS): Promise<void> {
  let alive: number;
  try {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${HEARTBEAT_TABLE} WHERE task_queue = $1 AND at > now() - make_interval(secs => $2)`,
      [taskQueue, maxAgeMs / 1000],
    );
    alive = rows[0]?.n ?? 0;
  } catch (e) {
    // No worker has ever started on this database: the table is not there yet.
    if ((e as { code?: unknown }).code === '42P01') alive = 0;
    else throw e;
  }
  if (alive === 0) throw new Error(`no worker of task queue ${taskQueue} beat within ${maxAgeMs} ms`);
}

/** Two workers starting at once may both try to create the table; the loser finds it there. */
async function createTable(sql: SqlClient): Promise<void> {
  try {
    await sql.query(DDL);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P07') throw e;
  }
}
