import { caseTypeModule, cardCaseFacts, fold, type CaseEvent, type CardCaseFacts } from '../domain';
import type { EventStore } from '../event-store/types';
import { streamIdOf } from '../workflows/definitions';
import { toDomain } from './append-events';
import type { CaseActivities } from './types';

/**
 * The card case a temporary ID card was lodged for, as its stream holds it now (docs/domain.md §7.3): open, signed off,
 * its photo. A read: it changes nothing, so it may run again after a crash. A stream that is not a card case's reads
 * as not found (the boundary already refused such a link).
 */
export const checkCardCase =
  (store: EventStore): CaseActivities['checkCardCase'] =>
  async ({ parentCaseId }): Promise<CardCaseFacts> => {
    const events = (await store.readStream(streamIdOf(parentCaseId))).map((e) => toDomain(e) as CaseEvent);
    if (events.length === 0) return { found: false };
    const module = caseTypeModule((events[0].data as { type: string }).type);
    const state = fold(module, events);
    return state ? cardCaseFacts(state) : { found: false };
  };
