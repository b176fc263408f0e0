import type { FeeEvent } from '../id-card/fees';
import type { TemporaryIdDocument } from '../id-card/spec';
import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { TemporaryIdCardDetails } from './details';

/** Issued within 3 calendar days of the request (MPS Order 78 art 12), holiday end-day rolled forward (民法典 art 203). */
export const TEMPORARY_ID_CARD_CLOCK = 'temporary-id-card-issue';
/** From the issue to the hand-over: 10 WD (行政許可法 art 44), as for any document decided at a window. */
export const HAND_OVER_CLOCK = 'delivery';
/** The change that added the hand-over clock (clocksAddedBy): openings decided before it have no such clock. */
export const HAND_OVER_CLOCK_CHANGE = 'temporary-id-card-delivery-clock';

/** The card case a temporary card belongs to, as read when it was checked (ParentCardCaseChecked). */
export type CardCaseFacts =
  | {
      found: true;
      type: string;
      /** Still pending: a temporary card is only for someone whose card application is (Order 78 art 2). */
      open: boolean;
      hukouOffice: string;
      receivingOffice: string;
      /** The hukou-place office signed the card case off, or decided it itself. */
      signedOff: boolean;
      /** The card case's photo, which the temporary card carries (Order 78 art 11; 一照通用, docs/domain.md §7.8). */
      photo: { photoId: string; takenAt: string } | null;
    }
  | { found: false; error?: string };

/** The activity that reads the card case (activities/card-case.ts). */
export type CardCaseTask = { activity: 'checkCardCase'; input: { parentCaseId: string }; value: CardCaseFacts };

export type TemporaryIdCardEvent =
  | CaseEvent<'ParentCardCaseChecked', { parentCaseId: string } & CardCaseFacts>
  // The card case recorded its photo or its sign-off after it was checked: it is checked again.
  | CaseEvent<'ParentCardCaseChanged', { parentCaseId: string; parentEvent: string }>
  | CaseEvent<'TemporaryIdIssued', TemporaryIdDocument & { photoId: string }>
  | FeeEvent
  | CaseEvent<'TemporaryIdDelivered', { office: string; number: string }>
  // The card case handed the card over: the temporary card is now to be handed back (Order 78 art 13).
  | CaseEvent<'CardCaseDelivered', { parentCaseId: string }>
  // The card case closed without a card (refused, withdrawn, not accepted, revoked): the temporary card's prerequisite
  // lapsed (Order 78 art 2). Not yet issued, the case is refused with it; issued, the card stays valid and is to be
  // handed back (inferred).
  | CaseEvent<'CardCaseClosed', { parentCaseId: string; parentEvent: string; outcome: CardCaseOutcome; temporaryCard: 'not-issued' | 'to-be-returned' }>
  | CaseEvent<'TemporaryIdReturned', { number: string; office: string }>
  // Not handed back when the card was collected, or expired before it was (inferred): recorded, never left open.
  | CaseEvent<'TemporaryIdNotReturned', { number: string; reason: string; office?: string }>;

/** How the card case ended without a card, by the event it recorded. */
export type CardCaseOutcome = 'refused' | 'withdrawn' | 'not-accepted' | 'revoked';

export type TemporaryIdCardProgress = {
  cardCase?: CardCaseFacts & { at: string };
  issued?: { number: string; validUntil: string; photoId: string };
  deliveredAt?: string;
  cardDeliveredAt?: string;
  /** The card case closed without a card (CardCaseClosed). */
  cardCaseClosed?: { at: string; outcome: CardCaseOutcome };
  /** The return recorded: handed back, or not (with the reason). */
  returned?: { at: string; returned: boolean; reason?: string };
  fee?: { amountCny: number; waived: boolean };
};

/** What a temporary ID card brings to the case (see CaseTypeSpec). */
export interface TemporaryIdCard {
  type: 'temporary-id-card';
  details: TemporaryIdCardDetails;
  progress: TemporaryIdCardProgress;
  events: TemporaryIdCardEvent;
  clocks: typeof TEMPORARY_ID_CARD_CLOCK | typeof HAND_OVER_CLOCK;
  tasks: CardCaseTask;
}

export type TemporaryIdCardCase = CaseState<TemporaryIdCard>;

export const temporaryIdCardEvent = eventsOf<EventOf<TemporaryIdCard>>();
