import type { EventStore } from '../event-store/types';
import { appendEvents } from './append-events';
import type { CaseActivities } from './types';
import { verifyRecord, type Registries } from './verify-record';

export function createActivities(deps: { store: EventStore; registries: Registries }): CaseActivities {
  return {
    appendEvents: appendEvents(deps.store),
    verifyRecord: verifyRecord(deps.registries),
  };
}

export type { CaseActivities } from './types';
export type { Registries } from './verify-record';
