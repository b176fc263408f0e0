import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CASEWORK_DATA_DIR: z.string().default('./data'),
  EVENT_STORE: z.enum(['pglite', 'postgres', 'kurrentdb']).default('pglite'),
  DATABASE_URL: z.string().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  PGLITE_DIR: z.string().optional(),
  KURRENTDB_CONNECTION_STRING: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('casework'),
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
});

export type Auth = { kind: 'dev'; secret: Uint8Array; issuer: string; audience: string } | { kind: 'oidc'; issuer: string; jwksUrl: string; audience: string };

export interface Config {
  production: boolean;
  port: number;
  dataDir: string;
  eventStore:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; schema: string }
    | { kind: 'kurrentdb'; url: string; readModelsUrl: string; schema: string };
  temporal: { address: string; namespace: string; taskQueue: string };
  auth: Auth;
  /** The web console: where its built files are, and the OpenID Connect client it signs in as (production). */
  console: { dir: string; oidcClientId?: string; oidcScope: string };
  slaTimeScale: number;
  registries: { latencyMs: number; transientFailureRate: number };
  logLevel: string;
  /** How long a stored idempotent answer (which holds personal data) is replayed, then forgotten. */
  idempotencyTtlMs: number;
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
  if (production && e.SLA_TIME_SCALE !== 1) {
    throw new ConfigError('SLA_TIME_SCALE speeds up statutory clocks for tests only and is refused in production');
  }
  return {
    production,
    port: e.PORT,
    dataDir: e.CASEWORK_DATA_DIR,
    eventStore: eventStoreConfig(e),
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE },
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
  };
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
  const secret = e.JWT_SECRET ?? readSecretFile(e.JWT_SECRET_FILE ?? join(e.CASEWORK_DATA_DIR, 'dev-jwt-secret'));
  return { kind: 'dev', secret: new TextEncoder().encode(secret), issuer: 'casework-dev', audience: 'casework' };
}

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
