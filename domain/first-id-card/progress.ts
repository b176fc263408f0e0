import type { FirstIdCardCase } from './spec';

/** Only cross-province cases recorded before the hukou-place office decided them itself: it signs off first. */
export const needsSignOff = (s: FirstIdCardCase) => s.handlingOffice !== s.details.hukouOffice;

/** Automatic production attempts (each retried by the activity) before a caseworker must ask again. */
export const MAX_AUTOMATIC_PRODUCTION_ATTEMPTS = 3;

export const productionStalled = (s: FirstIdCardCase) =>
  s.status === 'approved' && !s.progress.card && (s.progress.productionFailures ?? 0) >= MAX_AUTOMATIC_PRODUCTION_ATTEMPTS;
