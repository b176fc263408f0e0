import type { CertificateEvent, CertificateProgress, DELIVERY_CLOCK, ECertificate } from '../certificates';
import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { NoCriminalRecordDetails } from './details';
import type { RequestLogRequest } from './request-log';
import type { OBJECTION_CLOCK } from './rules';

/** The certificate (無犯罪記錄證明): it says no record is held, nothing else; no statutory validity. */
export type NoCriminalRecordCertificate = ECertificate & { kind: 'no-criminal-record-certificate'; purpose: string };

export const OBJECTION_OUTCOMES = ['upheld', 'dismissed'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** An objection to the certificate decision and its review, as the case shows it. */
export type Objection = {
  reason: string;
  lodgedAt: string;
  /** The end of the review period: 15 WD, or 30 once the head approved an extension. */
  reviewDueBy: string;
  extended: boolean;
  outcome?: ObjectionOutcome;
  answeredAt?: string;
};

export type NoCriminalRecordEvent =
  | CertificateEvent
  | CaseEvent<'ObjectionLodged', { reason: string; reviewDueBy: string; legalBasis: string }>
  | CaseEvent<'ObjectionReviewExtended', { reason: string; reviewDueBy: string }>
  | CaseEvent<'ObjectionAnswered', { outcome: ObjectionOutcome; reason: string; late: boolean }>
  | CaseEvent<'RequestLogRequested', RequestLogRequest>
  | CaseEvent<'ProofOfUseShown', { proofOfUse: string }>;

/** What the applicant showed the certificate is for, once the request log counted the request as the third or later. */
export type ProofOfUse = { proofOfUse: string; shownAt: string };

/** What a no-criminal-record request brings to the case (see CaseTypeSpec). */
export interface NoCriminalRecord {
  type: 'no-criminal-record';
  details: NoCriminalRecordDetails;
  progress: CertificateProgress & {
    objection?: Objection;
    /** Set at lodging where the earlier requests are read from the platform's request log (request-log.ts). */
    requestLog?: RequestLogRequest;
    proofOfUse?: ProofOfUse;
  };
  events: NoCriminalRecordEvent;
  clocks: typeof DELIVERY_CLOCK | typeof OBJECTION_CLOCK;
  tasks: never;
}

export type NoCriminalRecordCase = CaseState<NoCriminalRecord>;

/** Events of a no-criminal-record case, the kernel's included. */
export const noCriminalRecordEvent = eventsOf<EventOf<NoCriminalRecord>>();
