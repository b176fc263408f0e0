import { ApplicationFailure } from '@temporalio/activity';
import { IdempotencyConflict, WrongExpectedVersion } from '../event-store/errors';
import type { EventStore } from '../event-store/types';
import type { CaseActivities } from './types';

/** Appends a workflow's decided events; a retry of a committed batch is recognised by event id. */
export const appendEvents =
  (store: EventStore): CaseActivities['appendEvents'] =>
  async ({ streamId, expectedVersion, events }) => {
    try {
      return await store.append(streamId, events, { expectedVersion });
    } catch (e) {
      // A second writer or a reused event id is a bug: fail loudly instead of retrying forever.
      if (e instanceof WrongExpectedVersion || e instanceof IdempotencyConflict) {
        throw ApplicationFailure.nonRetryable(e.message, e.name);
      }
      throw e;
    }
  };
