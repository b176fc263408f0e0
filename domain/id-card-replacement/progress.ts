import type { IdCardReplacementCase } from './spec';

/** Lodged in another province: the residence office handles it, after the hukou-place office signed off. */
export const needsSignOff = (s: IdCardReplacementCase) => s.handlingOffice !== s.details.hukouOffice;
