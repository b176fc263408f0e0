import type { Client } from '@temporalio/client';
import { caseTypeModule, type CaseState, type OpenCaseInput, type PossibleDuplicate } from '../../../domain';
import { accessPolicy } from '../../../domain/access';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { findCases, findPossibleDuplicates, type CaseKey } from '../../../projections/cases/find-cases';
import { listCases, type ListFilter } from '../../../projections/cases/list-cases';
import { appendedEventsQuery } from '../../../workflows/definitions';
import type { Principal } from '../auth/principal';

/** Reads about cases beyond one stream: the case list (read model) and the workflow's own record. */
export class CaseQueries {
  constructor(
    private readonly readDb: SqlExecutor,
    private readonly tableOf: (readModel: string) => string,
    private readonly client: Client,
    /** Whether openings are checked for possible duplicates (POSSIBLE_DUPLICATES). */
    private readonly checkDuplicates = true,
  ) {}

  /** A page of the cases within the caller's scope. */
  list(filter: ListFilter, caller: Principal): Promise<{ items: CaseState[]; nextCursor: string | null }> {
    return listCases(this.readDb, this.tableOf('cases'), filter, accessPolicy.scopeOf(caller));
  }

  /** The cases within the caller's scope that carry the identifier (exact match). */
  find(key: CaseKey, caller: Principal): Promise<CaseState[]> {
    return findCases(this.readDb, this.tableOf('cases'), key, accessPolicy.scopeOf(caller));
  }

  /**
   * Other open cases of the same type about the same person (same ID or passport number), in every office: shown on
   * the new case for the caseworker to review. Read from the case list, so a case lodged a moment ago (within the
   * projection delay) may be missed.
   */
  async possibleDuplicates(caseId: string, input: OpenCaseInput): Promise<PossibleDuplicate[]> {
    if (!this.checkDuplicates) return [];
    const { idNumber, passportNo } = input.applicant;
    const record = recordOf(input);
    const key: CaseKey | undefined = idNumber
      ? { idNumber: idNumber.toUpperCase() }
      : passportNo
        ? { passportNo: passportNo.toUpperCase() }
        : record
          ? { record: `${input.type}:${record}` }
          : undefined;
    if (!key) return [];
    return findPossibleDuplicates(this.readDb, this.tableOf('cases'), key, input.type, caseId);
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

/** The record an opening is about where its type names one (a newborn's birth certificate), if its details are valid. */
function recordOf(input: OpenCaseInput): string | undefined {
  const module = caseTypeModule(input.type);
  const details = module.details.safeParse(input.details);
  return details.success ? module.duplicateKey?.(details.data) : undefined;
}
