import type { Logger } from 'pino';
import { caseListProjection } from '../../projections/cases/case-list.projection';
import { START } from '../../event-store/types';
import type { Stores } from './stores';

export interface RunningProjections {
  tableOf(name: string): string;
  assertRunning(): void;
  stop(): Promise<void>;
}

// Interim host until the checkpointed runner lands: folding is idempotent by case version, so a replay from START is safe.
export async function startProjections(stores: Stores, log: Logger): Promise<RunningProjections> {
  const table = 'rm_cases';
  await caseListProjection.init(stores.readDb, table);
  let failed: unknown;
  const sub = stores.store.subscribe({
    after: START,
    onEvents: (events) => stores.readDb.transaction((tx) => caseListProjection.apply(tx, events, table)),
    onError: (e) => {
      failed = e;
      log.error({ err: e }, 'projection failed');
    },
  });
  return {
    tableOf: () => table,
    assertRunning() {
      if (failed) throw failed;
    },
    stop: () => sub.stop(),
  };
}
