import { caseTypeModule, fold, type CaseState, type CaseType } from '../../../domain';
import { toCaseEvent } from '../../../projections/case-state/case-state-projection';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import { streamIdOf } from '../../../workflows/definitions';
import { ProblemError } from '../problem/problem';

/** How many cases the reader keeps folded (a few MB): the ones being worked on now. */
export const CASES_KEPT = 5_000;

/**
 * Rebuilds a case from its stream with the domain's evolve: always current, and the basis of replays.
 * The current state of a case (what every command's access check reads) is folded once and kept: the
 * next read asks the store only for the events after the version kept, and folds those on top. Events
 * are never changed once appended, so this is the same state a full replay gives, at the cost of one
 * query that usually returns nothing. Reads of past states (toVersion, until) always replay in full.
 */
export class CaseReader {
  /** Most recently read last: the first entry is the one dropped when the reader is full. */
  private readonly kept = new Map<string, CaseState>();

  constructor(
    private readonly store: EventStore,
    private readonly keep = CASES_KEPT,
  ) {}

  async events(caseId: string, options: { toVersion?: number; until?: string } = {}): Promise<RecordedEvent[]> {
    if (!UUID.test(caseId)) throw new ProblemError(404, 'no such case');
    return this.store.readStream(streamIdOf(caseId), options);
  }

  async load(caseId: string, options: { toVersion?: number; until?: string } = {}): Promise<CaseState> {
    const current = options.toVersion === undefined && options.until === undefined;
    const known = current ? this.kept.get(caseId) : undefined;
    const state = known ? await this.caughtUp(caseId, known) : replay(await this.events(caseId, options));
    if (!state) throw new ProblemError(404, 'no such case');
    if (current) this.remember(caseId, state);
    return state;
  }

  /** A kept state with the events appended since folded on top (the same object when there are none). */
  private async caughtUp(caseId: string, known: CaseState): Promise<CaseState> {
    const newer = await this.store.readStream(streamIdOf(caseId), { fromVersion: known.version + 1 });
    if (newer.length === 0) return known;
    return fold(caseTypeModule(known.type), newer.map(toCaseEvent), known) ?? known;
  }

  private remember(caseId: string, state: CaseState): void {
    // Two reads of one case at once: the later version stays, whichever finishes last.
    const kept = this.kept.get(caseId);
    if (kept && kept.version > state.version) state = kept;
    this.kept.delete(caseId);
    this.kept.set(caseId, state);
    if (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
  }
}

export function replay(events: RecordedEvent[]): CaseState | null {
  if (events.length === 0) return null;
  const module = caseTypeModule((events[0].data as { type: CaseType }).type);
  return fold(module, events.map(toCaseEvent));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
