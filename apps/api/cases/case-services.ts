import type { Client } from '@temporalio/client';
import type { Actor, CaseState } from '../../../domain';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { listCases, type ListFilter } from '../../../projections/cases/list-cases';
import { appendedEventsQuery } from '../../../workflows/definitions';
import { IdempotencyStore } from '../idempotency/idempotency';
import { CaseCommands } from './case-commands';
import { CaseReader } from './case-reader';
import { RejectionAudit } from './rejection-audit';

/** What the cases routes need, built once from the process's store, read database and Temporal client. */
export class CaseServices {
  readonly reader: CaseReader;
  readonly commands: CaseCommands;
  readonly idempotency: IdempotencyStore;
  readonly audit: RejectionAudit;

  constructor(
    private readonly deps: { store: ConstructorParameters<typeof CaseReader>[0]; readDb: SqlExecutor; client: Client; taskQueue: string; timeScale: number; tableOf: (readModel: string) => string },
  ) {
    this.reader = new CaseReader(deps.store);
    this.commands = new CaseCommands(deps.client, deps.taskQueue, deps.timeScale);
    this.idempotency = new IdempotencyStore(deps.readDb);
    this.audit = new RejectionAudit(deps.store);
  }

  list(filter: ListFilter, caller: Actor): Promise<{ items: CaseState[]; nextCursor: string | null }> {
    return listCases(this.deps.readDb, this.deps.tableOf('cases'), filter, caller);
  }

  /** The workflow's own record of the events it appended; null once its history is no longer kept. */
  async appendedByWorkflow(caseId: string): Promise<string[] | null> {
    try {
      return await this.deps.client.workflow.getHandle(caseId).query(appendedEventsQuery);
    } catch {
      return null;
    }
  }
}
