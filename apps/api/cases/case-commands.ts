import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { CaseState, OpenCaseInput } from '../../../domain';
import {
  caseActionUpdate,
  CASE_WORKFLOW,
  openCaseUpdate,
  type CaseWorkflowArgs,
} from '../../../workflows/definitions';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../problem/problem';

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
  ) {}

  /** Update-with-start: the case id is the workflow id, so a retried opening finds the same case. */
  async open(caseId: string, input: OpenCaseInput, actor: Principal, ids: CommandIds): Promise<CaseState> {
    const start = new WithStartWorkflowOperation<(a: CaseWorkflowArgs) => Promise<CaseState | null>>(CASE_WORKFLOW, {
      workflowId: caseId,
      taskQueue: this.taskQueue,
      // The test-only time scale is a start argument, never part of the case's facts.
      args: [this.timeScale === 1 ? { caseId } : { caseId, timeScale: this.timeScale }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return this.client.workflow.executeUpdateWithStart(openCaseUpdate, {
      args: [{ input, actor, ...ids }],
      updateId: `open-${ids.commandId}`,
      startWorkflowOperation: start,
    });
  }

  async act(caseId: string, action: string, payload: unknown, actor: Principal, ids: CommandIds): Promise<CaseState> {
    const handle = this.client.workflow.getHandle(caseId);
    try {
      return await handle.executeUpdate(caseActionUpdate, { args: [{ action, payload, actor, ...ids }], updateId: ids.commandId });
    } catch (e) {
      if (isClosedWorkflow(e)) throw new ProblemError(409, 'the case is closed: no further actions are possible');
      throw e;
    }
  }
}

export const newCommandIds = (correlationId: string, idempotencyKey?: string): CommandIds => ({
  commandId: idempotencyKey ?? randomUUID(),
  correlationId,
});

function isClosedWorkflow(e: unknown): boolean {
  const text = String((e as Error)?.message ?? '') + String((e as { cause?: Error })?.cause?.message ?? '');
  return /already completed|workflow execution already completed|not found/i.test(text) && !/DomainError/.test(text);
}
