import type { AppendResult, ExpectedVersion, NewEvent } from '../event-store/types';
import type { Registry } from '../domain/kernel/case-type';

export interface AppendEventsRequest {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
}

/** An event as the store holds it, in the domain's shape. */
export interface CommittedEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
}

/** `committed` is set when an earlier attempt had already written the batch: those are the facts. */
export type AppendEventsResult = AppendResult & { committed?: CommittedEvent[] };

export interface VerifyRecordRequest {
  caseId: string;
  registry: Registry;
  subject: string;
}

export interface VerifyRecordResult {
  ok: boolean;
  detail: string;
  /** Facts the register returned (e.g. the hukou office), recorded with the check for the case type's rules. */
  facts?: Record<string, string | number | boolean | null>;
}

/**
 * The side effects a case workflow may ask for. Workflows import this file for types only.
 * Task activities (lookupPhoto, storePhoto, produceCard) take the task's input and return its value.
 */
export interface CaseActivities {
  appendEvents(request: AppendEventsRequest): Promise<AppendEventsResult>;
  verifyRecord(request: VerifyRecordRequest): Promise<VerifyRecordResult>;
  lookupPhoto(input: Record<string, unknown>): Promise<unknown>;
  storePhoto(input: Record<string, unknown>): Promise<unknown>;
  produceCard(input: Record<string, unknown>): Promise<unknown>;
}
