import type { Logger } from 'pino';
import { createProjectionRunner, type ProjectionRunner } from '../../projections';
import { readModels } from '../../projections/read-models';
import { sharedTransactions } from '../../projections/shared-transactions';
import type { Stores } from './stores';

export interface RunningProjections {
  runners: Map<string, ProjectionRunner>;
  tableOf(name: string): string;
  /** Throws when a runner has stopped: /health turns 503. */
  assertRunning(): void;
  stop(): Promise<void>;
}

/** Starts one checkpointed runner per read model; with several replicas, one leads each projection. */
export async function startProjections(stores: Stores, log: Logger): Promise<RunningProjections> {
  const runners = new Map<string, ProjectionRunner>();
  // The read models apply the same batches at the same moment: their commits share one transaction.
  const sql = sharedTransactions(stores.readDb);
  for (const [name, projection] of Object.entries(readModels)) {
    const runner = createProjectionRunner({
      store: stores.store,
      sql,
      projection,
      onError: (e) => log.error({ err: e, projection: name }, 'projection error'),
    });
    await runner.start();
    runners.set(name, runner);
  }
  return {
    runners,
    tableOf: (name) => runners.get(name)!.table,
    assertRunning() {
      const stopped = [...runners.values()].filter((r) => r.status().state === 'stopped');
      if (stopped.length) throw new Error(`projections stopped: ${stopped.map((r) => r.name).join(', ')}`);
    },
    async stop() {
      for (const r of runners.values()) await r.stop();
    },
  };
}
