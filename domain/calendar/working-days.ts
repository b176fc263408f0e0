import {
  addCalendarDays,
  endOfShanghaiDay,
  epochDay,
  fromEpochDay,
  MS_PER_HOUR,
  shanghaiDate,
  toEpochMs,
  toIsoInstant,
  yearOfEpochDay,
  type Instant,
  type IsoDate,
} from './shanghai-dates';
import type { WorkingCalendar } from './working-calendar';

export interface ComputedDeadline {
  /** ISO-8601 UTC instant. */
  deadline: string;
  /** True when a date examined lies in a year missing from the calendar data. */
  provisional: boolean;
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer: ${n}`);
}

/**
 * End (23:59:59.999 Shanghai) of the n-th working day after the start's Shanghai date.
 * The day of receipt never counts (行政許可法 art 82); n = 0 gives the end of the start day.
 */
export function addWorkingDays(cal: WorkingCalendar, start: Instant, n: number): ComputedDeadline {
  assertCount(n, 'working days');
  // By day number: one date string at the end, not two per day stepped through.
  let day = epochDay(shanghaiDate(start));
  let provisional = false;
  for (let counted = 0; counted < n;) {
    day++;
    if (!cal.isKnownYear(yearOfEpochDay(day))) provisional = true;
    if (cal.isWorkingEpochDay(day)) counted++;
  }
  return { deadline: toIsoInstant(endOfShanghaiDay(fromEpochDay(day))), provisional };
}

/** Working days in (from, to]: excludes `from`, includes `to`; negative when `to` is before `from`. */
export function countWorkingDays(cal: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return -countWorkingDays(cal, to, from);
  let count = 0;
  for (let day = epochDay(from) + 1, last = epochDay(to); day <= last; day++) {
    if (cal.isWorkingEpochDay(day)) count++;
  }
  return count;
}

/** End of the n-th calendar day after the start's Shanghai date; never provisional (holidays are irrelevant). */
export function addCalendarDaysDeadline(start: Instant, n: number): ComputedDeadline {
  assertCount(n, 'calendar days');
  return { deadline: toIsoInstant(endOfShanghaiDay(addCalendarDays(shanghaiDate(start), n))), provisional: false };
}

/** Plain duration: hour clocks run around the clock. */
export function addHoursDeadline(start: Instant, hours: number): ComputedDeadline {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a non-negative number: ${hours}`);
  return { deadline: toIsoInstant(toEpochMs(start) + Math.round(hours * MS_PER_HOUR)), provisional: false };
}
