import { cnCalendar } from '../../../domain/calendar';
import { CASE_TYPES, caseTypeModule, defaultSlaPolicy } from '../../../domain/case-types';
import { acceptedWhenLodged } from '../../../domain/kernel/case-type';
import {
  applySlaTransition,
  extendClock,
  getClockSpec,
  nextSlaTransition,
  pauseClock,
  resumeClock,
  SlaClockError,
  startClock,
  statutoryClocks,
  stopClock,
  validateClockSpec,
  type ClockState,
  type SlaPolicy,
  type SlaTransition,
} from '../../../domain/sla';

const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
const byType = defaultSlaPolicy.clocks;
/** The clocks these tests exercise, from the default policy of the case types that use them. */
const catalogue: SlaPolicy = {
  version: defaultSlaPolicy.version,
  clocks: {
    ...statutoryClocks,
    'port-visa-decision': byType['port-visa'].decision!,
    'first-id-card-production': byType['first-id-card']['first-id-card-production'],
    'temporary-id': byType['first-id-card']['temporary-id'],
    'hukou-move-out': byType['hukou-migration']['hukou-move-out'],
  },
};
const spec = (name: string) => getClockSpec(catalogue, name);

function allTransitions(clock: ClockState): SlaTransition[] {
  const out: SlaTransition[] = [];
  // Up to the top level: from there it repeats until the clock stops (tested on its own).
  const topReached = (c: ClockState) => c.state === 'breached' && c.escalation >= c.spec.maxEscalation;
  for (let t = nextSlaTransition(clock); t && !topReached(clock); t = nextSlaTransition(clock)) {
    out.push(t);
    clock = applySlaTransition(clock, t);
  }
  return out;
}

function expectSlaError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SlaClockError);
    expect((e as SlaClockError).code).toBe(code);
    return;
  }
  throw new Error(`expected SlaClockError ${code}`);
}

describe('default SLA policy', () => {
  it('has valid clocks for every registered case type: completeness unless accepted at lodging, decision unless a special law sets the limit', () => {
    expect(Object.keys(byType).sort()).toEqual([...CASE_TYPES].sort());
    for (const [type, clocks] of Object.entries(byType)) {
      const module = caseTypeModule(type);
      const ownLimit = (module.extendableClock ?? 'decision') !== 'decision';
      // A filing (docs/domain.md §7.9.3) is received when lodged and never decided: neither clock.
      expect({ type, completeness: 'completeness' in clocks }).toEqual({ type, completeness: !acceptedWhenLodged(module) });
      expect({ type, decision: 'decision' in clocks }).toEqual({ type, decision: !ownLimit && !module.filing });
      for (const s of Object.values(clocks)) expect(() => validateClockSpec(s)).not.toThrow();
    }
    expect(byType['hukou-migration'].decision).toMatchObject({ unit: 'WD', limit: 20, maxExtension: 10 });
    expect(byType['multi-entry-visa'].decision).toMatchObject({ unit: 'WD', limit: 7, maxExtension: 0 });
    expect(byType['port-visa'].decision).toMatchObject({ unit: 'hours', limit: 4, goalRatio: 0.5 });
    expect(Object.keys(byType['first-id-card']).sort()).toEqual(['completeness', 'first-id-card-production', 'supplement', 'temporary-id']);
    expect(byType['first-id-card']['first-id-card-production']).toMatchObject({ unit: 'CD', limit: 60, maxExtension: 30, rollsToWorkingDay: true });
    expect(Object.keys(byType['hukou-migration']).sort()).toEqual([
      'completeness',
      'decision',
      'hukou-move-out',
      'hukou-revocation',
      'hukou-settlement',
      'supplement',
    ]);
    expectSlaError(() => getClockSpec(catalogue, 'nope'), 'invalid-spec');
  });
});

