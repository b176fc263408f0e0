import type { IsoDate } from '../../domain/calendar';
import calendarData from '../../domain/calendar/cn-working-calendar.json';

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const holidays = new Set(Object.values(calendarData.years).flatMap((y) => y.holidays));
const workdays = new Set(Object.values(calendarData.years).flatMap((y) => y.workdays));
const isKnownYear = (date: IsoDate) => date.slice(0, 4) in calendarData.years;

/**
 * The working-day arithmetic as the calendar did it until 504be3f, a date string per day, each checked, parsed and
 * formatted through `Date`, on the bundled calendar data: the reference the day-number forms are held to
 * (test/domain/calendar/day-numbers.property.test.ts) and timed against (bench/calendar). Apart from the code under test.
 */
export const dateWalk = {
  isIsoDate(value: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m || Number(m[1]) < 1000) return false;
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
  },
  epochDay: (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY,
  fromEpochDay: (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10),
  shanghaiDate: (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10),
  addDays: (date: IsoDate, n: number) => dateWalk.fromEpochDay(dateWalk.epochDay(date) + n),
  isWorkingDay(date: IsoDate): boolean {
    if (!dateWalk.isIsoDate(date)) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
    if (holidays.has(date)) return false;
    if (workdays.has(date)) return true;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  },
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    if (to < from) return -dateWalk.countWorkingDays(to, from);
    let count = 0;
    for (let date = dateWalk.addDays(from, 1); date <= to; date = dateWalk.addDays(date, 1)) if (dateWalk.isWorkingDay(date)) count++;
    return count;
  },
  addWorkingDays(startMs: number, n: number): { deadline: string; provisional: boolean } {
    let date = dateWalk.shanghaiDate(startMs);
    let provisional = false;
    for (let counted = 0; counted < n;) {
      date = dateWalk.addDays(date, 1);
      if (!isKnownYear(date)) provisional = true;
      if (dateWalk.isWorkingDay(date)) counted++;
    }
    return { deadline: new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString(), provisional };
  },
};
