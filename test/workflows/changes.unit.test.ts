import {
  CHANGES_DECIDED_AT_START,
  CHANGES_DECIDED_AT_START_5,
  CHANGES_DECIDED_AT_START_6,
  CHANGES_DECIDED_AT_START_NEXT,
  CHANGES_IN_EFFECT_FROM_THE_START,
  CHANGES_IN_EFFECT_FROM_THE_START_5,
  CHANGES_IN_EFFECT_FROM_THE_START_6,
  CHANGES_IN_EFFECT_FROM_THE_START_NEXT,
  changesOfThisRun,
  MARKERS_ALSO_RECORDED_AT_START,
} from '../../workflows/changes';

/** A stand-in for the SDK's patched(): which ids the history holds, and which ids the run asked for, in order. */
function history(markers: string[]) {
  const asked: string[] = [];
  return { asked, patched: (id: string) => (asked.push(id), markers.includes(id)) };
}

/** Whether the run's first workflow task is being replayed (a run started now is live there). */
const live = () => false;
const replaying = () => true;

describe('the guarded changes a run decides with (workflows/changes.ts)', () => {
  it("a run started now records the list -6's marker alone, and has every change of every list", () => {
    const sdk = history([CHANGES_DECIDED_AT_START_6]);
    const patched = changesOfThisRun(sdk.patched, live);
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_6].every(patched)).toBe(true);
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_5].every(patched)).toBe(true);
    expect(patched('restore-takes-lost-attempts')).toBe(true);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START_6]);
    // Replayed, it asks for no other start marker either.
    const replayed = history([CHANGES_DECIDED_AT_START_6]);
    changesOfThisRun(replayed.patched, replaying);
    expect(replayed.asked).toEqual([CHANGES_DECIDED_AT_START_6]);
  });

  it("a run that recorded the list -5's marker has its changes, and not that of the list -6", () => {
    const sdk = history([CHANGES_DECIDED_AT_START_5]);
    const patched = changesOfThisRun(sdk.patched, replaying);
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_5].every(patched)).toBe(true);
    expect(patched('restore-takes-lost-attempts')).toBe(false);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START_6, CHANGES_DECIDED_AT_START_5, 'restore-takes-lost-attempts']);
  });

  it("a run that recorded the next list's marker has its changes, and not those of the list -5", () => {
    const sdk = history([CHANGES_DECIDED_AT_START_NEXT]);
    const patched = changesOfThisRun(sdk.patched, replaying);
    expect(patched('checks-answered-with-the-command')).toBe(true);
    expect(patched('reads-in-the-command-append')).toBe(false);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START_6, CHANGES_DECIDED_AT_START_5, CHANGES_DECIDED_AT_START_NEXT, 'reads-in-the-command-append']);
  });

  it('a run that recorded the first start marker has every change of the first list, and asks for a later one where it is used', () => {
    const sdk = history([CHANGES_DECIDED_AT_START]);
    const patched = changesOfThisRun(sdk.patched, live);
    expect(patched('run-ends-in-a-task-of-its-own')).toBe(true);
    expect(patched('kinship-role-compared')).toBe(true);
    expect(patched('checks-answered-with-the-command')).toBe(false);
    expect(sdk.asked).toEqual([
      CHANGES_DECIDED_AT_START_6,
      CHANGES_DECIDED_AT_START_5,
      CHANGES_DECIDED_AT_START_NEXT,
      CHANGES_DECIDED_AT_START,
      'checks-answered-with-the-command',
    ]);
  });

  it('a run with the start marker has the changes added to the list last (card collected, told since lodging, lost attempts)', () => {
    const sdk = history([CHANGES_DECIDED_AT_START]);
    const patched = changesOfThisRun(sdk.patched, live);
    expect(['temporary-id-card-card-collected', 'linked-child-told-since-lodging', 'appends-take-lost-attempts'].map(patched)).toEqual([true, true, true]);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START_6, CHANGES_DECIDED_AT_START_5, CHANGES_DECIDED_AT_START_NEXT, CHANGES_DECIDED_AT_START]);
  });

  it('a change not in the list is asked for where it is used, with or without the start marker', () => {
    const sdk = history([CHANGES_DECIDED_AT_START_6]);
    expect(changesOfThisRun(sdk.patched, live)('a-later-change')).toBe(false);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START_6, 'a-later-change']);
  });

  it('a run recorded before the marker asks for each change where it always did', () => {
    const sdk = history(['timers-decided-at-their-instant']);
    const patched = changesOfThisRun(sdk.patched, replaying);
    expect([patched('timers-decided-at-their-instant'), patched('run-ends-in-a-task-of-its-own')]).toEqual([true, false]);
    expect(sdk.asked).toEqual([
      CHANGES_DECIDED_AT_START_6,
      CHANGES_DECIDED_AT_START_5,
      CHANGES_DECIDED_AT_START_NEXT,
      CHANGES_DECIDED_AT_START,
      ...MARKERS_ALSO_RECORDED_AT_START,
      'timers-decided-at-their-instant',
      'run-ends-in-a-task-of-its-own',
    ]);
  });

  it('the next list is the first and the changes made since; each list after it, the one before and the changes made since', () => {
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_NEXT].sort()).toEqual([...CHANGES_IN_EFFECT_FROM_THE_START, 'checks-answered-with-the-command'].sort());
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_5].sort()).toEqual([...CHANGES_IN_EFFECT_FROM_THE_START_NEXT, 'reads-in-the-command-append'].sort());
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_6].sort()).toEqual(
      [...CHANGES_IN_EFFECT_FROM_THE_START_5, 'relative-events-decided-once', 'restore-takes-lost-attempts'].sort(),
    );
  });

  it('the first list is frozen: runs and recorded histories that hold its marker rely on exactly these ids', () => {
    expect([...CHANGES_IN_EFFECT_FROM_THE_START].sort()).toEqual([
      'appends-take-lost-attempts',
      'cross-province-routing',
      'foreigner-residence-permit-collection-clock',
      'foreigner-residence-permit-work-permit-cap',
      'hukou-permit-residence-years',
      'id-card-fee-assessed',
      'kinship-role-compared',
      'linked-cases-reach-ended-runs',
      'linked-child-told-since-lodging',
      'no-criminal-record-objection-clock',
      'no-criminal-record-request-log',
      'pause-kinds-by-type',
      'run-ends-in-a-task-of-its-own',
      'temporary-id-card-card-collected',
      'temporary-id-card-case-closed',
      'temporary-id-card-delivery-clock',
      'timers-decided-at-their-instant',
    ]);
  });

  it('replaying, asks for the markers the three-list build recorded beside the first, and takes nothing more from them', () => {
    const threeLists = history([CHANGES_DECIDED_AT_START, ...MARKERS_ALSO_RECORDED_AT_START]);
    const oneList = history([CHANGES_DECIDED_AT_START]);
    const [a, b] = [changesOfThisRun(threeLists.patched, replaying), changesOfThisRun(oneList.patched, live)];
    expect([...CHANGES_IN_EFFECT_FROM_THE_START].map(a)).toEqual([...CHANGES_IN_EFFECT_FROM_THE_START].map(b));
    expect(threeLists.asked).toEqual([
      'changes-decided-at-start-6',
      'changes-decided-at-start-5',
      'changes-decided-at-start-4',
      'changes-decided-at-start-1',
      'changes-decided-at-start-2',
      'changes-decided-at-start-3',
    ]);
  });
});
