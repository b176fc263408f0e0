import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  CASEWORK_DATA_DIR: z.string().default('./data'),
  EVENT_STORE: z.enum(['pglite', 'postgres', 'kurrentdb']).default('pglite'),
  DATABASE_URL: z.string().optional(),
  DATABASE_PASSWORD_FILE: z.string().min(1).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  PGLITE_DIR: z.string().optional(),
  KURRENTDB_CONNECTION_STRING: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('casework'),
  TEMPORAL_SEALING_KEYS: z.string().optional(),
  TEMPORAL_SEALING_KEYS_FILE: z.string().optional(),
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_ACTIVATION_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
  TEMPORAL_WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
  TEMPORAL_WORKFLOW_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  JWT_SECRET: z.string().optional(),
  JWT_SECRET_FILE: z.string().optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_JWKS_URL: z.string().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  CONSOLE_OIDC_CLIENT_ID: z.string().optional(),
  CONSOLE_OIDC_SCOPE: z.string().default('openid profile'),
  CONSOLE_DIR: z.string().optional(),
  SLA_TIME_SCALE: z.coerce.number().min(1).default(1),
  REGISTRY_LATENCY_MS: z.coerce.number().min(0).default(40),
  REGISTRY_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0.05),
  LOG_LEVEL: z.string().default('info'),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().default(24),
  PROJECTION_SETTLE_MS: z.coerce.number().int().min(0).max(1000).default(100),
  CALENDAR_SEED_FILE: z.string().optional(),
  TOKEN_MAX_LIFETIME_HOURS: z.coerce.number().positive().default(12),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(60),
  ALERT_STREAMS_PER_CALLER: z.coerce.number().int().positive().default(3),
  CODEC_CORS_ORIGINS: z.string().optional(),
  POSSIBLE_DUPLICATES: z.enum(['flag', 'off']).default('flag'),
  VERIFY_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(30),
});

export type Auth = { kind: 'dev'; secret: Uint8Array; issuer: string; audience: string } | { kind: 'oidc'; issuer: string; jwksUrl: string; audience: string };

export interface Config {
  production: boolean;
  port: number;
  /** The address the API listens on; unset, the process's profile decides (embedded: loopback only). */
  host?: string;
  dataDir: string;
  eventStore:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; schema: string }
    | { kind: 'kurrentdb'; url: string; readModelsUrl: string; schema: string };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** The payload sealing keys: given (`id=base64key,…`), else read from the file (generated there in development). */
    sealing: { keys?: string; file: string; generate: boolean };
    /** TLS to Temporal, with a client certificate (mTLS) when `certFile` and `keyFile` are given; plain TCP without it. */
    tls?: TemporalTls;
    /** The longest one workflow activation may run before the worker's watchdog stops it (apps/runtime/temporal.ts). */
    activationTimeoutMs?: number;
    /** Keep the SDK's per-promise stack traces, for the `__stack_trace` query (apps/runtime/workflow-sandbox). */
    workflowStackTraces?: boolean;
    /** 0: the worker runs its workflows in its main thread; n: in n workflow threads (apps/runtime/workflow-sandbox). */
    workflowThreads?: number;
  };
  auth: Auth;
  /** The web console: where its built files are, and the OpenID Connect client it signs in as (production). */
  console: { dir: string; oidcClientId?: string; oidcScope: string };
  slaTimeScale: number;
  registries: { latencyMs: number; transientFailureRate: number };
  logLevel: string;
  /** How long a stored idempotent answer (which holds personal data) is replayed, then forgotten. */
  idempotencyTtlMs: number;
  /** How long the read models wait after an append is announced, so that the appends of that moment share one transaction. */
  projectionSettleMs: number;
  /** The working-day calendar published at first start, when not the bundled notices (CALENDAR_SEED_FILE). */
  calendarSeed?: { years: Record<string, { holidays: string[]; workdays: string[] }> };
  /** The longest a token may live, exp − iat (seconds). */
  tokenMaxLifetimeSeconds: number;
  /** Requests per caller per window (429 beyond), and open SLA alert streams per caller. */
  limits: { max: number; windowMs: number; alertStreamsPerCaller: number; verifyMax: number };
  /** Whether a new case is checked for other open cases of the same type about the same person (inferred rule). */
  possibleDuplicates: boolean;
  /** The origins whose pages may call the codec server from a browser: the Temporal UI's. */
  codecOrigins: string[];
}

/** Files of the TLS configuration towards Temporal (read when connecting, so that renewed certificates are picked up on restart). */
export interface TemporalTls {
  /** The CA that signed Temporal's server certificate (else the system's roots). */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** The name to verify the server certificate against, when not the host of TEMPORAL_ADDRESS. */
  serverName?: string;
}

export class ConfigError extends Error {}

