import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AccessLog } from './access-log/access-log';
import { ApiModule, type ApiDependencies } from './api.module';
import { installCodecCors } from './codec/codec-cors';
import { DEFAULT_RATE_LIMITS, installRateLimit } from './limits/rate-limit';
import { installJsonBodyParser } from './problem/json-body';
import { sendProblem } from './problem/problem.filter';
import { ProblemError } from './problem/problem';
import type { Metrics } from './observability/metrics';
import { METRICS } from './tokens';

export const BODY_LIMIT = 64 * 1024;
/** Real bodies nest 3 or 4 levels; far deeper JSON is refused before anything walks it recursively (hashing, Temporal payloads). */
export const BODY_DEPTH_LIMIT = 32;
const CORRELATION = /^[\w.:-]{1,128}$/;

/**
 * Builds the Nest application on Fastify with problem+json errors and correlation ids. It installs no
 * signal handlers: the process that runs it owns SIGTERM/SIGINT and calls `app.close()`.
 */
export async function createApiApp(deps: ApiDependencies, log: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // The console's redirect URI at an OpenID Connect issuer is `<origin>/console/` (docs/configuration.md), where
    // the browser comes back with the code: the same page as /console (Nest routes no trailing slash).
    rewriteUrl: (req: { url?: string }) => (req.url ?? '/').replace(/^\/console\/(?=\?|$)/, '/console'),
    // The caller's correlation id is kept (when sane) so one action can be traced from HTTP into events.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION.test(given) ? given : randomUUID();
    },
    // Errors the router raises before any route or error handler (a malformed URL) are problems too.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => sendProblem(log, error, req, reply),
  });
  // bodyParser off: Nest would add a form-urlencoded parser; Fastify's own JSON parser is the only one kept.
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(deps, log), adapter, { logger: ['error', 'warn'], bodyParser: false });
  const metrics = app.get<Metrics>(METRICS);
  const fastify = app.getHttpAdapter().getInstance();
  // JSON everywhere: a text/plain or form body is a 415, not a string for the routes to misread as a wrong type.
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);
  // Security headers (CSP, HSTS, nosniff, frame-ancestors …); the Swagger UI page loads only its own scripts. The
  // console signing in at an OpenID Connect issuer may fetch from it (discovery, token endpoint) and frame it (the
  // silent renewal's hidden frame, when the issuer gives no refresh token), and nothing else.
  // No upgrade-insecure-requests: every address a page uses is its own origin's or the configured issuer's, so over
  // https there is nothing to upgrade; over plain http (the API on loopback) it would turn the issuer's redirect
  // back into the renewal frame into an https address that is not 'self', and the frame would be refused.
  const signIn = deps.console?.signIn;
  const issuer = signIn?.kind === 'oidc' ? new URL(signIn.authority).origin : undefined;
  const issuerToo = ["'self'", ...(issuer ? [issuer] : [])];
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { connectSrc: issuerToo, frameSrc: issuerToo, upgradeInsecureRequests: null } },
  });
  installCodecCors(fastify, deps.codecOrigins ?? [], log);
  await installRateLimit(app, deps.verifier, deps.limits ?? DEFAULT_RATE_LIMITS);
  fastify.addHook('preValidation', async (req) => {
    if (nestedDeeperThan(req.body, BODY_DEPTH_LIMIT)) throw new ProblemError(400, `the request body nests deeper than ${BODY_DEPTH_LIMIT} levels`);
    for (const [part, value] of [
      ['body', req.body],
      ['query', req.query],
    ] as const) {
      const at = unstorableAt(value);
      if (at !== undefined) {
        throw new ProblemError(400, `the request ${part} holds a character that cannot be stored (NUL or an unpaired surrogate) at ${at || `(${part})`}`);
      }
      const hidden = hiddenCharacterAt(value);
      if (hidden !== undefined) {
        throw new ProblemError(
          400,
          `the request ${part} holds a control or bidirectional-override character at ${hidden.path || `(${part})`} (${hidden.code}): remove it and send the text as it reads`,
        );
      }
    }
  });
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-correlation-id', req.id);
    // Answers carry personal data: no browser, proxy or shared cache keeps them. A route that serves static
    // files may say otherwise by setting its own header.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // After the answer has gone: who read a case's personal data, and who was refused a case that exists.
  const accessLog = app.get(AccessLog);
  fastify.addHook('onResponse', (req, reply) => accessLog.observe(req, reply));
  fastify.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
      (req.params as { action?: string })?.action,
    );
    log.info(
      { correlationId: req.id, method: req.method, route: req.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  // No app.enableShutdownHooks(): apps/runtime/main-process.ts owns SIGINT/SIGTERM and closes the app in order.
  return app;
}

/** NUL, and UTF-16 surrogates without their pair: valid in JSON, refused by PostgreSQL (and by any later append). */
// eslint-disable-next-line no-control-regex -- finding NUL is this pattern's purpose
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where in a parsed JSON value (dotted path; '' for the value itself) a string or key holds an unstorable
 * character, or undefined. Refused at the door: caught later, the append would fail while the case is held.
 */
function unstorableAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return path || '(a key)';
    const found = unstorableAt(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Characters that change how text looks without being seen: C0 controls (tab, newline and carriage return
 * are allowed in free text), DEL, C1 controls, and the bidirectional embeddings, overrides, isolates and
 * marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) that can make a name or a number read differently
 * on screen than it is stored (Trojan Source, CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const HIDDEN_IN_TEXT = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** In a name, even a tab or a line break is out of place. */
const HIDDEN_IN_NAME = /[\t\n\r]/;

/** Where (dotted path) and which (U+XXXX) hidden character a parsed JSON value holds, or undefined. */
export function hiddenCharacterAt(value: unknown, path = '', key = ''): { path: string; code: string } | undefined {
  if (typeof value === 'string') {
    const found = HIDDEN_IN_TEXT.exec(value) ?? (/name$/i.test(key) ? HIDDEN_IN_NAME.exec(value) : null);
    return found ? { path, code: `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, child] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    const inKey = HIDDEN_IN_TEXT.exec(k) ?? HIDDEN_IN_NAME.exec(k);
    if (inKey) return { path: path || '(a key)', code: `U+${inKey[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
    const found = hiddenCharacterAt(child, at, Array.isArray(value) ? key : k);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether a parsed JSON value nests arrays/objects deeper than `limit` (iterative: safe on any depth). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
