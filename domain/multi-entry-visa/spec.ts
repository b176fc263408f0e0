import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument } from '../kernel/types';
import type { MultiEntryVisaDetails } from './details';

/** The 3-year multi-entry visa. */
export type MultiEntryVisaDocument = CaseDocument & {
  kind: 'visa';
  visaType: 'M';
  entries: 'multiple';
  validityYears: number;
  validFrom: string;
  /** The requested term, or the passport's expiry where that comes first. */
  validUntil: string;
  /** Absent on visas issued before the cap and the stay per entry were recorded. */
  cappedByPassport?: boolean;
  stayPerEntryDays?: number;
};

export type MultiEntryVisaEvent =
  | CaseEvent<'AcceptanceReceiptIssued', { number: string; validUntil: string }>
  | CaseEvent<'PassportVerifiedAndReturned', { passportNo: string | undefined; nationality: string | undefined }>
  | CaseEvent<'VisaIssued', MultiEntryVisaDocument>;

export type MultiEntryVisaProgress = { passportReturnedAt?: string };

/** What a multi-entry visa conversion brings to the case (see CaseTypeSpec). */
export interface MultiEntryVisa {
  type: 'multi-entry-visa';
  details: MultiEntryVisaDetails;
  progress: MultiEntryVisaProgress;
  events: MultiEntryVisaEvent;
  clocks: never;
  tasks: never;
}

/** Events of a multi-entry visa case, the kernel's included: `event('VisaIssued', …)`. */
export const multiEntryVisaEvent = eventsOf<EventOf<MultiEntryVisa>>();
