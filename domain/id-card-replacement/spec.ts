import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { FeeEvent } from '../id-card/fees';
import type { CardEvent, CardProgress, CardReportedLostEvent, IdCardTask } from '../id-card/spec';
import type { IdCardReplacementDetails } from './details';

/** Handed out within 60 calendar days of the application, +30 where transport is poor (居民身份證法 art 12). */
export const REPLACEMENT_CLOCK = 'id-card-replacement-issue';
/** The population-register check (免交證): identity and hukou place. */
export const IDENTITY_CHECK = 'population-register';

export type IdCardReplacementEvent =
  | CardEvent
  | FeeEvent
  // The loss report: a filing, decided by nobody; the card goes on the national lost-card list at once [news].
  | CardReportedLostEvent
  // The hukou-place office does not sign off: the residence office must refuse (the reason says why).
  | CaseEvent<'SignOffDeclined', { office: string; reason: string }>
  // The lost card can no longer prove anyone's identity (at the sign-off, or at approval where there is none; inferred).
  | CaseEvent<'OldCardInvalidated', { office: string; reason: 'reported-lost' }>;

export type IdCardReplacementProgress = CardProgress & {
  lossReportedAt?: string;
  signOffDeclined?: { office: string; reason: string };
  oldCardInvalidatedAt?: string;
};

/** What a replacement after loss brings to the case (see CaseTypeSpec). */
export interface IdCardReplacement {
  type: 'id-card-replacement';
  details: IdCardReplacementDetails;
  progress: IdCardReplacementProgress;
  events: IdCardReplacementEvent;
  clocks: typeof REPLACEMENT_CLOCK;
  tasks: IdCardTask;
}

export type IdCardReplacementCase = CaseState<IdCardReplacement>;

export const idCardReplacementEvent = eventsOf<EventOf<IdCardReplacement>>();
