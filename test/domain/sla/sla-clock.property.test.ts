import fc from 'fast-check';
import { cnCalendar, countWorkingDays, endOfShanghaiDay, shanghaiDate } from '../../../domain/calendar';
import {
  applySlaTransition,
  dueSlaTransitions,
  extendClock,
  maxExtensionOf,
  nextRepeatAt,
  nextSlaTransition,
  pauseClock,
  resumeClock,
  startClock,
  statutoryClocks,
  type ClockSpec,
  type ClockState,
  type SlaTransition,
} from '../../../domain/sla';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Spans known (2025–2026) and unknown (2027) calendar years.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });

const clockSpec: fc.Arbitrary<ClockSpec> = fc
  .record({
    unit: fc.constantFrom<ClockSpec['unit']>('WD', 'CD', 'hours'),
    limit: fc.integer({ min: 1, max: 30 }),
    goalRatio: fc.integer({ min: 1, max: 20 }).map((x) => x / 20),
    passedDeadlineEvery: fc.integer({ min: 1, max: 5 }),
    maxEscalation: fc.integer({ min: 0, max: 4 }),
    maxExtension: fc.integer({ min: 0, max: 10 }),
  })
  .map((s) => ({ clock: 'test', ...s, limit: s.unit === 'hours' ? s.limit / 2 : s.limit }));

type Op = { kind: 'advance' } | { kind: 'pause'; afterMs: number; durationMs: number } | { kind: 'extend'; workingDays: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'advance' }),
  fc.record({
    kind: fc.constant('pause' as const),
    afterMs: fc.integer({ min: 0, max: 10 * DAY }),
    durationMs: fc.integer({ min: 0, max: 15 * DAY }),
  }),
  fc.record({ kind: fc.constant('extend' as const), workingDays: fc.integer({ min: 1, max: 10 }) }),
);

describe('SLA clock properties', () => {
  it('pausing for k working days moves goal and deadline by exactly k working days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 0, max: 30 * DAY }), (start, pauseAfter, pauseFor) => {
        const clock = startClock(cnCalendar, statutoryClocks.decision, start);
        const pausedAt = start + pauseAfter;
        const resumedAt = pausedAt + pauseFor;
        const resumed = resumeClock(cnCalendar, pauseClock(clock, pausedAt), resumedAt);
        const k = countWorkingDays(cnCalendar, shanghaiDate(pausedAt), shanghaiDate(resumedAt));
        const moved = (from: string, to: string) => countWorkingDays(cnCalendar, shanghaiDate(from), shanghaiDate(to));
        expect(resumed.pausedWorkingDays).toBe(k);
        expect(moved(clock.deadline, resumed.deadline)).toBe(k);
        expect(moved(clock.goalAt, resumed.goalAt)).toBe(k);
        expect(cnCalendar.isWorkingDay(shanghaiDate(resumed.deadline))).toBe(true);
        expect(Date.parse(resumed.deadline)).toBe(endOfShanghaiDay(shanghaiDate(resumed.deadline)));
      }),
    );
  });

  it('transitions are strictly increasing in time and escalation never exceeds the maximum', () => {
    fc.assert(
      fc.property(clockSpec, instant, fc.array(op, { maxLength: 12 }), (spec, start, ops) => {
        let clock: ClockState = startClock(cnCalendar, spec, start);
        const seen: SlaTransition[] = [];
        let now = start;
        const apply = (t: SlaTransition) => {
          seen.push(t);
          // As the kernel does: an escalation at the top level records when it repeats (nextRepeatAt).
          const applied = applySlaTransition(clock, t);
          const repeatAt = t.kind === 'escalated' ? nextRepeatAt(cnCalendar, applied) : undefined;
          clock = repeatAt ? { ...applied, repeatAt } : applied;
          expect(clock.escalation).toBeLessThanOrEqual(spec.maxEscalation);
        };

        for (const step of ops) {
          if (step.kind === 'advance') {
            const next = nextSlaTransition(clock);
            if (!next) break;
            now = Math.max(now, Date.parse(next.at));
            apply(next);
          } else if (step.kind === 'pause') {
            // A running workflow fires every timer due before it pauses.
            const pausedAt = now + step.afterMs;
            dueSlaTransitions(clock, pausedAt).transitions.forEach(apply);
            // Only before the deadline has passed (docs/domain.md §1): the kernel refuses it later.
            if (clock.state === 'breached') continue;
            clock = resumeClock(cnCalendar, pauseClock(clock, pausedAt), pausedAt + step.durationMs);
            now = pausedAt + step.durationMs;
          } else if (clock.extendedBy === undefined && clock.state !== 'breached') {
            if (step.workingDays <= maxExtensionOf(spec)) clock = extendClock(cnCalendar, clock, step.workingDays);
          }
        }
        const topReached = () => clock.state === 'breached' && clock.escalation >= spec.maxEscalation;
        for (let next = nextSlaTransition(clock); next && !topReached(); next = nextSlaTransition(clock)) apply(next);
        // The top level repeats at its interval until the clock stops (docs/domain.md §1, SLA model).
        const repeat = nextSlaTransition(clock);
        expect(repeat === null).toBe(spec.maxEscalation === 0);
        expect(repeat?.level ?? 0).toBe(spec.maxEscalation);
        expect(Date.parse(repeat?.at ?? '9999-01-01T00:00:00Z')).toBeGreaterThan(Date.parse(seen.at(-1)!.at));

        const times = seen.map((t) => Date.parse(t.at));
        expect(times[0]).toBeGreaterThan(start);
        times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i]));
        const levels = seen.filter((t) => t.kind === 'escalated').map((t) => t.level);
        // Levels 1..max once each, then the top level repeated (advances may have fired some repeats).
        expect(levels).toEqual(Array.from({ length: levels.length }, (_, i) => Math.min(i + 1, spec.maxEscalation)));
        expect(levels.length).toBeGreaterThanOrEqual(spec.maxEscalation);
        expect(clock.escalation).toBe(spec.maxEscalation);
        expect(seen.filter((t) => t.kind === 'deadline-passed')).toHaveLength(1);
      }),
    );
  });

  it('goal never falls after the deadline and the start is never counted', () => {
    fc.assert(
      fc.property(clockSpec, instant, (spec, start) => {
        const clock = startClock(cnCalendar, spec, start);
        expect(Date.parse(clock.goalAt)).toBeGreaterThan(start);
        expect(Date.parse(clock.goalAt)).toBeLessThanOrEqual(Date.parse(clock.deadline));
        if (spec.unit === 'WD') {
          // eslint-disable-next-line jest/no-conditional-expect -- a property over generated clocks: only working-day clocks count working days
          expect(countWorkingDays(cnCalendar, shanghaiDate(start), shanghaiDate(clock.deadline))).toBe(spec.limit);
        }
      }),
    );
  });
});
