// Pure date arithmetic for Asia/Shanghai. China has no DST, so the zone is a fixed UTC+8 offset and
// no time-zone database (unavailable in the workflow sandbox) is needed.

/** A business date in Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** An instant: ISO-8601 string with an explicit offset ('Z' or ±HH:MM), or epoch milliseconds. */
export type Instant = string | number;

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MS_PER_DAY = 24 * 60 * 60 * 1000;
export const MS_PER_HOUR = 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An explicit offset is required: without one Date.parse would use the host's local zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

// Dates and day numbers by arithmetic (the proleptic Gregorian calendar's 400-year cycle of 146,097 days) rather than
// through Date objects: counting working days steps through every date of a deadline's span, for each clock of each case
// view, and formatting and parsing a Date per day cost about 10 µs a day; the results are the same (tested against Date).
/** Days since 1970-01-01 of a valid year, month (1–12) and day. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Year, month (1–12) and day of a day number (days since 1970-01-01). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - Math.floor((153 * mp + 2) / 5) + 1];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

function formatUtcDate(ms: number): IsoDate {
  return fromEpochDay(Math.floor(ms / MS_PER_DAY));
}

/** Epoch milliseconds of an instant; rejects strings without an explicit offset. */
export function toEpochMs(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) throw new RangeError(`not a finite epoch ms: ${instant}`);
    return instant;
  }
  const ms = ISO_INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant with offset: ${JSON.stringify(instant)}`);
  return ms;
}

/** Canonical UTC ISO string ('...Z') of an instant. */
export function toIsoInstant(instant: Instant): string {
  return new Date(toEpochMs(instant)).toISOString();
}

/** The Shanghai calendar date on which an instant falls. */
export function shanghaiDate(instant: Instant): IsoDate {
  return formatUtcDate(toEpochMs(instant) + SHANGHAI_OFFSET_MS);
}

/** Days since 1970-01-01 of a date. */
export function epochDay(date: IsoDate): number {
  assertIsoDate(date);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function fromEpochDay(day: number): IsoDate {
  const [year, month, date] = civilFromDays(Math.floor(day));
  // Years outside 0–9999 are written as Date writes them (±YYYYYY), and a day that is not a number throws, as before.
  if (!(year >= 0 && year <= 9999)) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(date)}`;
}

/** The year of a day number (days since 1970-01-01). */
export function yearOfEpochDay(day: number): number {
  return civilFromDays(day)[0];
}

/** 0 = Sunday … 6 = Saturday, of a day number. */
export function dayOfWeekOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** 00:00:00.000 Shanghai time of the date, as epoch ms. */
export function startOfShanghaiDay(date: IsoDate): number {
  return epochDay(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** 23:59:59.999 Shanghai time of the date, as epoch ms. */
export function endOfShanghaiDay(date: IsoDate): number {
  return startOfShanghaiDay(date) + MS_PER_DAY - 1;
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromEpochDay(epochDay(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return dayOfWeekOfEpochDay(epochDay(date));
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
