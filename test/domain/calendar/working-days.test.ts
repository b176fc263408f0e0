import { addCalendarDaysDeadline, addHoursDeadline, addWorkingDays, cnCalendar, countWorkingDays } from '../../../domain/calendar';

/** End of a Shanghai day as the UTC ISO string the domain returns. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe('addWorkingDays', () => {
  it('skips National Day 2026 and counts the make-up Saturday 2026-10-10', () => {
    // Oct 8 (1), Oct 9 (2), Sat Oct 10 (3), Oct 12 (4), Oct 13 (5)
    expect(addWorkingDays(cnCalendar, '2026-09-30T10:00:00+08:00', 5)).toEqual({
      deadline: '2026-10-13T15:59:59.999Z',
      provisional: false,
    });
    expect(addWorkingDays(cnCalendar, '2026-09-30T10:00:00+08:00', 3).deadline).toBe(endOf('2026-10-10'));
  });

  it('does not count the day of receipt, taken in Shanghai time', () => {
    expect(addWorkingDays(cnCalendar, '2026-10-09T15:59:59.000Z', 1).deadline).toBe(endOf('2026-10-10'));
    expect(addWorkingDays(cnCalendar, '2026-10-09T16:30:00.000Z', 1).deadline).toBe(endOf('2026-10-12'));
  });

  it('handles Spring Festival 2026 with its two make-up Saturdays', () => {
    expect(addWorkingDays(cnCalendar, '2026-02-13T09:00:00+08:00', 1).deadline).toBe(endOf('2026-02-14'));
    expect(addWorkingDays(cnCalendar, '2026-02-14T09:00:00+08:00', 1).deadline).toBe(endOf('2026-02-24'));
    // Feb 24, 25, 26, 27, Sat 28
    expect(addWorkingDays(cnCalendar, '2026-02-14T09:00:00+08:00', 5).deadline).toBe(endOf('2026-02-28'));
  });

  it('computes a 20 WD decision deadline across Mid-Autumn and National Day 2026', () => {
    expect(addWorkingDays(cnCalendar, '2026-09-18T10:00:00+08:00', 20).deadline).toBe(endOf('2026-10-22'));
  });

  it('marks deadlines computed across an unknown year as provisional', () => {
    expect(addWorkingDays(cnCalendar, '2026-12-30T10:00:00+08:00', 1)).toEqual({
      deadline: endOf('2026-12-31'),
      provisional: false,
    });
    // 2027 is unknown: Fri 2027-01-01 counts as Mon–Fri fallback
    expect(addWorkingDays(cnCalendar, '2026-12-30T10:00:00+08:00', 3)).toEqual({
      deadline: endOf('2027-01-04'),
      provisional: true,
    });
    // the receipt day itself is not examined
    expect(addWorkingDays(cnCalendar, '2024-12-31T10:00:00+08:00', 1)).toEqual({
      deadline: endOf('2025-01-02'),
      provisional: false,
    });
  });

  it('gives the end of the start day for n = 0 and rejects bad n', () => {
    expect(addWorkingDays(cnCalendar, '2026-10-01T10:00:00+08:00', 0).deadline).toBe(endOf('2026-10-01'));
    expect(() => addWorkingDays(cnCalendar, '2026-10-01T10:00:00+08:00', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cnCalendar, '2026-10-01T10:00:00+08:00', 1.5)).toThrow(RangeError);
  });
});

describe('countWorkingDays', () => {
  it('excludes the from date and includes the to date', () => {
    expect(countWorkingDays(cnCalendar, '2026-09-30', '2026-10-13')).toBe(5);
    expect(countWorkingDays(cnCalendar, '2026-10-13', '2026-09-30')).toBe(-5);
    expect(countWorkingDays(cnCalendar, '2026-10-01', '2026-10-01')).toBe(0);
    expect(countWorkingDays(cnCalendar, '2026-10-09', '2026-10-10')).toBe(1);
  });
});

describe('calendar-day and hour clocks', () => {
  it('ends a CD clock at the end of the n-th calendar day, holidays included', () => {
    expect(addCalendarDaysDeadline('2026-09-30T10:00:00+08:00', 3)).toEqual({
      deadline: endOf('2026-10-03'),
      provisional: false,
    });
    expect(addCalendarDaysDeadline('2026-09-30T10:00:00+08:00', 60).deadline).toBe(endOf('2026-11-29'));
  });

  it('runs hour clocks as a plain duration', () => {
    expect(addHoursDeadline('2026-10-01T23:00:00+08:00', 4)).toEqual({
      deadline: '2026-10-01T19:00:00.000Z',
      provisional: false,
    });
  });
});
