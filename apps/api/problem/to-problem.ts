import { HttpException } from '@nestjs/common';
import {
  ApplicationFailure,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { DomainError, type DomainErrorKind } from '../../../domain';
import { DOMAIN_FAILURE_PREFIX } from '../../../workflows/definitions';
import { InvalidToken } from '../auth/token-verifier';
import { problem, ProblemError, type Problem } from './problem';

const STATUS_OF: Record<DomainErrorKind, number> = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409, rule: 422 };

/** Every error becomes a problem; anything unexpected is a 500 that says nothing about internals. */
export function toProblem(error: unknown): { problem: Problem; unexpected: boolean } {
  const known = knownProblem(error);
  return known ? { problem: known, unexpected: false } : { problem: problem(500, 'an internal error occurred; it has been logged'), unexpected: true };
}

/** How long a client should wait before retrying after a dependency failed (seconds): a restart takes a few. */
export const RETRY_AFTER_SECONDS = 5;

const OUTAGE_DETAIL = {
  store: 'the case store is unavailable for a moment; nothing was changed by this request unless a retry with the same Idempotency-Key says so — retry it',
  temporal: 'the workflow service is unavailable for a moment; retry the request with the same Idempotency-Key',
} as const;

/** A dependency that is down (not a bug of ours, not the caller's fault): 503 with Retry-After. */
function outage(error: unknown): Problem | null {
  const which = unavailableDependency(error);
  return which ? problem(503, OUTAGE_DETAIL[which], { dependency: which, retryAfter: RETRY_AFTER_SECONDS }) : null;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * gRPC status codes DEADLINE_EXCEEDED (4) and UNAVAILABLE (14): the server did not answer, whatever the call.
 * And FAILED_PRECONDITION (9): the server cannot take the call in its present state, which passes. For an
 * update it is Temporal's WorkflowNotReady: the case's workflow task failed (its worker died or froze with
 * the task) and the update was aborted, not applied; the retry under the same key runs it once the task is
 * retried. The fault suite (`npm run test:faults`) met it after a frozen worker was thawed.
 */
const UNAVAILABLE_GRPC = new Set<number>([4, 9, 14]);

function unavailableDependency(error: unknown): 'store' | 'temporal' | null {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'temporal';
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e) && UNAVAILABLE_GRPC.has(e.code)) return 'temporal';
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      // SQLSTATE class 08 (connection exception), 57P01-03 (server shutting down or starting), 53300 (too many connections)
      if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return 'store';
    }
    if (
      typeof message === 'string' &&
      /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message)
    ) {
      return 'store';
    }
  }
  return null;
}

function knownProblem(error: unknown): Problem | null {
  const down = outage(error);
  if (down) return down;
  if (error instanceof ProblemError) return problem(error.status, error.message, error.extra);
  if (error instanceof DomainError) return problem(STATUS_OF[error.kind], error.message, error.extra);
  if (error instanceof InvalidToken) return problem(401, error.message);
  if (error instanceof WorkflowUpdateFailedError) return fromFailure(error.cause);
  if (error instanceof WorkflowNotFoundError) return problem(404, 'no such case');
  // Nest hands Fastify's own errors (media type, body size) on as HttpExceptions with Fastify's wording.
  if (error instanceof HttpException && error.getStatus() === 415) return problem(415, UNSUPPORTED_MEDIA);
  if (error instanceof HttpException && error.getStatus() === 413) return problem(413, TOO_LARGE);
  if (error instanceof HttpException) return problem(error.getStatus(), httpMessage(error));
  return fromFastify(error);
}

function fromFailure(cause: unknown): Problem | null {
  if (cause instanceof ApplicationFailure && cause.type?.startsWith(DOMAIN_FAILURE_PREFIX)) {
    const kind = cause.type.slice(DOMAIN_FAILURE_PREFIX.length) as DomainErrorKind;
    const extra = (cause.details?.[0] ?? {}) as Record<string, unknown>;
    return problem(STATUS_OF[kind] ?? 409, cause.message, extra);
  }
  return null;
}

function httpMessage(e: HttpException): string {
  const r = e.getResponse();
  if (typeof r === 'string') return r;
  const m = (r as { message?: unknown }).message;
  return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : e.message;
}

const UNSUPPORTED_MEDIA = 'send the body as application/json: forms and other media types are not accepted';
const TOO_LARGE = 'the request body is larger than 64 KiB';

/** Errors Fastify raises before a route runs: body size, media type (a JSON body's own errors: json-body.ts). */
function fromFastify(error: unknown): Problem | null {
  const e = error as { code?: string; statusCode?: number; message?: string };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, TOO_LARGE);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, UNSUPPORTED_MEDIA);
    default:
      break; // any other code: judged by its status below
  }
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return problem(e.statusCode, 'the request was not understood');
  return null;
}
