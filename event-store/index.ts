export * from './types';
export * from './errors';
export { canonicalJson, eventHash, verifyStream, GENESIS_HASH, type StreamVerification } from './hash-chain';
export { compareCheckpoints } from './checkpoint';

// Adapters: ./postgres (PostgreSQL server and embedded PGlite) and ./kurrentdb; apps/runtime/stores.ts picks one from the configuration.
