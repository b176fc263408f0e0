import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { CardReportedLostEvent } from '../id-card/spec';
import type { IdCardLossReportDetails } from './details';

/** The population-register check (免交證): the card's holder is a registered resident with this hukou place. */
export const HOLDER_CHECK = 'population-register';
/** The listing on the national lost-card list, an activity (activities/lost-card-list.ts). */
export const LOST_CARD_LISTING = 'lost-card-listing';
/** Automatic listing attempts (each retried by the activity) before a caseworker must ask again (`retry-listing`). */
export const MAX_AUTOMATIC_LISTING_ATTEMPTS = 3;

export type IdCardLossReportEvent =
  // The report itself, as a replacement case's `report-loss` records it.
  | CardReportedLostEvent
  // On the national lost-card list: from now on the card proves nobody's identity (entry number of the list).
  | CaseEvent<'LostCardListed', { entryNumber: string }>
  // The list did not answer after the activity's retries: recorded, and tried again (MAX_AUTOMATIC_LISTING_ATTEMPTS).
  | CaseEvent<'LostCardListingFailed', { error: string; attempt: number }>
  // A caseworker asks the list again after the automatic attempts ran out.
  | CaseEvent<'LostCardListingRequested', { retry: true }>;

export type IdCardLossReportProgress = {
  reportedAt?: string;
  listed?: { entryNumber: string; at: string };
  listingFailures?: number;
};

/** The national lost-card list's activity: the card of this ID number reported lost at this office on this day. */
export type LostCardTask = {
  activity: 'listLostCard';
  input: { idNumber: string; office: string; reportedOn: string };
  value: { entryNumber: string };
};

/** What a loss report brings to the case (see CaseTypeSpec): a filing, no clocks of its own. */
export interface IdCardLossReport {
  type: 'id-card-loss-report';
  details: IdCardLossReportDetails;
  progress: IdCardLossReportProgress;
  events: IdCardLossReportEvent;
  clocks: never;
  tasks: LostCardTask;
}

export type IdCardLossReportCase = CaseState<IdCardLossReport>;

export const idCardLossReportEvent = eventsOf<EventOf<IdCardLossReport>>();
