/** Updates and queries of a case workflow, shared by the API (client) and the worker. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseState, OpenCaseInput } from '../domain';

/** Who is acting and under which ids, carried into every event's metadata. */
export interface CommandEnvelope {
  actor: Actor;
  commandId: string;
  correlationId: string;
}

export interface OpenCaseCommand extends CommandEnvelope {
  input: OpenCaseInput;
  /** Only in histories recorded before `CaseWorkflowArgs.timeScale`: the opening carried the scale then. */
  timeScale?: number;
}

export interface CaseActionCommand extends CommandEnvelope {
  action: string;
  payload: unknown;
}

export interface CaseWorkflowArgs {
  caseId: string;
  /**
   * Tests only (SLA_TIME_SCALE, refused in production): business time runs this many times faster than
   * the wall clock. A knob of the run, not a fact of the case, so it is never written into events.
   */
  timeScale?: number;
}

export const openCaseUpdate = defineUpdate<CaseState, [OpenCaseCommand]>('openCase');
export const caseActionUpdate = defineUpdate<CaseState, [CaseActionCommand]>('caseAction');
export const caseStateQuery = defineQuery<CaseState | null>('caseState');
/** Ids of every event this workflow appended, in order: the integrity check compares them with the store. */
export const appendedEventsQuery = defineQuery<string[]>('appendedEvents');

export const CASE_WORKFLOW = 'caseWorkflow';
export const streamIdOf = (caseId: string) => `case-${caseId}`;

/** ApplicationFailure type for a refused command; the suffix is the DomainError kind. */
export const DOMAIN_FAILURE_PREFIX = 'DomainError:';
