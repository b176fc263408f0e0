import type { Client } from '@temporalio/client';
import type { CaseState } from '../../../domain';
import { accessPolicy } from '../../../domain/access';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { findCases, type CaseKey } from '../../../projections/cases/find-cases';
import { listCases, type ListFilter } from '../../../projections/cases/list-cases';
import { appendedEventsQuery } from '../../../workflows/definitions';
import type { Principal } from '../auth/principal';

/** Reads about cases beyond one stream: the case list (read model) and the workflow's own record. */
export class CaseQueries {
  constructor(
    private readonly readDb: SqlExecutor,
    private readonly tableOf: (readModel: string) => string,
    private readonly client: Client,
  ) {}

  /** A page of the cases within the caller's scope. */
  list(filter: ListFilter, caller: Principal): Promise<{ items: CaseState[]; nextCursor: string | null }> {
    return listCases(this.readDb, this.tableOf('cases'), filter, accessPolicy.scopeOf(caller));
  }

  /** The cases within the caller's scope that carry the identifier (exact match). */
  find(key: CaseKey, caller: Principal): Promise<CaseState[]> {
    return findCases(this.readDb, this.tableOf('cases'), key, accessPolicy.scopeOf(caller));
  }

  /** The workflow's own record of the events it appended; null once its history is no longer kept. */
  async appendedByWorkflow(caseId: string): Promise<string[] | null> {
    try {
      return await this.client.workflow.getHandle(caseId).query(appendedEventsQuery);
    } catch {
      return null;
    }
  }
}
