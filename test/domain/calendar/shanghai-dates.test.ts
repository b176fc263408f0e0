import { addCalendarDays, dayOfWeek, endOfShanghaiDay, isIsoDate, shanghaiDate, startOfShanghaiDay, toEpochMs, toIsoInstant } from '../../../domain/calendar';

describe('Shanghai date helpers', () => {
  it('maps instants to the Shanghai date (UTC+8, no DST)', () => {
    expect(shanghaiDate('2026-09-30T15:59:59.999Z')).toBe('2026-09-30');
    expect(shanghaiDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(shanghaiDate('2026-10-01T00:30:00+08:00')).toBe('2026-10-01');
    expect(shanghaiDate(Date.UTC(2026, 6, 1, 12))).toBe('2026-07-01');
  });

  it('gives start and end of a Shanghai day', () => {
    expect(toIsoInstant(startOfShanghaiDay('2026-10-13'))).toBe('2026-10-12T16:00:00.000Z');
    expect(toIsoInstant(endOfShanghaiDay('2026-10-13'))).toBe('2026-10-13T15:59:59.999Z');
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows weekdays', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(dayOfWeek('2026-01-04')).toBe(0);
  });

  it('rejects ambiguous or invalid input', () => {
    expect(() => toEpochMs('2026-10-01T10:00:00')).toThrow(RangeError); // no offset: host-dependent
    expect(() => toEpochMs('2026-10-01')).toThrow(RangeError);
    expect(() => toEpochMs(Number.NaN)).toThrow(RangeError);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => addCalendarDays('2026-13-01', 1)).toThrow(RangeError);
  });
});
