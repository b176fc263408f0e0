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
  if (!m || Number(m[1]) < 1000) return false;
  return formatUtcDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) === value;
}

function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

function formatUtcDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
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
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

export function fromEpochDay(day: number): IsoDate {
  return formatUtcDate(day * MS_PER_DAY);
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
  return (((epochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