describe('startClock', () => {
  it('completeness 5 WD from 2026-09-30: goal at 3 WD (make-up Saturday), deadline Oct 13', () => {
    const clock = startClock(cnCalendar, spec('completeness'), '2026-09-30T10:00:00+08:00');
    expect(clock).toMatchObject({
      clock: 'completeness',
      startedAt: '2026-09-30T02:00:00.000Z',
      goalAt: endOf('2026-10-10'),
      deadline: endOf('2026-10-13'),
      provisional: false,
      state: 'on-track',
      escalation: 0,
      escalationAt: [endOf('2026-10-14'), endOf('2026-10-15')],
    });
  });

  it('decision 20 WD: goal at 12 WD', () => {
    const clock = startClock(cnCalendar, spec('decision'), '2026-09-18T10:00:00+08:00');
    expect(clock.goalAt).toBe(endOf('2026-10-12'));
    expect(clock.deadline).toBe(endOf('2026-10-22'));
  });

  it('calendar-day and hour clocks', () => {
    const card = startClock(cnCalendar, spec('first-id-card-production'), '2026-09-30T10:00:00+08:00');
    // The 60th day is Sunday 29 Nov: the deadline ends on Monday (民法典 art 203); the goal does not roll.
    expect([card.goalAt, card.deadline]).toEqual([endOf('2026-11-05'), endOf('2026-11-30')]);
    const tempId = startClock(cnCalendar, spec('temporary-id'), '2026-09-30T10:00:00+08:00');
    // The 3rd day falls in the National Day holiday: the deadline ends on the first working day after it.
    expect([tempId.goalAt, tempId.deadline]).toEqual([endOf('2026-10-02'), endOf('2026-10-08')]);
    const visa = startClock(cnCalendar, spec('port-visa-decision'), '2026-10-01T10:00:00+08:00');
    expect([visa.goalAt, visa.deadline, ...visa.escalationAt]).toEqual([
      '2026-10-01T04:00:00.000Z',
      '2026-10-01T06:00:00.000Z',
      '2026-10-01T07:00:00.000Z',
      '2026-10-01T08:00:00.000Z',
    ]);
  });

  it('is provisional when the deadline crosses into an unknown year', () => {
    expect(startClock(cnCalendar, spec('decision'), '2026-12-10T10:00:00+08:00').provisional).toBe(true);
    expect(startClock(cnCalendar, spec('decision'), '2026-11-01T10:00:00+08:00').provisional).toBe(false);
  });

  it('rejects invalid specs', () => {
    expectSlaError(() => startClock(cnCalendar, { ...spec('decision'), limit: 0 }, 0), 'invalid-spec');
    expectSlaError(() => startClock(cnCalendar, { ...spec('decision'), goalRatio: 1.5 }, 0), 'invalid-spec');
  });
});

describe('transitions', () => {
  it('goal, deadline, then one escalation per passed-deadline interval up to the maximum', () => {
    const clock = startClock(cnCalendar, spec('completeness'), '2026-09-30T10:00:00+08:00');
    expect(allTransitions(clock)).toEqual([
      { at: endOf('2026-10-10'), kind: 'goal-missed' },
      { at: endOf('2026-10-13'), kind: 'deadline-passed' },
      { at: endOf('2026-10-14'), kind: 'escalated', level: 1 },
      { at: endOf('2026-10-15'), kind: 'escalated', level: 2 },
    ]);
  });

  it('skips the goal when it coincides with the deadline (1 WD clocks)', () => {
    const clock = startClock(cnCalendar, spec('hukou-move-out'), '2026-10-09T10:00:00+08:00');
    expect(clock.goalAt).toBe(clock.deadline);
    expect(nextSlaTransition(clock)).toEqual({ at: endOf('2026-10-10'), kind: 'deadline-passed' });
  });

  it('updates state and escalation, and refuses stale transitions', () => {
    let clock = startClock(cnCalendar, spec('completeness'), '2026-09-30T10:00:00+08:00');
    clock = applySlaTransition(clock, nextSlaTransition(clock)!);
    expect(clock.state).toBe('at-risk');
    expectSlaError(() => applySlaTransition(clock, { at: clock.goalAt, kind: 'goal-missed' }), 'unexpected-transition');
    clock = applySlaTransition(clock, nextSlaTransition(clock)!);
    expect(clock.state).toBe('breached');
    clock = applySlaTransition(clock, nextSlaTransition(clock)!);
    expect([clock.state, clock.escalation]).toEqual(['breached', 1]);
  });

  it('has no transitions while paused or stopped', () => {
    const clock = startClock(cnCalendar, spec('decision'), '2026-09-18T10:00:00+08:00');
    expect(nextSlaTransition(pauseClock(clock, '2026-09-20T10:00:00+08:00'))).toBeNull();
    expect(nextSlaTransition(stopClock(clock, '2026-09-20T10:00:00+08:00'))).toBeNull();
  });
});

