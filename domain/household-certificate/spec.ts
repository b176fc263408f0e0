import type { CertificateEvent, CertificateProgress, DELIVERY_CLOCK, ECertificate } from '../certificates';
import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { HouseholdCertificateDetails, IssuedSubKind } from './details';

export type HouseholdCertificateDocument = ECertificate & { kind: 'household-certificate'; subKind: IssuedSubKind; purpose: string };

/** The notice that the police issue no such certificate, naming who does (公通字〔2016〕21號). */
export type CertificateNotIssuedNotice = { requested: string; authority: string; legalBasis: string };

export type HouseholdCertificateEvent =
  | CertificateEvent
  // CertificateIssued carries a HouseholdCertificateDocument (an ECertificate with subKind and purpose).
  | CaseEvent<'CertificateNotIssued', CertificateNotIssuedNotice>;

/** What a household-registration certificate brings to the case (see CaseTypeSpec). */
export interface HouseholdCertificate {
  type: 'household-certificate';
  details: HouseholdCertificateDetails;
  progress: CertificateProgress;
  events: HouseholdCertificateEvent;
  clocks: typeof DELIVERY_CLOCK;
  tasks: never;
}

export type HouseholdCertificateCase = CaseState<HouseholdCertificate>;

/** Events of a household-certificate case, the kernel's included. */
export const householdCertificateEvent = eventsOf<EventOf<HouseholdCertificate>>();
