import type { AppendResult, ExpectedVersion, NewEvent } from '../event-store/types';

export interface AppendEventsRequest {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
}

export interface VerifyRecordRequest {
  caseId: string;
  registry: 'company' | 'population' | 'entry-exit';
  subject: string;
}

export interface VerifyRecordResult {
  ok: boolean;
  detail: string;
}

/** The side effects a case workflow may ask for. Workflows import this file for types only. */
export interface CaseActivities {
  appendEvents(request: AppendEventsRequest): Promise<AppendResult>;
  verifyRecord(request: VerifyRecordRequest): Promise<VerifyRecordResult>;
}
