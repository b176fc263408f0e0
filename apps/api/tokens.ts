/** Injection tokens of the parts the process hands the API (ApiCoreModule provides each of them). */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_DB = Symbol('READ_DB');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const CASE_WORKFLOWS = Symbol('CASE_WORKFLOWS');
export const READ_MODEL_TABLES = Symbol('READ_MODEL_TABLES');
export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const IDEMPOTENCY_TTL_MS = Symbol('IDEMPOTENCY_TTL_MS');
export const CALENDAR_SEED = Symbol('CALENDAR_SEED');
export const ALERT_STREAMS_PER_CALLER = Symbol('ALERT_STREAMS_PER_CALLER');
export const SEALING_KEYS = Symbol('SEALING_KEYS');

/** Whether openings are checked for possible duplicates. */
export const POSSIBLE_DUPLICATES = Symbol('POSSIBLE_DUPLICATES');
