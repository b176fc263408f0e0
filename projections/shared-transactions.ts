import type { SqlClient, SqlExecutor } from '../event-store/postgres/sql-client';

interface Work {
  fn: (tx: SqlExecutor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One per database handle, like the leader locks' in-process guard, which is keyed by the handle. */
const shared = new WeakMap<SqlClient, SqlClient>();

/**
 * The read models that follow the case log are woken by the same append and get the same batch at the same
 * moment (the event store shares the read), and each then commits its change together with its checkpoint.
 * Through this client, the transactions asked for in the same turn of the event loop run as one: one BEGIN and
 * one COMMIT for all of them instead of one each, and one connection. Each piece of work keeps its guarantee,
 * since all of them commit together or none does. If the shared transaction fails, each piece of work runs
 * again alone, so one read model's failure (a fenced checkpoint, an event it cannot apply) never holds back
 * the others: they commit as they would have on their own, and the failing one gets its own error.
 */
export function sharedTransactions(sql: SqlClient): SqlClient {
  let client = shared.get(sql);
  if (!client) shared.set(sql, (client = gatheringTransactions(sql)));
  return client;
}

function gatheringTransactions(sql: SqlClient): SqlClient {
  let gathering: Work[] | null = null;

  const runAlone = (work: Work) => sql.transaction(work.fn).then(work.resolve, work.reject);

  const runTogether = async (works: Work[]) => {
    if (works.length === 1) return runAlone(works[0]);
    let results: unknown[];
    try {
      results = await sql.transaction(async (tx) => {
        const done: unknown[] = [];
        for (const work of works) done.push(await work.fn(tx));
        return done;
      });
    } catch {
      // Rolled back: nothing of it happened. Each again on its own, which is what the caller asked for.
      await Promise.all(works.map(runAlone));
      return;
    }
    works.forEach((work, i) => work.resolve(results[i]));
  };

  return {
    ...sql,
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (!gathering) {
          const works: Work[] = (gathering = []);
          // After the callbacks of the current turn (the subscribers of one shared read) have asked.
          setImmediate(() => {
            gathering = null;
            void runTogether(works);
          });
        }
        gathering.push({ fn, resolve: (value) => resolve(value as T), reject });
      });
    },
  };
}
