import type { Logger } from 'pino';
import { createProjectionRunner, type ProjectionRunner } from '../../projections';
import { readModels, readModelViews } from '../../projections/read-models';
import { sharedTransactions } from '../../projections/shared-transactions';
import { versionOf } from '../../projections/projection';
import type { Stores } from './stores';

export interface RunningProjections {
  /** By view name (`queues` is the cases' runner). */
  runners: Map<string, ProjectionRunner>;
  tableOf(view: string): string;
  /** Throws when a runner has stopped: /health turns 503. */
  assertRunning(): void;
  stop(): Promise<void>;
}

/**
 * Starts one checkpointed runner per read model; with several replicas, one leads each projection. `settleMs`: how
 * long a live runner waits after a wake-up (PROJECTION_SETTLE_MS), so that the appends of that moment share one batch.
 */
export async function startProjections(stores: Stores, log: Logger, { settleMs }: { settleMs?: number } = {}): Promise<RunningProjections> {
  const byName = new Map<string, ProjectionRunner>();
  // The read models apply the same batches at the same moment: their commits share one transaction.
  const sql = sharedTransactions(stores.readDb);
  for (const [name, projection] of Object.entries(readModels)) {
    const runner = createProjectionRunner({
      store: stores.store,
      sql,
      projection,
      ...(settleMs !== undefined ? { settleMs } : {}),
      onError: (e) => log.error({ err: e, projection: name }, 'projection error'),
    });
    await runner.start();
    byName.set(name, runner);
  }
  const runners = new Map(Object.entries(readModelViews).map(([view, name]) => [view, byName.get(name)!]));
  return {
    runners,
    tableOf(view) {
      const name = readModelViews[view];
      const runner = byName.get(name)!;
      // A view with its own table before its read model took it over reads that table (frozen) until the
      // read model's table at its version is swapped in: the upgrade's rebuild, as any rebuild, keeps serving.
      const retired = readModels[name].retires?.includes(view) && runner.status().tableVersion < versionOf(readModels[name]);
      return retired ? `rm_${view}` : runner.table;
    },
    assertRunning() {
      const stopped = [...byName.values()].filter((r) => r.status().state === 'stopped');
      if (stopped.length) throw new Error(`projections stopped: ${stopped.map((r) => r.name).join(', ')}`);
    },
    async stop() {
      for (const r of byName.values()) await r.stop();
    },
  };
}
