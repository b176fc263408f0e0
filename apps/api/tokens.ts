/** Injection tokens: every dependency of the API is provided explicitly by ApiModule.register. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_DB = Symbol('READ_DB');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const CASE_SERVICES = Symbol('CASE_SERVICES');
export const HEALTH = Symbol('HEALTH');
export const LOGGER = Symbol('LOGGER');
export const READ_MODELS = Symbol('READ_MODELS');
export const METRICS = Symbol('METRICS');
export const IDEMPOTENCY = Symbol('IDEMPOTENCY');
