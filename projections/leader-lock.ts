import type { SqlClient } from '../event-store/postgres/sql-client';

export interface Leadership {
  /** Called once if the lock's connection dies: leadership is gone. */
  onLost(handler: () => void): void;
  release(): Promise<void>;
}

/** Keys held in this process, per database handle: the only exclusion PGlite's single connection can give. */
const heldInProcess = new WeakMap<SqlClient, Set<string>>();

/**
 * One leader per key across processes: a session-level pg_try_advisory_lock on a dedicated
 * connection, keyed by schema too so separate schemas (test runs) never contend.
 */
export async function tryLeadership(sql: SqlClient, key: string): Promise<Leadership | null> {
  const held = heldInProcess.get(sql) ?? new Set<string>();
  heldInProcess.set(sql, held);
  if (held.has(key)) return null;
  held.add(key);
  const session = await sql.session().catch((error: unknown) => {
    held.delete(key);
    throw error;
  });
  let locked: boolean;
  try {
    const { rows } = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext(current_schema() || ':' || $1)) AS locked`, [key]);
    locked = rows[0]?.locked === true;
  } catch (error) {
    held.delete(key);
    await session.release();
    throw error;
  }
  if (!locked) {
    held.delete(key);
    await session.release();
    return null;
  }
  let released = false;
  return {
    onLost(handler) {
      session.onLost(() => {
        held.delete(key);
        if (!released) handler();
      });
    },
    async release() {
      if (released) return;
      released = true;
      held.delete(key);
      // Closing a dedicated session frees the lock; PGlite's shared session needs the explicit unlock.
      if (sql.singleConnection) await session.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || ':' || $1))`, [key]).catch(() => undefined);
      await session.release();
    },
  };
}
