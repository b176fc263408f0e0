import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument } from '../kernel/types';
import type { PortVisaDetails } from './details';

/** The visa issued at the port. */
export type PortVisaDocument = CaseDocument & {
  kind: 'visa';
  visaType: 'L' | 'M';
  entries: 1;
  stayDays: number;
  port: string;
  validFor: string;
};

export type PortVisaEvent = CaseEvent<'VisaIssued', PortVisaDocument>;

/** What a port visa brings to the case (see CaseTypeSpec). */
export interface PortVisa {
  type: 'port-visa';
  details: PortVisaDetails;
  progress: Record<string, never>;
  events: PortVisaEvent;
  clocks: never;
  tasks: never;
}

/** Events of a port-visa case, the kernel's included: `event('VisaIssued', …)`. */
export const portVisaEvent = eventsOf<EventOf<PortVisa>>();
