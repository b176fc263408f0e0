import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument, CaseState, RecordCheck } from '../kernel/types';
import type { NewbornRegistrationDetails, Sex } from './details';

/** From the decision to the page in hand: 10 WD (行政许可法 art 44). */
export const PAGE_DELIVERY_CLOCK = 'hukou-page-delivery';

export const HUKOU_PAGE_MODES = ['post', 'pickup'] as const;
export type HukouPageMode = (typeof HUKOU_PAGE_MODES)[number];

/** The child's page of the household booklet (户口簿). */
export type HukouPageDocument = CaseDocument & { kind: 'hukou-page'; hukouOffice: string; delivery: HukouPageMode; trackingNumber?: string };

/** What the birth-certificate register (health) holds about the birth, as compared with the declaration. */
export type BirthRecord = { certificateNo: string; birthDate: string; sex: Sex; hospital: string | null };

export type NewbornRegistrationEvent =
  | CaseEvent<'BirthRecordVerified', BirthRecord>
  | CaseEvent<'CitizenIdNumberAllocated', { idNumber: string; countyCode: string; birthDate: string; sequence: number }>
  | CaseEvent<'CitizenIdNumberAllocationFailed', { error: string; attempt: number }>
  | CaseEvent<'CitizenIdNumberAllocationRetried', { office: string }>
  | CaseEvent<'BirthRegistered', { hukouOffice: string; idNumber: string; householdOf: 'father' | 'mother'; declaredInTime: boolean }>
  | CaseEvent<'HukouPageIssued', HukouPageDocument>;

export type NewbornProgress = {
  birthRecord?: BirthRecord;
  citizenIdNumber?: string;
  allocationFailures?: number;
  registeredAt?: string;
  hukouPageIssuedAt?: string;
};

/** The register answer the birth-certificate check comes back with (the verifyRecord activity). */
export type BirthRecordAnswer = Pick<RecordCheck, 'ok' | 'detail' | 'facts'>;

/** The activities a newborn registration asks for: the birth-record check and the allocation of the sequence code. */
export type NewbornTask =
  | { activity: 'verifyRecord'; input: { registry: 'birth-certificate'; subject: string }; value: BirthRecordAnswer }
  | { activity: 'allocateBirthSequence'; input: { countyCode: string; birthDate: string; sex: Sex }; value: { sequence: number } };

/** What a newborn registration brings to the case (see CaseTypeSpec). */
export interface NewbornRegistration {
  type: 'newborn-registration';
  details: NewbornRegistrationDetails;
  progress: NewbornProgress;
  events: NewbornRegistrationEvent;
  clocks: typeof PAGE_DELIVERY_CLOCK;
  tasks: NewbornTask;
}

export type NewbornCase = CaseState<NewbornRegistration>;

/** Events of a newborn registration, the kernel's included. */
export const newbornEvent = eventsOf<EventOf<NewbornRegistration>>();
