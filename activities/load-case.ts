import type { EventStore } from '../event-store/types';
import { streamIdOf } from '../workflows/definitions';
import { toLoaded } from './append-events';
import type { CaseActivities } from './types';

/**
 * The case as its stream holds it, for a workflow run started on a case whose earlier run has ended (a decided case
 * revoked or corrected): the run folds these events and decides from there. Each event keeps its id and the command
 * that appended it, so that the run's record of the stream is complete and a command already applied is not applied again.
 */
export const loadCase =
  (store: EventStore): CaseActivities['loadCase'] =>
  async ({ caseId }) => {
    const stored = await store.readStream(streamIdOf(caseId));
    return { events: stored.map(toLoaded) };
  };
