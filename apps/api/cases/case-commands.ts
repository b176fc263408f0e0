import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  CASE_TYPES,
  caseTypeModule,
  OFFICE_TABLES,
  officesOfOpening,
  type CaseState,
  type CaseType,
  type OpenCaseInput,
  type PossibleDuplicate,
  type ReferenceName,
  type ReferenceSet,
} from '../../../domain';
import {
  ACCESS_NOT_CHECKED,
  caseActionUpdate,
  CASE_WORKFLOW,
  openCaseUpdate,
  type CaseActionCommand,
  type CaseWorkflowArgs,
  type PublishedCalendar,
} from '../../../workflows/definitions';
import type { Principal } from '../auth/principal';
import { idFromKey } from '../idempotency/idempotency';
import { ProblemError } from '../problem/problem';
import { RETRY_AFTER_SECONDS } from '../problem/to-problem';

/** The server-side deadline of a command (ms): well inside any sensible client timeout. */
export const COMMAND_DEADLINE_MS = 10_000;

export interface CommandIds {
  commandId: string;
  correlationId: string;
}

/** Sends caseworker commands to case workflows as Temporal Updates; the workflow decides. */
export class CaseCommands {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly timeScale: number,
    /** The data in force: a case is lodged with the calendar (and told of later ones) and its type's reference tables. */
    private readonly inForce: {
      calendar: () => Promise<PublishedCalendar>;
      /** The named tables in force; of the tables keyed by office, only these offices' entries. */
      reference: (names: readonly ReferenceName[], offices: readonly string[]) => Promise<ReferenceSet>;
    },
    /** How long a command may wait for its case: past it the caller gets 503 and retries under the same key. */
    private readonly deadlineMs = COMMAND_DEADLINE_MS,
  ) {}

  /**
   * Runs one command's Temporal calls under the server-side deadline, so a frozen worker or an unreachable
   * server never holds a request: the gRPC calls get the deadline, and the answer is bounded by it even while
   * the client sleeps between retries. A command cut short may still complete; its retry under the same key
   * then gets its result, never a second effect (the update id is derived from caller and key).
   */
  private async withinDeadline<T>(fn: () => Promise<T>): Promise<T> {
    // At the deadline the call is also cancelled: otherwise its retries would go on in the background and
    // could outlive the connection, which makes a retry after close throw where nobody can catch it.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(
          new ProblemError(503, `the case did not answer within ${this.deadlineMs / 1000} s; retry the request with the same Idempotency-Key`, {
            dependency: 'temporal',
            retryAfter: RETRY_AFTER_SECONDS,
          }),
        );
      }, this.deadlineMs);
    });
    const call = this.client.withAbortSignal(abort.signal, () => this.client.withDeadline(Date.now() + this.deadlineMs, fn));
    call.catch(() => undefined); // answered by the deadline instead: its later failure is nobody's
    try {
      return await Promise.race([call, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Update-with-start: the case id is the workflow id, so a retried opening finds the same case. */
  /**
   * `parentVersion`: for a linked opening, the version of the parent case its link was checked against; the parent
   * tells the child what it records after it, should the link reach it later (ChildLink).
   */
  async open(
    caseId: string,
    input: OpenCaseInput,
    actor: Principal,
    ids: CommandIds,
    possibleDuplicates: PossibleDuplicate[] = [],
    parentVersion?: number,
  ): Promise<CaseState> {
    const start = new WithStartWorkflowOperation<(a: CaseWorkflowArgs) => Promise<CaseState | null>>(CASE_WORKFLOW, {
      workflowId: caseId,
      taskQueue: this.taskQueue,
      // The test-only time scale is a start argument, never part of the case's facts.
      args: [this.timeScale === 1 ? { caseId } : { caseId, timeScale: this.timeScale }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    // Every case gets its offices' directory entries and per-office policy; the type's own tables as it declares.
    const module = CASE_TYPES.includes(input.type as CaseType) ? caseTypeModule(input.type) : undefined;
    const names = [...(module?.reference ?? []), ...OFFICE_TABLES];
    const offices = module ? officesOfOpening(module, input) : [input.receivingOffice];
    const [calendar, reference] = await Promise.all([this.inForce.calendar(), this.inForce.reference(names, offices)]);
    return this.withinDeadline(() =>
      this.client.workflow.executeUpdateWithStart(openCaseUpdate, {
        args: [
          {
            input,
            actor,
            calendar,
            ...(possibleDuplicates.length > 0 ? { possibleDuplicates } : {}),
            ...(parentVersion !== undefined ? { parentVersion } : {}),
            reference,
            ...ids,
          },
        ],
        updateId: `open-${ids.commandId}`,
        startWorkflowOperation: start,
      }),
    );
  }

  /**
   * An action on a case. A running case checks itself that the caller may see it (the update's validator: 404 as a
   * read would answer), so the command goes to it without reading the case first. A case's workflow ends when the case
   * closes, but a decided case still takes revocation and corrections: when its run has ended (or is still restoring
   * the case and cannot check the caller yet), `checkAccess` reads the case from its stream and checks the caller and
   * the command as the API can, and the command then starts a new run of the same workflow id (update-with-start),
   * which restores the case from its stream, decides, and ends again. Temporal runs one run per id at a time, so two
   * commands on a closed case meet in one run and are decided one after the other.
   */
  async act(caseId: string, action: string, payload: unknown, actor: Principal, ids: CommandIds, checkAccess: () => Promise<void>): Promise<CaseState> {
    const command = (accessChecked: boolean) => ({
      args: [{ action, payload, actor, ...ids, ...(accessChecked ? { accessChecked: true as const } : {}) }] as [CaseActionCommand],
      updateId: ids.commandId,
    });
    return this.withinDeadline(async () => {
      try {
        return await this.client.workflow.getHandle(caseId).executeUpdate(caseActionUpdate, command(false));
      } catch (e) {
        // Turned back by a run still restoring the case, or sent to an ended run: in neither was it applied.
        if (!isClosedWorkflow(e) && !isAccessNotChecked(e)) throw e;
      }
      await checkAccess();
      // A new run decides it (or the restoring one: USE_EXISTING). Once more if that run too ended before taking it;
      // the deadline bounds the whole.
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.client.workflow.executeUpdateWithStart(caseActionUpdate, {
            ...command(true),
            startWorkflowOperation: await this.reopening(caseId),
          });
        } catch (e) {
          if (!isClosedWorkflow(e) || attempt === 3) throw e;
        }
      }
    });
  }

  /** Starts a run that restores the case from its stream, or joins the one running (USE_EXISTING). */
  private async reopening(caseId: string) {
    const calendar = await this.inForce.calendar();
    const scale = this.timeScale === 1 ? {} : { timeScale: this.timeScale };
    return new WithStartWorkflowOperation<(a: CaseWorkflowArgs) => Promise<CaseState | null>>(CASE_WORKFLOW, {
      workflowId: caseId,
      taskQueue: this.taskQueue,
      args: [{ caseId, ...scale, reopen: { calendar } }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }
}

/**
 * A command's id is its Temporal update id, which Temporal deduplicates per case, not per caller: derived from
 * (caller, key), so one caller's retry is recognised while another caller's command under the same key runs.
 */
export const newCommandIds = (correlationId: string, caller: Principal, idempotencyKey?: string): CommandIds => ({
  commandId: idempotencyKey === undefined ? randomUUID() : idFromKey(caller.id, idempotencyKey),
  correlationId,
});

/** A run still restoring its case turned the command back, unapplied: the API checks the caller against the stream. */
const isAccessNotChecked = (e: unknown) =>
  e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure && e.cause.type === ACCESS_NOT_CHECKED;

/**
 * A workflow Temporal cannot find (no such case, or its history no longer kept), one that has ended, or one that ended
 * while this update waited ("aborted by closing workflow": another action closed the case first, and this one was not
 * applied): once the stream says the case exists and the caller may see it, a new run takes the command.
 */
function isClosedWorkflow(e: unknown): boolean {
  if (e instanceof WorkflowNotFoundError) return true;
  const text = String((e as Error)?.message ?? '') + String((e as { cause?: Error })?.cause?.message ?? '');
  return /already completed|workflow execution already completed|not found/i.test(text) && !/DomainError/.test(text);
}
