import type { EventStore } from '../../../event-store/types';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { ProjectionRunner } from '../../../projections';

/** The read side the queue, SLA, statistics and admin routes query. */
export interface ReadModelServices {
  readDb: SqlExecutor;
  store: EventStore;
  runners: Map<string, ProjectionRunner>;
  tableOf(name: string): string;
}