/** Reads and checks the environment once, at start-up: a bad setting stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.TEMPORAL_SEALING_KEYS === undefined && e.TEMPORAL_SEALING_KEYS_FILE === undefined) {
    throw new ConfigError(
      'production seals Temporal payloads with keys the operator provides: set TEMPORAL_SEALING_KEYS (id=base64 of 32 random bytes) or TEMPORAL_SEALING_KEYS_FILE',
    );
  }
  if (production && e.SLA_TIME_SCALE !== 1) {
    throw new ConfigError('SLA_TIME_SCALE speeds up statutory clocks for tests only and is refused in production');
  }
  return {
    production,
    port: e.PORT,
    ...(e.HOST ? { host: e.HOST } : {}),
    dataDir: e.CASEWORK_DATA_DIR,
    eventStore: eventStoreConfig({ ...e, DATABASE_URL: databaseUrl(e.DATABASE_URL, e.DATABASE_PASSWORD_FILE) }),
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      sealing: {
        ...(e.TEMPORAL_SEALING_KEYS !== undefined ? { keys: e.TEMPORAL_SEALING_KEYS } : {}),
        file: e.TEMPORAL_SEALING_KEYS_FILE ?? join(e.CASEWORK_DATA_DIR, 'temporal-sealing-keys'),
        // Production never generates keys: every process must hold the same ones, provisioned by the operator.
        generate: !production,
      },
      activationTimeoutMs: e.TEMPORAL_ACTIVATION_TIMEOUT_SECONDS * 1000,
      workflowStackTraces: e.TEMPORAL_WORKFLOW_STACK_TRACES === 'on',
      workflowThreads: e.TEMPORAL_WORKFLOW_THREADS,
      ...temporalTls(e),
    },
    auth: authConfig(e, production),
    console: {
      dir: e.CONSOLE_DIR ?? join(repositoryRoot(), 'dist', 'console'),
      ...(e.CONSOLE_OIDC_CLIENT_ID ? { oidcClientId: e.CONSOLE_OIDC_CLIENT_ID } : {}),
      oidcScope: e.CONSOLE_OIDC_SCOPE,
    },
    slaTimeScale: e.SLA_TIME_SCALE,
    registries: { latencyMs: e.REGISTRY_LATENCY_MS, transientFailureRate: e.REGISTRY_FAILURE_RATE },
    logLevel: e.LOG_LEVEL,
    idempotencyTtlMs: e.IDEMPOTENCY_TTL_HOURS * 3_600_000,
    projectionSettleMs: e.PROJECTION_SETTLE_MS,
    ...(e.CALENDAR_SEED_FILE ? { calendarSeed: readCalendarSeed(e.CALENDAR_SEED_FILE) } : {}),
    tokenMaxLifetimeSeconds: Math.round(e.TOKEN_MAX_LIFETIME_HOURS * 3600),
    possibleDuplicates: e.POSSIBLE_DUPLICATES === 'flag',
    limits: {
      max: e.RATE_LIMIT_MAX,
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
      alertStreamsPerCaller: e.ALERT_STREAMS_PER_CALLER,
      verifyMax: e.VERIFY_RATE_LIMIT_MAX,
    },
    codecOrigins: codecOrigins(e.CODEC_CORS_ORIGINS, production),
  };
}

const calendarSeed = z.object({
  years: z.record(z.string().regex(/^\d{4}$/), z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) }).strict()),
});

function readCalendarSeed(path: string): NonNullable<Config['calendarSeed']> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`CALENDAR_SEED_FILE: cannot read ${path}`);
  }
  const parsed = calendarSeed.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new ConfigError(`CALENDAR_SEED_FILE: ${path} is not a calendar ({ "years": { "2026": { "holidays": [...], "workdays": [...] } } })`);
  return parsed.data;
}

/**
 * The database URL with the password from DATABASE_PASSWORD_FILE put in: a secret mounted as a file stays out of
 * the process environment (which `docker inspect` and /proc show). The file's content is taken as it is, but for
 * its final line break, and percent-encoded into the URL, so any character may be used.
 */
