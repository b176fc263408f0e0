import {
  decideChildLinked,
  decideParentEvent,
  firstIdCard,
  fold,
  hukouMigration,
  LINKED_CHILD_TOLD_SINCE_LODGING,
  LINKS_REACH_ENDED_RUNS,
  parentEventsForChildren,
  parentEventsForLateChild,
  parentLinkProblem,
  versionSeenAtLodging,
  type CaseState,
  type CaseTypeModule,
  type HukouMigration,
  type OpenCaseInput,
} from '../../../domain';
import { caseworker, opened, testEnv, type LooseEvent } from '../support/given';

/**
 * Linked cases (docs/domain.md §7.9.3): a case lodged as the child of another names it in `parentCaseId`; the kernel
 * checks the link at the boundary, records it on both sides, and passes chosen parent events to the child's type.
 */
const OFFICE = '440106';
const at = '2026-11-25T02:00:00.000Z';
const worker = caseworker(OFFICE);
const PERSON = '440105199001011239';
const PARENT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const move = (extra: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'hukou-migration',
  channel: 'window',
  receivingOffice: OFFICE,
  applicant: { name: '张三', idNumber: PERSON },
  materials: ['application form'],
  details: { category: 'talent', fromOffice: '440105', toOffice: OFFICE, destinationCity: { code: '440100' }, residenceYears: 6, socialInsuranceYears: 6 },
  ...extra,
});

/** A type lodged as the child of a hukou move, hearing of its MoveOutCompleted (as a temporary ID hears of CardDelivered). */
const child: CaseTypeModule<HukouMigration> = {
  ...hukouMigration,
  parent: { types: ['hukou-migration'], required: true },
  parentEvents: ['MoveOutCompleted'],
  onParentEvent: (_s, ev, when) => [{ type: 'CaseWithdrawn', data: { reason: `parent recorded ${ev.type}` }, at: when }],
};

const parentState = (input = move()) => fold(hukouMigration, opened(hukouMigration, input, worker, at, PARENT_ID)) as CaseState;

