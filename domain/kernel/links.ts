import type { AnyCaseTypeModule } from './case-type';
import { event, KernelEvents as E, type CaseEvent, type KernelEvent } from './events';
import { isClosed } from './guards';
import type { OpenCaseInput } from './open-schema';
import { isPerson } from './representation';
import type { CaseState } from './types';

/**
 * A case lodged as the child of another (docs/domain.md §7.9.3: a temporary ID card linked to its card case, a
 * residence permit's yearly endorsement): which parent types it may have, and whether it must have one.
 */
export interface ParentRule {
  types: readonly string[];
  required: boolean;
  /**
   * The parent may be closed: what the child rests on outlives the parent's case (a residence document extended long
   * after the case that issued it completed). The closed parent records the link all the same (LINKS_REACH_ENDED_RUNS).
   */
  closedParent?: boolean;
  /**
   * The type's own rules on the parent, once the kernel's hold (allowed type, same person, still open): e.g. a
   * temporary ID card lodged in another province only after the hukou-place office signed the card case off. Null,
   * or a reason the person lodging can act on; it names no person.
   */
  refusal?(input: OpenCaseInput, parent: CaseState): string | null;
}

/**
 * An event a child case tells its parent (its type's `tellsParent`), with its data: the parent decides on it
 * (`onChildEvent`), e.g. a residence permit endorsed when its endorsement filing is lodged.
 */
export interface ChildEvent {
  childCaseId: string;
  childType: string;
  type: string;
  data: Record<string, unknown>;
  at: string;
}

/** A parent event as a child hears it: its data comes along only where it names that child (`data.childCaseId`). */
export interface ParentEvent {
  parentCaseId: string;
  type: string;
  at: string;
  data?: Record<string, unknown>;
}

/** One child of a case, as the parent recorded it (ChildCaseLinked). */
export interface ChildCase {
  caseId: string;
  type: string;
  at: string;
}

/**
 * Why this opening may not be linked to `parent` (the case its `parentCaseId` names, null when there is none or the
 * caller may not see it: the answer is the same, so it never tells that a case exists), or null. Checked at the API
 * boundary for new openings only: the type must take a parent of that type, about the same person, still open unless
 * the type takes a closed one (closedParent: what the child rests on must still be pending otherwise, as a temporary ID
 * card's card application); a type that requires one refuses an opening without it; then the type's own rules. The
 * answer names no person (422 problem).
 */
export function parentLinkProblem(module: AnyCaseTypeModule, input: OpenCaseInput, parent: CaseState | null): string | null {
  const rule = module.parent;
  if (input.parentCaseId === undefined) {
    return rule?.required ? `a ${module.type} case is lodged linked to its ${rule.types.join(' or ')} case: give that case's id in parentCaseId` : null;
  }
  if (!rule) return `a ${module.type} case is not linked to another case: leave parentCaseId out`;
  if (!parent) {
    return `parentCaseId names no case you may see (${input.parentCaseId}): give the id of the ${rule.types.join(' or ')} case it belongs to`;
  }
  if (!rule.types.includes(parent.type)) {
    return `a ${module.type} case is linked to a ${rule.types.join(' or ')} case, not to a ${parent.type} case`;
  }
  if (!isPerson(input.applicant, parent.applicant)) return `the case named in parentCaseId is about another person than this ${module.type} case`;
  if (isClosed(parent) && !rule.closedParent) {
    return `the ${parent.type} case named in parentCaseId is closed (${parent.status}): a ${module.type} case is lodged while its ${rule.types.join(' or ')} case is open`;
  }
  return rule.refusal?.(input, parent) ?? null;
}

/**
 * The change under which a closed case records a child lodged for it, and a case whose workflow run has ended is still
 * reached by its relatives (the run is started again from its stream). Before it, a closed parent recorded nothing and
 * the link stayed on the child's side.
 */
export const LINKS_REACH_ENDED_RUNS = 'linked-cases-reach-ended-runs';

/**
 * The parent's record of a child lodged for it; a link already recorded records nothing. A closed parent records it too
 * (the child was lodged while the parent closed, or the parent takes closed children: closedParent), where `patched`
 * answers that the change applies (absent outside a workflow: it does).
 */
export function decideChildLinked(
  state: CaseState,
  child: { caseId: string; type: string },
  at: string,
  patched?: (changeId: string) => boolean,
): KernelEvent[] {
  if (state.childCases?.some((c) => c.caseId === child.caseId)) return [];
  if (isClosed(state) && !(patched?.(LINKS_REACH_ENDED_RUNS) ?? true)) return [];
  return [event(E.ChildCaseLinked, { caseId: child.caseId, type: child.type }, at)];
}

/**
 * What a child linked by a parent that had already closed missed (the parent closed while the child was being lodged):
 * the parent's events its type listens to from the batch that closed the parent on, e.g. a card case's CaseWithdrawn to
 * its temporary ID card. `events` is the parent's stream; a stream is dated in order, so these are its last events. A
 * parent still open when it links a child has not closed yet: the child hears of its close as it happens.
 */
export function parentEventsForLateChild(
  state: CaseState,
  child: { caseId: string; type: string },
  events: Pick<CaseEvent, 'type' | 'at'>[],
  moduleOf: (type: string) => AnyCaseTypeModule | undefined,
  patched?: (changeId: string) => boolean,
): { childCaseId: string; type: string; at: string }[] {
  if (!isClosed(state) || !state.closedAt) return [];
  const closedAt = Date.parse(state.closedAt);
  const sinceClosed = events.filter((e) => Date.parse(e.at) >= closedAt);
  return parentEventsForChildren({ ...state, childCases: [{ ...child, at: state.closedAt }] }, sinceClosed, moduleOf, patched);
}

/**
 * Which of a parent's new events each child wants to hear of (its type's `parentEvents`), as signals to send. An event
 * the child's type added later (`parentEventsAddedBy`) is sent only where `patched` answers that the change applies
 * (the workflow's `patched()`; absent outside a workflow: it does). An event whose data names one child
 * (`childCaseId`: the parent's answer to what that child told it) goes to that child only, with its data; no event
 * recorded before child events existed names one, so the signals of recorded histories stay as they were.
 */
export function parentEventsForChildren(
  state: CaseState,
  events: (Pick<CaseEvent, 'type' | 'at'> & { data?: unknown })[],
  moduleOf: (type: string) => AnyCaseTypeModule | undefined,
  patched?: (changeId: string) => boolean,
): { childCaseId: string; type: string; at: string; data?: Record<string, unknown> }[] {
  return (state.childCases ?? []).flatMap((child) => {
    const module = moduleOf(child.type);
    const wanted = module?.parentEvents ?? [];
    const sent = (type: string) => {
      const change = module?.parentEventsAddedBy?.[type];
      return change === undefined || (patched?.(change) ?? true);
    };
    return events
      .filter((e) => wanted.includes(e.type) && sent(e.type))
      .flatMap((e) => {
        const named = childNamedBy(e);
        if (named === undefined) return [{ childCaseId: child.caseId, type: e.type, at: e.at }];
        return named === child.caseId ? [{ childCaseId: child.caseId, type: e.type, at: e.at, data: e.data as Record<string, unknown> }] : [];
      });
  });
}

/** The child case a parent's event answers (`data.childCaseId`), if it names one. */
const childNamedBy = (e: { data?: unknown }): string | undefined => {
  const named = (e.data as { childCaseId?: unknown } | undefined)?.childCaseId;
  return typeof named === 'string' ? named : undefined;
};
