import type { CaseState } from '../kernel/types';
import type { FirstIdCardDetails } from './details';

/** What has happened on a first-ID-card case beyond the shared lifecycle. */
export interface IdCardProgress {
  photoLookup?: { found: boolean; photoId?: string; takenAt?: string; error?: string };
  photo?: { source: 'reused' | 'captured'; photoId: string; takenAt: string };
  photoShared?: boolean;
  fingerprintsAt?: string;
  signedOffAt?: string;
  productionFailures?: number;
  card?: { cardNumber: string; validFrom: string; validUntil: string | null };
  temporaryIdAt?: string;
  deliveredAt?: string;
}

export const idCardProgressOf = (s: CaseState) => s.progress as IdCardProgress;
export const idCardDetailsOf = (s: { details: Record<string, unknown> }) => s.details as FirstIdCardDetails;

/** Cross-province: lodged where the person lives, so the hukou-place office must sign off. */
export const needsSignOff = (s: CaseState) => s.handlingOffice !== idCardDetailsOf(s).hukouOffice;

/** Automatic production attempts (each retried by the activity) before a caseworker must ask again. */
export const MAX_AUTOMATIC_PRODUCTION_ATTEMPTS = 3;

export const productionStalled = (s: CaseState) =>
  s.status === 'approved' && !idCardProgressOf(s).card && (idCardProgressOf(s).productionFailures ?? 0) >= MAX_AUTOMATIC_PRODUCTION_ATTEMPTS;
