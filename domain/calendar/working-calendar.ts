import bundledData from './cn-working-calendar.json';
import { dayOfWeekOfEpochDay, epochDay, fromEpochDay, isIsoDate, yearOf, type IsoDate } from './shanghai-dates';

/** Shape of cn-working-calendar.json: per year, holidays (off even Mon–Fri) and make-up workdays (on even Sat/Sun). */
export interface WorkingCalendarData {
  years: Record<string, { holidays: readonly string[]; workdays: readonly string[] }>;
}

export interface WorkingCalendar {
  /**
   * Which data this is: the content hash under which it was published (reference data in the event store),
   * recorded with every deadline computed from it so that a history says which calendar it used.
   */
  readonly version: string;
  /** The years it knows, ascending. */
  readonly years: readonly number[];
  isWorkingDay(date: IsoDate): boolean;
  /** The same for a day number (days since 1970-01-01, `epochDay`): what counting working days steps through. */
  isWorkingEpochDay(day: number): boolean;
  /** False for years missing from the data: those fall back to Mon–Fri and make deadlines provisional. */
  isKnownYear(year: number): boolean;
}

export function createWorkingCalendar(data: WorkingCalendarData, version = 'unversioned'): WorkingCalendar {
  // By day number, as counting working days steps through them (a workflow builds its calendar at start, and again
  // when a new one is published).
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  const knownYears = new Set<number>();
  for (const [year, entry] of Object.entries(data.years)) {
    knownYears.add(Number(year));
    addDates(holidays, entry.holidays, year, 'holiday');
    addDates(workdays, entry.workdays, year, 'workday');
  }
  for (const day of holidays) {
    if (workdays.has(day)) throw new Error(`calendar data lists ${fromEpochDay(day)} as both holiday and workday`);
  }
  const isWorkingEpochDay = (day: number) => {
    if (holidays.has(day)) return false;
    if (workdays.has(day)) return true;
    const dow = dayOfWeekOfEpochDay(day);
    return dow !== 0 && dow !== 6;
  };

  return {
    version,
    years: [...knownYears].sort((a, b) => a - b),
    isWorkingDay(date) {
      return isWorkingEpochDay(epochDay(date)); // epochDay refuses what is not a date
    },
    isWorkingEpochDay(day) {
      if (!Number.isSafeInteger(day)) throw new RangeError(`not a day number: ${day}`);
      return isWorkingEpochDay(day);
    },
    isKnownYear(year) {
      return knownYears.has(year);
    },
  };
}

function addDates(target: Set<number>, dates: readonly string[], year: string, kind: string): void {
  for (const date of dates) {
    // A date filed under the wrong year would make isKnownYear lie about it.
    if (!isIsoDate(date) || String(yearOf(date)) !== year) {
      throw new Error(`calendar data: bad ${kind} ${JSON.stringify(date)} under year ${year}`);
    }
    target.add(epochDay(date));
  }
}

/**
 * The bundled State Council holiday notices: the seed of the published calendar (apps/api/calendar), and the
 * calendar of unit tests. Running cases never read it: they compute with the calendar their history carries.
 */
export const bundledCalendarData: WorkingCalendarData = bundledData;

/** Mainland China calendar from the bundled notices, for tests and tools. */
export const cnCalendar: WorkingCalendar = createWorkingCalendar(bundledData, 'bundled');

/** The years whose dates differ between two calendars' data: added, changed or dropped in `after`. */
export function changedYears(before: WorkingCalendarData['years'], after: WorkingCalendarData['years']): number[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((year) => JSON.stringify(before[year]) !== JSON.stringify(after[year]))
    .map(Number);
}
