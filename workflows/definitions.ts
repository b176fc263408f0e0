/** Updates and queries of a case workflow, shared by the API (client) and the worker. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseState, ChildEvent, ChildLink, OpenCaseInput, ParentEvent, PossibleDuplicate, ReferenceSet, WorkingCalendarData } from './domain';

/** Who is acting and under which ids, carried into every event's metadata. */
export interface CommandEnvelope {
  actor: Actor;
  commandId: string;
  correlationId: string;
}

/** The working-day calendar as published (reference data in the event store), under its content hash. */
export interface PublishedCalendar {
  version: string;
  years: WorkingCalendarData['years'];
}

export interface OpenCaseCommand extends CommandEnvelope {
  input: OpenCaseInput;
  /** The calendar in force when the case is lodged: its deadlines are computed with it, and it is in the history. */
  calendar: PublishedCalendar;
  /** The reference tables its type uses, as published when it is lodged (ReferenceSnapshot: version and data). */
  reference?: ReferenceSet;
  /** Other open cases of the same type about the same person, found by the API when it is lodged. */
  possibleDuplicates?: PossibleDuplicate[];
  /**
   * A linked opening: the version of the parent case the API checked the link against. The link sent to the parent
   * carries it, so that the parent tells the child what it recorded since (ChildLink, LINKED_CHILD_TOLD_SINCE_LODGING).
   */
  parentVersion?: number;
  /** Only in histories recorded before `CaseWorkflowArgs.timeScale`: the opening carried the scale then. */
  timeScale?: number;
}

export interface CaseActionCommand extends CommandEnvelope {
  action: string;
  payload: unknown;
  /**
   * The API read the case from its stream and found that the caller may see it. Needed only by a run still restoring
   * the case (it cannot check yet and turns a command without it back, ACCESS_NOT_CHECKED); a running case checks
   * every command itself.
   */
  accessChecked?: true;
}

/** ApplicationFailure type: a run still restoring its case cannot tell whether the caller may see it; nothing was applied. */
export const ACCESS_NOT_CHECKED = 'AccessNotChecked';

export interface CaseWorkflowArgs {
  caseId: string;
  /**
   * Tests only (SLA_TIME_SCALE, refused in production): business time runs this many times faster than
   * the wall clock. A knob of the run, not a fact of the case, so it is never written into events.
   */
  timeScale?: number;
  /**
   * A run started by a command on a case whose earlier run has ended (a completed case revoked or corrected): it
   * restores the case from its stream, decides the commands sent to it, and ends again when nothing is pending.
   * The calendar is the one in force, for any deadline such a decision computes.
   */
  reopen?: { calendar: PublishedCalendar };
}

export const openCaseUpdate = defineUpdate<CaseState, [OpenCaseCommand]>('openCase');
export const caseActionUpdate = defineUpdate<CaseState, [CaseActionCommand]>('caseAction');
/**
 * A calendar published since the case was lodged. The case decides itself whether its deadlines move
 * (DeadlineRecomputed); the same version sent twice changes nothing. Answers the case's version after it.
 */
export const calendarPublishedUpdate = defineUpdate<number | null, [PublishedCalendar]>('calendarPublished');
export const caseStateQuery = defineQuery<CaseState | null>('caseState');
/** Ids of every event this workflow appended, in order: the integrity check compares them with the store. */
export const appendedEventsQuery = defineQuery<string[]>('appendedEvents');

export const CASE_WORKFLOW = 'caseWorkflow';
export const streamIdOf = (caseId: string) => `case-${caseId}`;

/** ApplicationFailure type for a refused command; the suffix is the DomainError kind. */
export const DOMAIN_FAILURE_PREFIX = 'DomainError:';

/** To a parent case: a case was lodged as its child (it records ChildCaseLinked), against this version of it where known. */
export const childCaseLinkedSignal = defineSignal<[ChildLink]>('childCaseLinked');
/**
 * To a child case: its parent recorded an event the child's type listens to (CaseTypeModule.parentEvents); with the
 * event's data where it answers this child (it names it in data.childCaseId).
 */
export const parentEventSignal = defineSignal<[ParentEvent]>('parentEvent');
/** To a parent case: a child recorded an event its type tells its parent (CaseTypeModule.tellsParent). */
export const childEventSignal = defineSignal<[ChildEvent]>('childEvent');
