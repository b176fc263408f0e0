import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument, CaseState, CaseTypeSpec } from '../kernel/types';
import type { PhotoEvent, PhotoProgress, PhotoTask } from '../photo';

/** How a card reaches the applicant: collected at the window where they lodged, or posted from there. */
export const DELIVERY_MODES = ['pickup', 'post'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export type { PhotoLookup } from '../photo';

/** The produced resident ID card. */
export type IdCardDocument = CaseDocument & { kind: 'resident-id-card'; validity: string; validFrom: string; validUntil: string | null };
/** A temporary resident ID card (臨時居民身份證, MPS Order 78). */
export type TemporaryIdDocument = CaseDocument & { kind: 'temporary-id-card'; validFrom: string; validUntil: string };

/**
 * The events every resident-ID-card case type shares (first card, replacement after loss): photo and
 * fingerprints, the hukou-place sign-off, production by the centre and the hand-over. Their names and data
 * are those the first ID card has recorded since v0.1.0.
 */
export type CardEvent =
  | PhotoEvent
  | CaseEvent<'PhotoReused', { photoId: string; takenAt: string; source: 'shared-photo-store'; maxAgeMonths?: number; photoReuseVersion?: string }>
  | CaseEvent<'FingerprintsCaptured', { office: string; fingers: number }>
  | CaseEvent<'HukouPlaceSignedOff', { office: string }>
  | CaseEvent<
      'CardProductionRequested',
      { ageAtApplication: number; validity: string; photoId: string; delivery: DeliveryMode } | { retry: true; photoId: string }
    >
  | CaseEvent<'CardProductionFailed', { error: string; attempt: number }>
  | CaseEvent<'CardProduced', IdCardDocument & { productionCentre: string | null }>
  | CaseEvent<'CardDelivered', { mode: DeliveryMode; office: string; cardNumber: string; trackingNumber?: string }>;

/**
 * The loss report (掛失申報): at any station or online, decided by nobody; the card goes on the national lost-card list
 * at once [news: MPS 2015 opinion]. Recorded by a replacement case's `report-loss` and by an `id-card-loss-report` filing.
 */
export type CardReportedLostEvent = CaseEvent<'CardReportedLost', { office: string; channel: 'window' | 'online'; lostOn?: string }>;

/** What has happened on a card case beyond the shared lifecycle. */
export type CardProgress = PhotoProgress & {
  fingerprintsAt?: string;
  signedOffAt?: string;
  productionFailures?: number;
  card?: { cardNumber: string; validFrom: string; validUntil: string | null };
  deliveredAt?: string;
  fee?: { amountCny: number; waived: boolean };
};

/** The activities a card case asks for (activities/photo-store, activities/card-production). */
export type IdCardTask =
  | PhotoTask
  | {
      activity: 'produceCard';
      input: { idNumber: string; name: string; photoId: string; issuingOffice: string; validity: string };
      value: { cardNumber: string; productionCentre?: string };
    };

/** The details every card type names: the hukou-place office, the residence office and how the card is delivered. */
export type CardDetails = { hukouOffice: string; residenceOffice: string; delivery: DeliveryMode };

/** Any card case type, as the shared card module sees it: its own details and progress may add to these. */
export type CardSpec = CaseTypeSpec & { details: CardDetails; progress: CardProgress; tasks: IdCardTask };
export type CardCase = CaseState<CardSpec>;

export const cardEvent = eventsOf<CardEvent>();

/** The shared events as one card type's own (EventOf<S> is any CaseEvent for a generic S: the type's own module narrows it). */
export const asEventsOf = <S extends CardSpec>(events: CardEvent[]): EventOf<S>[] => events;
