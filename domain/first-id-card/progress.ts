import type { FirstIdCardCase } from './spec';

export { MAX_AUTOMATIC_PRODUCTION_ATTEMPTS, productionStalled } from '../id-card/actions';

/** Only cross-province cases recorded before the hukou-place office decided them itself: it signs off first. */
export const needsSignOff = (s: FirstIdCardCase) => s.handlingOffice !== s.details.hukouOffice;
