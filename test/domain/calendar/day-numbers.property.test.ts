import fc from 'fast-check';
import {
  addWorkingDays,
  cnCalendar,
  countWorkingDays,
  dayOfWeek,
  epochDay,
  fromEpochDay,
  isIsoDate,
  MS_PER_DAY,
  shanghaiDate,
  SHANGHAI_OFFSET_MS,
  toIsoInstant,
  yearOf,
  yearOfEpochDay,
} from '../../../domain/calendar';
import { dateWalk } from '../../support/date-walk';

// The calendar's dates and day numbers are computed by arithmetic; the Date-based forms they replaced are the reference:
// running cases' deadlines must come out exactly as they did.
const byDate = dateWalk;

/** Any day Date can represent: about ±273,790 years around 1970. */
const anyDay = fc.integer({ min: -100_000_000, max: 100_000_000 });
/** Days of the years a case can meet (1900–2200). */
const caseDay = fc.integer({ min: byDate.epochDay('1900-01-01'), max: byDate.epochDay('2200-12-31') });
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

describe('dates and day numbers by arithmetic, as Date computed them', () => {
  it('accepts exactly the dates Date accepts (month lengths, leap years, years from 1000)', () => {
    fc.assert(
      fc.property(dateLike, (s) => expect(isIsoDate(s)).toBe(byDate.isIsoDate(s))),
      { numRuns: 5000 },
    );
    for (const s of ['1900-02-29', '2000-02-29', '2100-02-29', '2024-02-29', '2026-02-29', '2026-04-31', '2026-12-31', '0999-12-31', '1000-01-01'])
      expect(isIsoDate(s)).toBe(byDate.isIsoDate(s));
  });

  it('turns every representable day into the date Date writes, and back', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(fromEpochDay(day)).toBe(byDate.fromEpochDay(day));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(caseDay, (day) => {
        const date = byDate.fromEpochDay(day);
        expect(epochDay(date)).toBe(day);
        expect(yearOfEpochDay(day)).toBe(yearOf(date));
        expect(dayOfWeek(date)).toBe(new Date(day * MS_PER_DAY).getUTCDay());
      }),
      { numRuns: 5000 },
    );
    // The ends of the 400-year cycle and of centuries, leap days, the epoch and the years Date writes differently.
    for (const edge of ['0000-03-01', '1600-02-29', '1900-02-28', '2000-02-29', '2100-03-01', '2400-02-29', '1970-01-01', '9999-12-31', '1000-01-01']) {
      const at = byDate.epochDay(edge);
      for (let day = at - 3; day <= at + 3; day++) expect(fromEpochDay(day)).toBe(byDate.fromEpochDay(day));
      // Dates are read back from the year 1000 on (isIsoDate).
      const readable = Number(edge.slice(0, 4)) > 1000 && Number(edge.slice(0, 4)) < 9999 ? [-3, -2, -1, 0, 1, 2, 3] : [];
      expect(readable.map((d) => epochDay(byDate.fromEpochDay(at + d)))).toEqual(readable.map((d) => at + d));
    }
    expect(fromEpochDay(byDate.epochDay('9999-12-31') + 1)).toBe('+010000-01');
    expect(() => fromEpochDay(Number.NaN)).toThrow(RangeError);
  });

  it('gives every instant the Shanghai date Date gives it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15 + SHANGHAI_OFFSET_MS, max: 8.64e15 - SHANGHAI_OFFSET_MS }), (ms) => {
        expect(shanghaiDate(ms)).toBe(byDate.shanghaiDate(ms));
      }),
      { numRuns: 5000 },
    );
  });

  it('counts and adds working days exactly as the day-by-day Date walk did, across known and unknown years', () => {
    // 2024 and 2027 onwards are missing from the bundled data: provisional deadlines are compared too.
    const start = fc.integer({ min: Date.UTC(2023, 10, 1), max: Date.UTC(2029, 1, 1) });
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 120 }), (ms, n) => {
        expect(addWorkingDays(cnCalendar, ms, n)).toEqual(byDate.addWorkingDays(ms, n));
        expect(addWorkingDays(cnCalendar, toIsoInstant(ms), n)).toEqual(byDate.addWorkingDays(ms, n));
      }),
      { numRuns: 1000 },
    );
    const date = fc.integer({ min: byDate.epochDay('2023-01-01'), max: byDate.epochDay('2029-12-31') }).map(byDate.fromEpochDay);
    const near = fc.integer({ min: byDate.epochDay('2023-06-01'), max: byDate.epochDay('2028-06-01') }).map(byDate.fromEpochDay);
    fc.assert(
      fc.property(near, near, (from, to) => {
        expect(countWorkingDays(cnCalendar, from, to)).toBe(byDate.countWorkingDays(from, to));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(date, (d) => {
        expect(cnCalendar.isWorkingDay(d)).toBe(byDate.isWorkingDay(d));
        expect(cnCalendar.isWorkingEpochDay(byDate.epochDay(d))).toBe(byDate.isWorkingDay(d));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what is not a date or a day number', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '0999-01-01']) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => epochDay(bad)).toThrow(RangeError);
      expect(() => cnCalendar.isWorkingDay(bad)).toThrow(RangeError);
    }
    expect(() => cnCalendar.isWorkingEpochDay(1.5)).toThrow(RangeError);
    expect(() => countWorkingDays(cnCalendar, '2026-01-01', '2026-02-30')).toThrow(RangeError);
  });
});
