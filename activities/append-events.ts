import { ApplicationFailure } from '@temporalio/activity';
import { IdempotencyConflict, WrongExpectedVersion } from '../event-store/errors';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/types';
import type { ClockFact } from '../domain/sla';
import type { DocumentFact } from '../domain/kernel/documents';
import { batchDigest } from '../workflows/batch-digest';
import type { AppendEventsRequest, CaseActivities, CommittedEvent } from './types';

/**
 * Appends a workflow's decided events. The append runs as a local activity, so after a worker crash the
 * workflow decides the same batch again (same event ids) at a later workflow time: the store then holds
 * an earlier version of it. Those committed facts are returned, and the workflow adopts them.
 */
export const appendEvents =
  (store: EventStore): CaseActivities['appendEvents'] =>
  async (request) => {
    const { streamId, expectedVersion, events } = request;
    try {
      const digest = batchDigest(events.map(toDomain));
      return { ...(await store.append(streamId, events, { expectedVersion })), digest, ats: events.map((e) => e.metadata.at) };
    } catch (e) {
      if (e instanceof IdempotencyConflict) {
        const committed = await committedBatch(store, request);
        if (committed) return { ...committed.result, committed: committed.events, digest: batchDigest(committed.events) };
      }
      // A second writer or a reused event id is a bug: fail loudly instead of retrying forever.
      if (e instanceof WrongExpectedVersion || e instanceof IdempotencyConflict) {
        throw ApplicationFailure.nonRetryable(e.message, e.name);
      }
      throw e;
    }
  };

/** The batch as an earlier attempt committed it: same ids, in order, right after the expected version. */
async function committedBatch(store: EventStore, { streamId, expectedVersion, events }: AppendEventsRequest) {
  const after = typeof expectedVersion === 'number' ? expectedVersion : 0;
  const stored = await store.readStream(streamId, { fromVersion: after + 1, toVersion: after + events.length });
  const same = stored.length === events.length && stored.every((e, i) => e.id === events[i].id && e.type === events[i].type);
  if (!same) return null;
  const last = stored[stored.length - 1];
  return {
    result: { nextVersion: last.version, position: last.position, checkpoint: last.checkpoint },
    events: stored.map(toCommitted),
  };
}

const toCommitted = (e: RecordedEvent): CommittedEvent => toDomain(e);

/** A stored event in the domain's shape: the instant, the clock facts and the document facts travel in its metadata. */
export function toDomain(e: NewEvent | RecordedEvent): CommittedEvent {
  const clocks = e.metadata.clocks as ClockFact[] | undefined;
  const documents = e.metadata.documents as DocumentFact[] | undefined;
  return { type: e.type, data: e.data as Record<string, unknown>, at: e.metadata.at, ...(clocks ? { clocks } : {}), ...(documents ? { documents } : {}) };
}
