import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument, CaseState } from '../kernel/types';
import type { DELIVERY_MODES, FirstIdCardDetails } from './details';

export const PRODUCTION_CLOCK = 'first-id-card-production';
export const TEMPORARY_ID_CLOCK = 'temporary-id';

type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** What the shared photo store (一照通用) answered; a failed lookup counts as "no photo". */
export type PhotoLookup = { found: boolean; photoId?: string; takenAt?: string; takenFor?: string; error?: string };

/** The produced resident ID card. */
export type IdCardDocument = CaseDocument & { kind: 'resident-id-card'; validity: string; validFrom: string; validUntil: string | null };
export type TemporaryIdDocument = CaseDocument & { kind: 'temporary-id-card'; validFrom: string; validUntil: string };

export type FirstIdCardEvent =
  | CaseEvent<'PhotoLookedUp', PhotoLookup>
  | CaseEvent<'PhotoReused', { photoId: string; takenAt: string; source: 'shared-photo-store'; maxAgeMonths?: number; photoReuseVersion?: string }>
  | CaseEvent<'PhotoCaptured', { photoId: string; takenAt: string; office: string; standard: 'GA/T 461' }>
  | CaseEvent<'PhotoShared', { photoId: string }>
  | CaseEvent<'PhotoShareFailed', { error: string }>
  | CaseEvent<'FingerprintsCaptured', { office: string; fingers: number }>
  | CaseEvent<'HukouPlaceSignedOff', { office: string }>
  | CaseEvent<
      'CardProductionRequested',
      { ageAtApplication: number; validity: string; photoId: string; delivery: DeliveryMode } | { retry: true; photoId: string }
    >
  | CaseEvent<'CardProductionFailed', { error: string; attempt: number }>
  | CaseEvent<'CardProduced', IdCardDocument & { productionCentre: string | null }>
  | CaseEvent<'TemporaryIdIssued', TemporaryIdDocument>
  | CaseEvent<'CardDelivered', { mode: DeliveryMode; office: string; cardNumber: string; trackingNumber?: string }>;

/** What has happened on a first-ID-card case beyond the shared lifecycle. */
export type IdCardProgress = {
  photoLookup?: PhotoLookup;
  photo?: { source: 'reused' | 'captured'; photoId: string; takenAt: string };
  photoShared?: boolean;
  fingerprintsAt?: string;
  signedOffAt?: string;
  productionFailures?: number;
  card?: { cardNumber: string; validFrom: string; validUntil: string | null };
  temporaryIdAt?: string;
  deliveredAt?: string;
};

/** The activities a first-ID-card case asks for (activities/photo-store, activities/card-production). */
export type IdCardTask =
  | { activity: 'lookupPhoto'; input: { idNumber: string }; value: { found: boolean; photoId?: string; takenAt?: string; takenFor?: string } }
  | {
      activity: 'storePhoto';
      input: { idNumber: string; photoId: string; takenAt: string; takenFor: string; office: string };
      value: { stored: boolean; photoId: string };
    }
  | {
      activity: 'produceCard';
      input: { idNumber: string; name: string; photoId: string; issuingOffice: string; validity: string };
      value: { cardNumber: string; productionCentre?: string };
    };

/** What a first ID card brings to the case (see CaseTypeSpec). */
export interface FirstIdCard {
  type: 'first-id-card';
  details: FirstIdCardDetails;
  progress: IdCardProgress;
  events: FirstIdCardEvent;
  clocks: typeof PRODUCTION_CLOCK | typeof TEMPORARY_ID_CLOCK;
  tasks: IdCardTask;
}

export type FirstIdCardCase = CaseState<FirstIdCard>;

/** Events of a first-ID-card case, the kernel's included: `event('CardProduced', …)`. */
export const firstIdCardEvent = eventsOf<EventOf<FirstIdCard>>();
