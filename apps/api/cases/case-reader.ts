import { caseTypeModule, fold, type CaseState, type CaseType } from '../../../domain';
import { toCaseEvent } from '../../../projections/case-state/case-state-projection';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import { streamIdOf } from '../../../workflows/definitions';
import { ProblemError } from '../problem/problem';

/** Rebuilds a case from its stream with the domain's evolve: always current, and the basis of replays. */
export class CaseReader {
  constructor(private readonly store: EventStore) {}

  async events(caseId: string, options: { toVersion?: number; until?: string } = {}): Promise<RecordedEvent[]> {
    if (!UUID.test(caseId)) throw new ProblemError(404, 'no such case');
    return this.store.readStream(streamIdOf(caseId), options);
  }

  async load(caseId: string, options: { toVersion?: number; until?: string } = {}): Promise<CaseState> {
    const events = await this.events(caseId, options);
    const state = replay(events);
    if (!state) throw new ProblemError(404, 'no such case');
    return state;
  }
}

export function replay(events: RecordedEvent[]): CaseState | null {
  if (events.length === 0) return null;
  const module = caseTypeModule((events[0].data as { type: CaseType }).type);
  return fold(module, events.map(toCaseEvent));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
