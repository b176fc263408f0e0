import {
  CHANGES_DECIDED_AT_START,
  CHANGES_DECIDED_AT_START_2,
  CHANGES_DECIDED_AT_START_3,
  CHANGES_IN_EFFECT_FROM_THE_START,
  CHANGES_IN_EFFECT_FROM_THE_START_2,
  CHANGES_IN_EFFECT_FROM_THE_START_3,
  changesOfThisRun,
} from '../../workflows/changes';

/** A stand-in for the SDK's patched(): which ids the history holds, and which ids the run asked for, in order. */
function history(markers: string[]) {
  const asked: string[] = [];
  return { asked, patched: (id: string) => (asked.push(id), markers.includes(id)) };
}

describe('the guarded changes a run decides with (workflows/changes.ts)', () => {
  it('a run that recorded the start marker has every listed change, without asking for it again', () => {
    const sdk = history([CHANGES_DECIDED_AT_START]);
    const patched = changesOfThisRun(sdk.patched);
    expect(patched('run-ends-in-a-task-of-its-own')).toBe(true);
    expect(patched('kinship-role-compared')).toBe(true);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3]);
  });

  it('a run that recorded both start markers has the changes of both lists, without asking for them again', () => {
    const sdk = history([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2]);
    const patched = changesOfThisRun(sdk.patched);
    expect([patched('run-ends-in-a-task-of-its-own'), patched('temporary-id-card-card-collected'), patched('linked-child-told-since-lodging')]).toEqual([
      true,
      true,
      true,
    ]);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3]);
  });

  it('a run recorded with the first start marker only asks for the changes of the second list where they are used', () => {
    const sdk = history([CHANGES_DECIDED_AT_START]);
    const patched = changesOfThisRun(sdk.patched);
    expect([patched('run-ends-in-a-task-of-its-own'), patched('temporary-id-card-card-collected')]).toEqual([true, false]);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3, 'temporary-id-card-card-collected']);
  });

  it('a change not in the list is asked for where it is used, with or without the start marker', () => {
    const sdk = history([CHANGES_DECIDED_AT_START]);
    expect(changesOfThisRun(sdk.patched)('a-later-change')).toBe(false);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3, 'a-later-change']);
  });

  it('a run recorded before the marker asks for each change where it always did', () => {
    const sdk = history(['timers-decided-at-their-instant']);
    const patched = changesOfThisRun(sdk.patched);
    expect([patched('timers-decided-at-their-instant'), patched('run-ends-in-a-task-of-its-own')]).toEqual([true, false]);
    expect(sdk.asked).toEqual([
      CHANGES_DECIDED_AT_START,
      CHANGES_DECIDED_AT_START_2,
      CHANGES_DECIDED_AT_START_3,
      'timers-decided-at-their-instant',
      'run-ends-in-a-task-of-its-own',
    ]);
  });

  it('the list is frozen: runs and recorded histories that hold the marker rely on exactly these ids', () => {
    expect([...CHANGES_IN_EFFECT_FROM_THE_START].sort()).toEqual([
      'cross-province-routing',
      'foreigner-residence-permit-collection-clock',
      'foreigner-residence-permit-work-permit-cap',
      'hukou-permit-residence-years',
      'id-card-fee-assessed',
      'kinship-role-compared',
      'linked-cases-reach-ended-runs',
      'no-criminal-record-objection-clock',
      'no-criminal-record-request-log',
      'pause-kinds-by-type',
      'run-ends-in-a-task-of-its-own',
      'temporary-id-card-case-closed',
      'temporary-id-card-delivery-clock',
      'timers-decided-at-their-instant',
    ]);
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_2].sort()).toEqual(['linked-child-told-since-lodging', 'temporary-id-card-card-collected']);
    expect([...CHANGES_IN_EFFECT_FROM_THE_START_3]).toEqual(['appends-take-lost-attempts']);
  });

  it('a run recorded with the first two start markers asks for the change of the third list where it is used', () => {
    const sdk = history([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2]);
    const patched = changesOfThisRun(sdk.patched);
    expect([patched('temporary-id-card-card-collected'), patched('appends-take-lost-attempts')]).toEqual([true, false]);
    expect(sdk.asked).toEqual([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3, 'appends-take-lost-attempts']);
    const all = history([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3]);
    expect(changesOfThisRun(all.patched)('appends-take-lost-attempts')).toBe(true);
    expect(all.asked).toEqual([CHANGES_DECIDED_AT_START, CHANGES_DECIDED_AT_START_2, CHANGES_DECIDED_AT_START_3]);
  });
});
