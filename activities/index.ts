import type { EventStore } from '../event-store/types';
import { appendEvents } from './append-events';
import type { CaseActivities } from './types';
import { verifyRecord, type Registries } from './verify-record';

const notConnected = (what: string) => async (): Promise<never> => {
  throw new Error(`no ${what} is connected`);
};

export function createActivities(deps: { store: EventStore; registries: Registries }): CaseActivities {
  return {
    appendEvents: appendEvents(deps.store),
    verifyRecord: verifyRecord(deps.registries),
    lookupPhoto: notConnected('photo store'),
    storePhoto: notConnected('photo store'),
    produceCard: notConnected('card production centre'),
  };
}

export type { CaseActivities } from './types';
export type { Registries } from './verify-record';
