import { ApplicationFailure } from '@temporalio/workflow';
import { DomainError } from './domain';
import { DOMAIN_FAILURE_PREFIX } from './definitions';

/** Runs `fn`, turning a refused command into a failure the client can map to an HTTP status. */
export function asFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError) {
      throw ApplicationFailure.create({
        type: DOMAIN_FAILURE_PREFIX + e.kind,
        message: e.message,
        details: [e.extra],
        nonRetryable: true,
      });
    }
    throw e;
  }
}
