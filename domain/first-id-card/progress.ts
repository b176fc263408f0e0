// Only cross-province cases recorded before the hukou-place office decided them itself need a sign-off first.
export { MAX_AUTOMATIC_PRODUCTION_ATTEMPTS, needsSignOff, productionStalled } from '../id-card/actions';