export function databaseUrl(url: string | undefined, passwordFile: string | undefined): string | undefined {
  if (passwordFile === undefined) return url;
  if (!url) throw new ConfigError('DATABASE_PASSWORD_FILE is set but DATABASE_URL is not: give the URL without its password');
  let password: string;
  try {
    password = readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  } catch {
    throw new ConfigError(`DATABASE_PASSWORD_FILE: cannot read ${passwordFile}`);
  }
  if (password === '') throw new ConfigError(`DATABASE_PASSWORD_FILE: ${passwordFile} is empty`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL (postgres://user@host:5432/db)');
  }
  // Two sources for one password: refuse rather than pick one silently.
  if (parsed.password) throw new ConfigError('DATABASE_URL holds a password and DATABASE_PASSWORD_FILE is set: keep the password in the file only');
  if (!parsed.username) throw new ConfigError('DATABASE_PASSWORD_FILE needs a user name in DATABASE_URL (postgres://user@host:5432/db)');
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function eventStoreConfig(e: z.infer<typeof schema>): Config['eventStore'] {
  switch (e.EVENT_STORE) {
    case 'pglite':
      return { kind: 'pglite', dataDir: e.PGLITE_DIR ?? join(e.CASEWORK_DATA_DIR, 'pglite') };
    case 'postgres':
      if (!e.DATABASE_URL) throw new ConfigError('EVENT_STORE=postgres needs DATABASE_URL');
      return { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA };
    case 'kurrentdb':
      if (!e.KURRENTDB_CONNECTION_STRING || !e.DATABASE_URL) {
        throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING and DATABASE_URL (read models)');
      }
      return { kind: 'kurrentdb', url: e.KURRENTDB_CONNECTION_STRING, readModelsUrl: e.DATABASE_URL, schema: e.DATABASE_SCHEMA };
  }
}

function authConfig(e: z.infer<typeof schema>, production: boolean): Auth {
  if (e.OIDC_ISSUER || e.OIDC_JWKS_URL) {
    if (!e.OIDC_ISSUER || !e.OIDC_JWKS_URL || !e.OIDC_AUDIENCE) {
      throw new ConfigError('OpenID Connect needs OIDC_ISSUER, OIDC_JWKS_URL and OIDC_AUDIENCE together');
    }
    return { kind: 'oidc', issuer: e.OIDC_ISSUER, jwksUrl: e.OIDC_JWKS_URL, audience: e.OIDC_AUDIENCE };
  }
  if (production) throw new ConfigError('production verifies tokens of an OpenID Connect issuer: set OIDC_ISSUER, OIDC_JWKS_URL, OIDC_AUDIENCE');
  const file = e.JWT_SECRET_FILE ?? join(e.CASEWORK_DATA_DIR, 'dev-jwt-secret');
  const secret = e.JWT_SECRET ?? readSecretFile(file);
  // HS256 with a short key can be brute-forced offline from a single token (RFC 7518 §3.2: at least 256 bits).
  const bytes = new TextEncoder().encode(secret).length;
  if (bytes < MIN_SECRET_BYTES) {
    const where = e.JWT_SECRET !== undefined ? 'JWT_SECRET' : `the secret in ${file}`;
    throw new ConfigError(
      `${where} has ${bytes} bytes; a token signing secret needs at least ${MIN_SECRET_BYTES}: unset JWT_SECRET (and delete a short secret file) to have \`npm run setup\` generate one, or set a longer random one`,
    );
  }
  return { kind: 'dev', secret: new TextEncoder().encode(secret), issuer: 'casework-dev', audience: 'casework' };
}

/** The shortest development signing secret accepted (bytes of its UTF-8 text). */
export const MIN_SECRET_BYTES = 32;

function readSecretFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new ConfigError(`no development token secret at ${path}: run \`npm run setup\` (or set JWT_SECRET)`);
  }
}

/** The folder holding package.json above this file: the same from the sources (config/) and the build (dist/config/). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * The Temporal UI origins allowed to call the codec server, exact (`scheme://host[:port]`, no wildcard).
 * Outside production the development server's UI (port 8233) is allowed by default.
 */
function codecOrigins(given: string | undefined, production: boolean): string[] {
  if (given === undefined) return production ? [] : ['http://localhost:8233', 'http://127.0.0.1:8233'];
  const origins = given
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== origin || !/^https?:$/.test(url.protocol)) {
      throw new ConfigError(`CODEC_CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], nothing after it)`);
    }
  }
  return origins;
}

/** TLS towards Temporal: any TEMPORAL_TLS_* turns it on; a client certificate needs both its files. */
function temporalTls(e: z.infer<typeof schema>): { tls?: TemporalTls } {
  const { TEMPORAL_TLS_CA_FILE: caFile, TEMPORAL_TLS_CERT_FILE: certFile, TEMPORAL_TLS_KEY_FILE: keyFile, TEMPORAL_TLS_SERVER_NAME: serverName } = e;
  if (!caFile && !certFile && !keyFile && !serverName) return {};
  if (!certFile !== !keyFile) throw new ConfigError('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together: the client certificate and its key');
  for (const [name, file] of [
    ['TEMPORAL_TLS_CA_FILE', caFile],
    ['TEMPORAL_TLS_CERT_FILE', certFile],
    ['TEMPORAL_TLS_KEY_FILE', keyFile],
  ] as const) {
    if (file && !existsSync(file)) throw new ConfigError(`${name}: no file at ${file}`);
  }
  return { tls: { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile, keyFile } : {}), ...(serverName ? { serverName } : {}) } };
}
