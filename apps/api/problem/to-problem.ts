import { HttpException } from '@nestjs/common';
import { ApplicationFailure, WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
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

function knownProblem(error: unknown): Problem | null {
  if (error instanceof ProblemError) return problem(error.status, error.message, error.extra);
  if (error instanceof DomainError) return problem(STATUS_OF[error.kind], error.message, error.extra);
  if (error instanceof InvalidToken) return problem(401, error.message);
  if (error instanceof WorkflowUpdateFailedError) return fromFailure(error.cause);
  if (error instanceof WorkflowNotFoundError) return problem(404, 'no such case');
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

/** Errors Fastify raises before a route runs: body size, JSON syntax, media type. */
function fromFastify(error: unknown): Problem | null {
  const e = error as { code?: string; statusCode?: number; message?: string };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'the request body is larger than 64 KiB');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'the request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'send the body as application/json');
  }
  if (error instanceof SyntaxError) return problem(400, 'the request body is not valid JSON');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return problem(e.statusCode, 'the request was not understood');
  return null;
}
