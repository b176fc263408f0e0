import { addCalendarDaysDeadline, addHoursDeadline, addWorkingDays, type ComputedDeadline, type Instant, type WorkingCalendar } from '../calendar';
import type { ClockSpec, ClockUnit } from './clock-spec';

/** `amount` units of a clock after `start`: WD/CD end at the end of a Shanghai day, hours are a plain duration. */
export function addClockUnits(cal: WorkingCalendar, unit: ClockUnit, start: Instant, amount: number): ComputedDeadline {
  switch (unit) {
    case 'WD':
      return addWorkingDays(cal, start, amount);
    case 'CD':
      return addCalendarDaysDeadline(start, amount);
    case 'hours':
      return addHoursDeadline(start, amount);
  }
}

/**
 * Goal offset in the clock's unit. Day clocks round up to whole days within [1, limit] (so 5 WD → 3, 20 WD → 12,
 * 1 WD → 1 = the deadline, i.e. no separate warning); hour clocks use the exact fraction.
 */
export function goalOffset(spec: ClockSpec): number {
  const raw = spec.limit * spec.goalRatio;
  if (spec.unit === 'hours') return raw;
  const days = Math.ceil(Math.round(raw * 1e6) / 1e6); // 20 * 0.6 = 12.000000000000002 must stay 12
  return Math.min(spec.limit, Math.max(1, days));
}

export function escalationSchedule(cal: WorkingCalendar, spec: ClockSpec, deadline: string): string[] {
  const schedule: string[] = [];
  for (let level = 1; level <= spec.maxEscalation; level++) {
    schedule.push(addClockUnits(cal, spec.unit, deadline, level * spec.passedDeadlineEvery).deadline);
  }
  return schedule;
}