describe('pause and resume', () => {
  const started = () => startClock(cnCalendar, spec('decision'), '2026-09-18T10:00:00+08:00');

  it('moves a WD clock by the working days between the pause date and the resume date', () => {
    const paused = pauseClock(started(), '2026-09-24T10:00:00+08:00');
    expect(paused).toMatchObject({ state: 'paused', pausedAt: '2026-09-24T02:00:00.000Z' });
    // (Sep 24, Oct 9]: Sep 28, 29, 30, Oct 8, 9 = 5 WD
    const resumed = resumeClock(cnCalendar, paused, '2026-10-09T15:00:00+08:00');
    expect(resumed).toMatchObject({
      state: 'on-track',
      pausedWorkingDays: 5,
      goalAt: endOf('2026-10-19'),
      deadline: endOf('2026-10-29'),
      escalationAt: [endOf('2026-10-30'), endOf('2026-11-02')],
    });
    expect(resumed.pausedAt).toBeUndefined();
  });

  it('costs nothing when paused and resumed on the same day', () => {
    const clock = started();
    const resumed = resumeClock(cnCalendar, pauseClock(clock, '2026-09-24T09:00:00+08:00'), '2026-09-24T17:00:00+08:00');
    expect([resumed.goalAt, resumed.deadline, resumed.pausedWorkingDays]).toEqual([clock.goalAt, clock.deadline, 0]);
  });

  it('returns to the state it was paused from', () => {
    let clock = started();
    clock = applySlaTransition(clock, nextSlaTransition(clock)!);
    const resumed = resumeClock(cnCalendar, pauseClock(clock, '2026-10-13T10:00:00+08:00'), '2026-10-14T10:00:00+08:00');
    expect(resumed.state).toBe('at-risk');
  });

  it('moves hour clocks by the elapsed duration', () => {
    const clock = startClock(cnCalendar, spec('port-visa-decision'), '2026-10-01T10:00:00+08:00');
    const paused = pauseClock(clock, '2026-10-01T11:00:00+08:00');
    const resumed = resumeClock(cnCalendar, paused, '2026-10-01T11:30:00+08:00');
    expect([resumed.goalAt, resumed.deadline, resumed.pausedMs]).toEqual(['2026-10-01T04:30:00.000Z', '2026-10-01T06:30:00.000Z', 30 * 60 * 1000]);
  });

  it('refuses double pauses, resuming a running clock, and time going backwards', () => {
    const paused = pauseClock(started(), '2026-09-24T10:00:00+08:00');
    expectSlaError(() => pauseClock(paused, '2026-09-25T10:00:00+08:00'), 'already-paused');
    expectSlaError(() => resumeClock(cnCalendar, started(), '2026-09-25T10:00:00+08:00'), 'not-paused');
    expectSlaError(() => resumeClock(cnCalendar, paused, '2026-09-23T10:00:00+08:00'), 'invalid-time');
    expectSlaError(() => pauseClock(started(), '2026-09-01T10:00:00+08:00'), 'invalid-time');
  });
});

describe('extendClock', () => {
  const started = () => startClock(cnCalendar, spec('decision'), '2026-09-18T10:00:00+08:00');

  it('extends the deadline once by up to 10 WD, leaving the goal', () => {
    const extended = extendClock(cnCalendar, started(), 10);
    expect(extended).toMatchObject({ extendedBy: 10, goalAt: endOf('2026-10-12'), deadline: endOf('2026-11-05') });
    expectSlaError(() => extendClock(cnCalendar, extended, 1), 'already-extended');
  });

  it('refuses invalid extensions', () => {
    expectSlaError(() => extendClock(cnCalendar, started(), 11), 'extension-too-long');
    expectSlaError(() => extendClock(cnCalendar, started(), 0), 'invalid-extension');
    const completeness = startClock(cnCalendar, spec('completeness'), '2026-09-18T10:00:00+08:00');
    expectSlaError(() => extendClock(cnCalendar, completeness, 5), 'not-extendable');
    expectSlaError(() => extendClock(cnCalendar, stopClock(started(), '2026-09-20T10:00:00+08:00'), 5), 'clock-stopped');
    let breached = started();
    breached = applySlaTransition(breached, nextSlaTransition(breached)!);
    breached = applySlaTransition(breached, nextSlaTransition(breached)!);
    expectSlaError(() => extendClock(cnCalendar, breached, 5), 'deadline-already-passed');
  });

  it('refuses to pause a clock whose deadline has passed (a pause cannot move a missed deadline)', () => {
    let breached = started();
    breached = applySlaTransition(breached, nextSlaTransition(breached)!);
    breached = applySlaTransition(breached, nextSlaTransition(breached)!);
    expect(breached.state).toBe('breached');
    expectSlaError(() => pauseClock(breached, '2026-12-30T10:00:00+08:00'), 'deadline-already-passed');
  });

  it('defaults to 10 WD for WD clocks whose spec omits maxExtension', () => {
    const { maxExtension: _omit, ...bare } = spec('decision');
    const clock = startClock(cnCalendar, bare, '2026-09-18T10:00:00+08:00');
    expect(extendClock(cnCalendar, clock, 10).extendedBy).toBe(10);
    expectSlaError(() => extendClock(cnCalendar, clock, 11), 'extension-too-long');
  });
});

describe('stopClock', () => {
  it('stops once, also from paused', () => {
    const clock = startClock(cnCalendar, spec('delivery'), '2026-09-18T10:00:00+08:00');
    const stopped = stopClock(pauseClock(clock, '2026-09-20T10:00:00+08:00'), '2026-09-21T10:00:00+08:00');
    expect(stopped).toMatchObject({ state: 'stopped', stoppedAt: '2026-09-21T02:00:00.000Z' });
    expectSlaError(() => stopClock(stopped, '2026-09-22T10:00:00+08:00'), 'clock-stopped');
  });
});
