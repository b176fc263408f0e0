import type { FirstIdCardCase } from './spec';

/** Cross-province: lodged where the person lives, so the hukou-place office must sign off. */
export const needsSignOff = (s: FirstIdCardCase) => s.handlingOffice !== s.details.hukouOffice;

/** Automatic production attempts (each retried by the activity) before a caseworker must ask again. */
export const MAX_AUTOMATIC_PRODUCTION_ATTEMPTS = 3;

export const productionStalled = (s: FirstIdCardCase) =>
  s.status === 'approved' && !s.progress.card && (s.progress.productionFailures ?? 0) >= MAX_AUTOMATIC_PRODUCTION_ATTEMPTS;
