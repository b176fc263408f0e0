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

/**
 * A child's link as its lodging sends it to the parent (the childCaseLinked signal): with the parent's version its
 * lodging was checked against at the boundary (parentLinkProblem), where the opening carried it.
 */
export interface ChildLink {
  caseId: string;
  type: string;
  parentVersion?: number;
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
 * The change under which a parent tells a child it has just linked the events it recorded after the version the child's
 * lodging was checked against (ChildLink.parentVersion), also while it is still open: events recorded between the
 * child's lodging and the link (a card case's photo captured while its temporary ID card was being lodged) were heard by
 * nobody before it. Links sent by openings that carried no version (all before this change) catch up as before.
 */
export const LINKED_CHILD_TOLD_SINCE_LODGING = 'linked-child-told-since-lodging';

/**
 * The parent version after which a child just linked is told what it missed (`parentVersion`, which the boundary read),
 * where its link carries one and `patched` answers that the change applies (absent outside a workflow: it does); else
 * undefined: only a closed parent then tells it anything (parentEventsForLateChild).
 */
export function versionSeenAtLodging(child: ChildLink, patched?: (changeId: string) => boolean): number | undefined {
  if (child.parentVersion === undefined) return undefined;
  return (patched?.(LINKED_CHILD_TOLD_SINCE_LODGING) ?? true) ? child.parentVersion : undefined;
}

/**
 * What a child missed by the time its parent recorded its link, as the events its type listens to:
 * - those the parent recorded after the version the child's lodging was checked against (versionSeenAtLodging), open or
 *   closed: the lodging read the parent as it was then, the link came later;
 * - where the parent had already closed (it closed while the child was being lodged), those from the batch that closed it
 *   on, e.g. a card case's CaseWithdrawn or its CardDelivered to its temporary ID card: a stream is dated in order, so
 *   these are its last events.
 * `events` is the parent's stream from its first event (event i is version i + 1), up to and with the link. A parent
 * still open whose child's link carries no version tells it nothing here: the child hears of what comes next as it
 * happens, and reads the parent as it is when it checks it.
 */
export function parentEventsForLateChild(
  state: CaseState,
  child: ChildLink,
  events: Pick<CaseEvent, 'type' | 'at'>[],
  moduleOf: (type: string) => AnyCaseTypeModule | undefined,
  patched?: (changeId: string) => boolean,
): { childCaseId: string; type: string; at: string }[] {
  const seen = versionSeenAtLodging(child, patched);
  const closedAt = isClosed(state) && state.closedAt ? Date.parse(state.closedAt) : undefined;
  if (seen === undefined && closedAt === undefined) return [];
  const missed = events.filter((e, i) => (seen !== undefined && i >= seen) || (closedAt !== undefined && Date.parse(e.at) >= closedAt));
  const linked = { caseId: child.caseId, type: child.type, at: state.closedAt ?? state.updatedAt ?? state.openedAt };
  return parentEventsForChildren({ ...state, childCases: [linked] }, missed, moduleOf, patched);
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
