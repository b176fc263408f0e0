import { ApplicationFailure } from '@temporalio/activity';
import { IdempotencyConflict, WrongExpectedVersion } from '../event-store/errors';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/types';
import type { ClockFact } from '../domain/sla';
import type { DocumentFact } from '../domain/kernel/documents';
import { batchDigest } from '../workflows/batch-digest';
import { eventIdAt } from '../workflows/event-ids';
import type { AppendEventsRequest, AppendEventsResult, CaseActivities, CommittedEvent, LoadedEvent } from './types';

/**
 * Appends a workflow's decided events. The append runs as a local activity, so after a worker crash the
 * workflow decides the same batch again (same event ids) at a later workflow time: the store then holds
 * an earlier version of it. Those committed facts are returned, and the workflow adopts them. A retried
 * workflow task may also decide something else first (a command that arrived meanwhile is handed over
 * before the result the lost attempt decided on): the run's own events past the expected version are then
 * returned (`moved`), and the workflow takes them before deciding again.
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
      if ((e instanceof WrongExpectedVersion || e instanceof IdempotencyConflict) && request.run) {
        const moved = await ownTail(store, request);
        if (moved) return moved;
      }
      // A second writer or a reused event id is a bug: fail loudly instead of retrying forever.
      if (e instanceof WrongExpectedVersion || e instanceof IdempotencyConflict) {
        throw ApplicationFailure.nonRetryable(e.message, e.name);
      }
      throw e;
    }
  };

/**
 * The batch as an earlier attempt committed it: same ids, in order, right after the expected version, of the same
 * types and command (ids named by version are the same for any batch at that version: the command tells them apart).
 */
async function committedBatch(store: EventStore, { streamId, expectedVersion, events }: AppendEventsRequest) {
  const after = typeof expectedVersion === 'number' ? expectedVersion : 0;
  const stored = await store.readStream(streamId, { fromVersion: after + 1, toVersion: after + events.length });
  const same =
    stored.length === events.length &&
    stored.every((e, i) => e.id === events[i].id && e.type === events[i].type && e.metadata.commandId === events[i].metadata.commandId);
  if (!same) return null;
  const last = stored[stored.length - 1];
  return {
    result: { nextVersion: last.version, position: last.position, checkpoint: last.checkpoint },
    events: stored.map(toCommitted),
  };
}

const toCommitted = (e: RecordedEvent): CommittedEvent => toDomain(e);

/**
 * The events after the expected version when every one of them is the run's own (its id is the one the run gives its
 * version): a workflow task of the run appended them and its completion was lost. Anything else there is a second
 * writer: null, and the append fails.
 */
async function ownTail(store: EventStore, { streamId, expectedVersion, run }: AppendEventsRequest): Promise<AppendEventsResult | null> {
  const after = typeof expectedVersion === 'number' ? expectedVersion : 0;
  const tail = await store.readStream(streamId, { fromVersion: after + 1 });
  if (tail.length === 0 || !tail.every((e) => e.id === eventIdAt(run!, streamId, e.version))) return null;
  const last = tail[tail.length - 1];
  return { nextVersion: last.version, position: last.position, checkpoint: last.checkpoint, moved: tail.map(toLoaded) };
}

/** A stored event in the domain's shape, with its id and the command that appended it. */
export const toLoaded = (e: RecordedEvent): LoadedEvent => ({
  ...toDomain(e),
  id: e.id,
  ...(typeof e.metadata.commandId === 'string' ? { commandId: e.metadata.commandId } : {}),
});

/** A stored event in the domain's shape: the instant, the clock facts and the document facts travel in its metadata. */
export function toDomain(e: NewEvent | RecordedEvent): CommittedEvent {
  const clocks = e.metadata.clocks as ClockFact[] | undefined;
  const documents = e.metadata.documents as DocumentFact[] | undefined;
  return { type: e.type, data: e.data as Record<string, unknown>, at: e.metadata.at, ...(clocks ? { clocks } : {}), ...(documents ? { documents } : {}) };
}