describe('linking a case to its parent', () => {
  it('given a type that requires a parent, when none is named, then the opening says which case to name', () => {
    expect(parentLinkProblem(child, move(), null)).toBe(
      "a hukou-migration case is lodged linked to its hukou-migration case: give that case's id in parentCaseId",
    );
  });

  it('given a type without parents, when a parentCaseId is named, then it is refused', () => {
    expect(parentLinkProblem(hukouMigration, move({ parentCaseId: PARENT_ID }), parentState())).toBe(
      'a hukou-migration case is not linked to another case: leave parentCaseId out',
    );
    expect(parentLinkProblem(hukouMigration, move(), null)).toBeNull();
  });

  it('given an unknown parent, a parent of another type or about another person, then each is refused with its reason, naming nobody', () => {
    expect(parentLinkProblem(child, move({ parentCaseId: PARENT_ID }), null)).toMatch(/^parentCaseId names no case/);
    const card = { ...parentState(), type: 'first-id-card' } as CaseState;
    expect(parentLinkProblem(child, move({ parentCaseId: PARENT_ID }), card)).toBe(
      'a hukou-migration case is linked to a hukou-migration case, not to a first-id-card case',
    );
    const other = parentState(move({ applicant: { name: '李四', idNumber: '110101199003071233' } }));
    const problem = parentLinkProblem(child, move({ parentCaseId: PARENT_ID }), other);
    expect(problem).toBe('the case named in parentCaseId is about another person than this hukou-migration case');
    expect(problem).not.toContain(PERSON);
    expect(parentLinkProblem(child, move({ parentCaseId: PARENT_ID }), parentState())).toBeNull();
  });

  it('given a closed parent, when a child is lodged for it, then it is refused unless the type takes a closed parent', () => {
    const withdrawn = fold(hukouMigration, [{ type: 'CaseWithdrawn', data: { reason: 'changed plans' }, at }], parentState()) as CaseState;
    expect(parentLinkProblem(child, move({ parentCaseId: PARENT_ID }), withdrawn)).toBe(
      'the hukou-migration case named in parentCaseId is closed (withdrawn): a hukou-migration case is lodged while its hukou-migration case is open',
    );
    const takesClosed = { ...child, parent: { ...child.parent!, closedParent: true } };
    expect(parentLinkProblem(takesClosed, move({ parentCaseId: PARENT_ID }), withdrawn)).toBeNull();
  });

  it('given a parent that closed while the child was lodged, when the link arrives, then it records it; not where the change does not apply', () => {
    const withdrawn = fold(hukouMigration, [{ type: 'CaseWithdrawn', data: { reason: 'changed plans' }, at }], parentState()) as CaseState;
    const linked = decideChildLinked(withdrawn, { caseId: 'c1', type: 'hukou-migration' }, at);
    expect(linked).toEqual([{ type: 'ChildCaseLinked', data: { caseId: 'c1', type: 'hukou-migration' }, at }]);
    expect(fold(hukouMigration, linked, withdrawn)).toMatchObject({ status: 'withdrawn', childCases: [{ caseId: 'c1', type: 'hukou-migration', at }] });
    // A case whose history was recorded before the change (patched answers false on replay) recorded nothing.
    const asked: string[] = [];
    const replaying = (id: string) => (asked.push(id), false);
    expect(decideChildLinked(withdrawn, { caseId: 'c1', type: 'hukou-migration' }, at, replaying)).toEqual([]);
    expect(asked).toEqual([LINKS_REACH_ENDED_RUNS]);
    // An open parent does not ask: nothing changed for it.
    asked.length = 0;
    expect(decideChildLinked(parentState(), { caseId: 'c1', type: 'hukou-migration' }, at, replaying)).toHaveLength(1);
    expect(asked).toEqual([]);
  });

  it('given a parent that closed before it linked a child, then the child is told the events it listens to from the close on', () => {
    const later = '2026-11-25T03:00:00.000Z';
    const listening = { ...child, parentEvents: ['MoveOutCompleted', 'CaseWithdrawn'] };
    const moduleOf = (type: string) => (type === 'child' ? (listening as unknown as CaseTypeModule) : undefined);
    const stream = [
      { type: 'CaseOpened', at },
      { type: 'MoveOutCompleted', at }, // before the close: the child reads the parent as it is when it checks it
      { type: 'CaseWithdrawn', at: later },
    ];
    const withdrawn = fold(hukouMigration, [{ type: 'CaseWithdrawn', data: { reason: 'changed plans' }, at: later }], parentState()) as CaseState;
    expect(parentEventsForLateChild(withdrawn, { caseId: 'c1', type: 'child' }, stream, moduleOf)).toEqual([
      { childCaseId: 'c1', type: 'CaseWithdrawn', at: later },
    ]);
    // A type that does not listen to the close hears nothing; an open parent has nothing to catch up on.
    expect(parentEventsForLateChild(withdrawn, { caseId: 'c2', type: 'hukou-migration' }, stream, () => hukouMigration as never)).toEqual([]);
    expect(parentEventsForLateChild(parentState(), { caseId: 'c1', type: 'child' }, stream.slice(0, 2), moduleOf)).toEqual([]);
  });

  it('given an open parent that recorded events after the version the child was lodged against, when the link arrives, then the child is told those it listens to', () => {
    const later = '2026-11-25T03:00:00.000Z';
    const listening = { ...child, parentEvents: ['MoveOutCompleted', 'CaseWithdrawn'] };
    const moduleOf = (type: string) => (type === 'child' ? (listening as unknown as CaseTypeModule) : undefined);
    const stream = [
      { type: 'CaseOpened', at },
      { type: 'MoveOutCompleted', at }, // version 2: the lodging read the parent with it
      { type: 'MoveOutCompleted', at: later }, // version 3: recorded while the child was being lodged
      { type: 'ChildCaseLinked', at: later },
    ];
    const open = parentState();
    expect(parentEventsForLateChild(open, { caseId: 'c1', type: 'child', parentVersion: 2 }, stream, moduleOf)).toEqual([
      { childCaseId: 'c1', type: 'MoveOutCompleted', at: later },
    ]);
    // Lodged against the version with the link itself (or later): nothing missed.
    expect(parentEventsForLateChild(open, { caseId: 'c1', type: 'child', parentVersion: 3 }, stream, moduleOf)).toEqual([]);
    // A link that carries no version (every opening before the change) catches up nothing while the parent is open.
    expect(parentEventsForLateChild(open, { caseId: 'c1', type: 'child' }, stream, moduleOf)).toEqual([]);
    // A parent whose history was recorded before the change (patched answers false on replay) told nothing.
    const asked: string[] = [];
    const replaying = (id: string) => (asked.push(id), false);
    expect(parentEventsForLateChild(open, { caseId: 'c1', type: 'child', parentVersion: 2 }, stream, moduleOf, replaying)).toEqual([]);
    expect(asked).toEqual([LINKED_CHILD_TOLD_SINCE_LODGING]);
    expect(versionSeenAtLodging({ caseId: 'c1', type: 'child', parentVersion: 2 }, replaying)).toBeUndefined();
    expect(versionSeenAtLodging({ caseId: 'c1', type: 'child', parentVersion: 2 })).toBe(2);
  });

  it('given a parent that closed after the version the child was lodged against, then the child is told what it listens to from that version on, the close with it', () => {
    const later = '2026-11-25T03:00:00.000Z';
    const latest = '2026-11-25T04:00:00.000Z';
    const listening = { ...child, parentEvents: ['MoveOutCompleted', 'CaseWithdrawn'] };
    const moduleOf = (type: string) => (type === 'child' ? (listening as unknown as CaseTypeModule) : undefined);
    const stream = [
      { type: 'CaseOpened', at },
      { type: 'MoveOutCompleted', at: later }, // version 2: after the lodging read version 1
      { type: 'CaseWithdrawn', at: latest },
      { type: 'ChildCaseLinked', at: latest },
    ];
    const withdrawn = fold(hukouMigration, [{ type: 'CaseWithdrawn', data: { reason: 'changed plans' }, at: latest }], parentState()) as CaseState;
    expect(parentEventsForLateChild(withdrawn, { caseId: 'c1', type: 'child', parentVersion: 1 }, stream, moduleOf).map((e) => e.type)).toEqual([
      'MoveOutCompleted',
      'CaseWithdrawn',
    ]);
    // Without a version, or before the change: from the close on, as before.
    expect(parentEventsForLateChild(withdrawn, { caseId: 'c1', type: 'child' }, stream, moduleOf).map((e) => e.type)).toEqual(['CaseWithdrawn']);
    expect(parentEventsForLateChild(withdrawn, { caseId: 'c1', type: 'child', parentVersion: 1 }, stream, moduleOf, () => false).map((e) => e.type)).toEqual([
      'CaseWithdrawn',
    ]);
  });

  it('given a linked opening, when lodged, then CaseOpened records the parent and the view shows it', () => {
    const [ev] = opened(child, move({ parentCaseId: PARENT_ID }), worker, at) as LooseEvent[];
    expect(ev.data.parentCaseId).toBe(PARENT_ID);
    expect((fold(child, [ev]) as CaseState).parentCaseId).toBe(PARENT_ID);
    const [unlinked] = opened(hukouMigration, move(), worker, at) as LooseEvent[];
    expect(unlinked.data).not.toHaveProperty('parentCaseId');
  });

  it('given a parent, when a child is linked, then it records ChildCaseLinked once', () => {
    const s = parentState();
    const linked = decideChildLinked(s, { caseId: 'c1', type: 'hukou-migration' }, at);
    expect(linked).toEqual([{ type: 'ChildCaseLinked', data: { caseId: 'c1', type: 'hukou-migration' }, at }]);
    const after = fold(hukouMigration, linked, s)!;
    expect(after.childCases).toEqual([{ caseId: 'c1', type: 'hukou-migration', at }]);
    expect(decideChildLinked(after, { caseId: 'c1', type: 'hukou-migration' }, at)).toEqual([]);
  });

  it("given a parent with children, when it records events, then only those a child's type listens to are passed on", () => {
    const s = {
      ...parentState(),
      childCases: [
        { caseId: 'c1', type: 'child', at },
        { caseId: 'c2', type: 'first-id-card', at },
      ],
    };
    const moduleOf = (type: string) => (type === 'child' ? (child as unknown as CaseTypeModule) : firstIdCard);
    const events = [
      { type: 'MoveOutCompleted', at },
      { type: 'CaseCompleted', at },
    ];
    expect(parentEventsForChildren(s, events, moduleOf as never)).toEqual([{ childCaseId: 'c1', type: 'MoveOutCompleted', at }]);
  });

  it('given an event a child type listens to since a later change, then it is passed on only where the change applies (patched)', () => {
    const later = { ...child, parentEvents: ['MoveOutCompleted', 'CaseRefused'], parentEventsAddedBy: { CaseRefused: 'child-hears-refusal' } };
    const s = { ...parentState(), childCases: [{ caseId: 'c1', type: 'child', at }] };
    const events = [
      { type: 'MoveOutCompleted', at },
      { type: 'CaseRefused', at },
    ];
    const asked: string[] = [];
    const replaying = (id: string) => (asked.push(id), false);
    expect(parentEventsForChildren(s, events, () => later as never, replaying)).toEqual([{ childCaseId: 'c1', type: 'MoveOutCompleted', at }]);
    expect(asked).toEqual(['child-hears-refusal']); // asked only for the event that needs it
    expect(
      parentEventsForChildren(
        s,
        events,
        () => later as never,
        () => true,
      ).map((e) => e.type),
    ).toEqual(['MoveOutCompleted', 'CaseRefused']);
    expect(parentEventsForChildren(s, events, () => later as never).map((e) => e.type)).toEqual(['MoveOutCompleted', 'CaseRefused']);
  });

  it("given a child, when its parent's event arrives, then the child's type decides; another case's or an unheard event changes nothing", () => {
    const s = fold(child, opened(child, move({ parentCaseId: PARENT_ID }), worker, at)) as CaseState;
    expect(decideParentEvent(child, s, { parentCaseId: PARENT_ID, type: 'MoveOutCompleted', at }, at, testEnv).map((e) => e.type)).toEqual(['CaseWithdrawn']);
    expect(decideParentEvent(child, s, { parentCaseId: 'someone-else', type: 'MoveOutCompleted', at }, at, testEnv)).toEqual([]);
    expect(decideParentEvent(child, s, { parentCaseId: PARENT_ID, type: 'CaseCompleted', at }, at, testEnv)).toEqual([]);
  });

  it("given a closed child, when its parent's event arrives, then only a child its type keeps decides", () => {
    const closed = fold(
      child,
      [{ type: 'CaseWithdrawn', data: { reason: 'x' }, at }],
      fold(child, opened(child, move({ parentCaseId: PARENT_ID }), worker, at)),
    ) as CaseState;
    const heard = { parentCaseId: PARENT_ID, type: 'MoveOutCompleted', at };
    expect(decideParentEvent(child, closed, heard, at, testEnv)).toEqual([]);
    expect(decideParentEvent({ ...child, keptAfterClose: () => true }, closed, heard, at, testEnv).map((e) => e.type)).toEqual(['CaseWithdrawn']);
  });
});
