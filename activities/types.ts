import type { AppendResult, ExpectedVersion, NewEvent } from '../event-store/types';
import type { CaseActivityTask } from '../domain/case-types';
import type { RegisterAnswer } from '../domain/kernel/decide';
import type { Registry } from '../domain/kernel/types';
import type { DocumentFact } from '../domain/kernel/documents';
import type { ClockFact } from '../domain/sla';
import type { ChildEvent, ChildLink, ParentEvent } from '../domain/kernel/links';
import type { PublishedCalendar } from '../workflows/definitions';

export interface AppendEventsRequest {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
  /**
   * The run whose events are named by their version (workflows/event-ids.ts). Given, a stream found past the expected
   * version by that run's own events is answered with them (`moved`) instead of failing: see AppendEventsResult.
   */
  run?: string;
}

/** An event as the store holds it, in the domain's shape. */
export interface CommittedEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
  clocks?: ClockFact[];
  documents?: DocumentFact[];
}

/**
 * `committed` is set when an earlier attempt had already written the batch: those are the facts. `digest` is the
 * batch digest (workflows/batch-digest.ts) of what the store holds: recorded in the workflow's history, it lets a
 * replay notice a decision that differs from the stream; `ats` are the committed instants, which the workflow folds.
 * `moved` is set, with nothing appended, when the stream had moved past the expected version by events of the same
 * run (`run`): an attempt of a workflow task appended them and Temporal never heard of it (the worker died, or the
 * server lost the task's completion). The workflow takes them as facts and decides again from there.
 */
export type AppendEventsResult = AppendResult & { committed?: CommittedEvent[]; digest?: string; ats?: string[]; moved?: LoadedEvent[] };

/** A stored event with its id and the command that appended it. */
export type LoadedEvent = CommittedEvent & { id: string; commandId?: string };

export interface VerifyRecordRequest {
  caseId: string;
  registry: Registry;
  subject: string;
}

/** What a register answered; `facts` (e.g. the hukou office) are recorded with the check for the case type's rules. */
export type VerifyRecordResult = RegisterAnswer;

/** Register checks asked together: those a command made due, so that its answer shows what the registers hold. */
export interface VerifyRecordsRequest {
  caseId: string;
  checks: { registry: Registry; subject: string }[];
}

/** Each check's answer, in the order asked; `answered: false` when its register failed or did not answer in time. */
export type VerifyRecordsResult = ({ answered: true; result: VerifyRecordResult } | { answered: false; error: string })[];

/** The name of every activity a registered case type asks for (lookupPhoto, storePhoto, produceCard, …). */
export type TaskActivity = CaseActivityTask['activity'];

type TaskOf<A extends TaskActivity> = Extract<CaseActivityTask, { activity: A }>;

/** Each task activity takes its task's input (and the case id) and returns its value, as the case type declares them. */
export type TaskActivities = {
  [A in TaskActivity]: (input: TaskOf<A>['input'] & { caseId: string }) => Promise<TaskOf<A>['value']>;
};

/** A case's stream, for a workflow run that restores the case from it: each event with its id and command id. */
export interface LoadedCase {
  events: LoadedEvent[];
}

/** A message from a case to a linked case (workflows/definitions.ts: childCaseLinkedSignal, parentEventSignal, childEventSignal). */
export type RelativeMessage =
  { signal: 'childCaseLinked'; child: ChildLink } | { signal: 'parentEvent'; event: ParentEvent } | { signal: 'childEvent'; event: ChildEvent };

export interface TellCaseRequest {
  /** The linked case told: its workflow id. */
  caseId: string;
  message: RelativeMessage;
  /**
   * How its workflow starts again if its run has ended: on the sender's task queue and time scale (the same service
   * started both), with the calendar the sender holds, the one in force when it was last told.
   */
  reopen: { taskQueue: string; calendar: PublishedCalendar; timeScale?: number };
}

/** The side effects a case workflow may ask for. Workflows import this file for types only. */
export interface CaseActivities extends TaskActivities {
  appendEvents(request: AppendEventsRequest): Promise<AppendEventsResult>;
  loadCase(request: { caseId: string }): Promise<LoadedCase>;
  verifyRecord(request: VerifyRecordRequest): Promise<VerifyRecordResult>;
  verifyRecords(request: VerifyRecordsRequest): Promise<VerifyRecordsResult>;
  tellCase(request: TellCaseRequest): Promise<void>;
}
