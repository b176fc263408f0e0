import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { verifiedBearer } from '../auth/bearer';
import type { TokenVerifier } from '../auth/token-verifier';
import { ProblemError } from '../problem/problem';

export interface RateLimits {
  /** Requests one caller may send per window. */
  max: number;
  windowMs: number;
  /** Document verifications one client address may ask for per window (GET /verify is open to anyone). */
  verifyMax?: number;
}

/** A person checks the one document in front of them: a few tries a minute. More is someone guessing codes. */
export const DEFAULT_VERIFY_MAX = 30;

/** Enough for a person at a desk and a busy client script; a loop that hammers the API is slowed down. */
export const DEFAULT_RATE_LIMITS: RateLimits = { max: 600, windowMs: 60_000, verifyMax: DEFAULT_VERIFY_MAX };

const isVerification = (req: FastifyRequest) => req.routeOptions.url === '/verify/:number';

/**
 * Per-caller request limits: a caller is the verified token's subject, else (no token, or one that does not
 * verify) the client address — a forged token cannot buy a fresh allowance. Over the limit: 429 with
 * Retry-After. Health probes are exempt (a supervisor polls them, and they must answer during a burst).
 */
export async function installRateLimit(app: NestFastifyApplication, verify: TokenVerifier, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    // Verifications are counted apart (their own key) and far lower: the route needs no login, so nothing else bounds it.
    max: (req: FastifyRequest) => (isVerification(req) ? (limits.verifyMax ?? DEFAULT_VERIFY_MAX) : limits.max),
    timeWindow: limits.windowMs,
    allowList: (req: FastifyRequest) => req.url === '/health' || req.url.startsWith('/health/'),
    keyGenerator: async (req: FastifyRequest) => {
      if (isVerification(req)) return `verify:${req.ip}`;
      if (!req.headers.authorization) return `address:${req.ip}`;
      try {
        return `subject:${(await verifiedBearer(req, verify)).principal.id}`;
      } catch {
        return `address:${req.ip}`;
      }
    },
    errorResponseBuilder: (_req, context) => {
      const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ProblemError(429, `too many requests: at most ${context.max} per ${Math.round(limits.windowMs / 1000)} s; retry after ${retryAfter} s`, {
        retryAfter,
      });
    },
  });
}
