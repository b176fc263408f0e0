import fc from 'fast-check';
import calendarData from '../../../domain/calendar/cn-working-calendar.json';
import { addCalendarDays, addWorkingDays, cnCalendar, countWorkingDays, dayOfWeek, endOfShanghaiDay, shanghaiDate, yearOf } from '../../../domain/calendar';

const allHolidays = new Set(Object.values(calendarData.years).flatMap((y) => y.holidays));
const makeUpWorkdays = Object.values(calendarData.years).flatMap((y) => y.workdays);

// 2024 and 2027–2028 are missing from the data, so starts here exercise both known and unknown years.
const instant = fc.integer({ min: Date.UTC(2024, 5, 1), max: Date.UTC(2028, 5, 1) });
const workingDays = fc.integer({ min: 0, max: 60 });

describe('working-day arithmetic properties', () => {
  it('never lands on a holiday or non-working day, and always at the end of a Shanghai day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const { deadline } = addWorkingDays(cnCalendar, start, n);
        const date = shanghaiDate(deadline);
        expect(cnCalendar.isWorkingDay(date)).toBe(true);
        expect(allHolidays.has(date)).toBe(false);
        expect(Date.parse(deadline)).toBe(endOfShanghaiDay(date));
      }),
    );
  });

  it('counting the working days back gives n', () => {
    fc.assert(
      fc.property(instant, workingDays, (start, n) => {
        const { deadline } = addWorkingDays(cnCalendar, start, n);
        expect(countWorkingDays(cnCalendar, shanghaiDate(start), shanghaiDate(deadline))).toBe(n);
      }),
    );
  });

  it('is provisional exactly when a counted date lies in an unknown year', () => {
    fc.assert(
      fc.property(instant, workingDays, (start, n) => {
        const { deadline, provisional } = addWorkingDays(cnCalendar, start, n);
        const end = shanghaiDate(deadline);
        let expected = false;
        for (let d = addCalendarDays(shanghaiDate(start), 1); d <= end; d = addCalendarDays(d, 1)) {
          if (!cnCalendar.isKnownYear(yearOf(d))) expected = true;
        }
        expect(provisional).toBe(expected);
      }),
    );
  });

  it('counts every make-up weekend workday as the next working day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...makeUpWorkdays), (workday) => {
        expect([0, 6]).toContain(dayOfWeek(workday));
        let previous = addCalendarDays(workday, -1);
        while (!cnCalendar.isWorkingDay(previous)) previous = addCalendarDays(previous, -1);
        expect(shanghaiDate(addWorkingDays(cnCalendar, endOfShanghaiDay(previous), 1).deadline)).toBe(workday);
      }),
    );
  });

  it('uses Monday–Friday and marks provisional in unknown years', () => {
    const unknownYearStart = fc.integer({ min: Date.UTC(2030, 0, 1), max: Date.UTC(2031, 11, 1) });
    fc.assert(
      fc.property(unknownYearStart, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const date = shanghaiDate(start);
        const dow = dayOfWeek(date);
        expect(cnCalendar.isWorkingDay(date)).toBe(dow >= 1 && dow <= 5);
        const result = addWorkingDays(cnCalendar, start, n);
        expect(result.provisional).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(shanghaiDate(result.deadline)));
      }),
    );
  });
});
