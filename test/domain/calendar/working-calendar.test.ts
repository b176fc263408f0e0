import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cnCalendar, createWorkingCalendar } from '../../../domain/calendar';

describe('working calendar', () => {
  // The bundled file is the published calendar data, byte for byte: a new notice is a deliberate change of
  // this digest, never an edit by hand that slips through.
  it('bundles the published calendar data unchanged', () => {
    const bundled = readFileSync(join(__dirname, '../../../domain/calendar/cn-working-calendar.json'));
    expect(createHash('sha256').update(bundled).digest('hex')).toBe('e399c649f8b4289f8edba395eeec5dbb0b45124fc074aced632275b66309b5de');
  });

  it('excludes statutory holidays even on weekdays', () => {
    expect(cnCalendar.isWorkingDay('2026-10-01')).toBe(false); // Thursday, National Day
    expect(cnCalendar.isWorkingDay('2026-02-16')).toBe(false); // Monday, Spring Festival
    expect(cnCalendar.isWorkingDay('2025-06-02')).toBe(false); // Monday, Dragon Boat
  });

  it('counts make-up workdays even on weekends', () => {
    expect(cnCalendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday
    expect(cnCalendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday
    expect(cnCalendar.isWorkingDay('2026-01-04')).toBe(true); // Sunday
    expect(cnCalendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday
  });

  it('treats ordinary days as Monday–Friday', () => {
    expect(cnCalendar.isWorkingDay('2026-10-09')).toBe(true);
    expect(cnCalendar.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('falls back to Monday–Friday for unknown years', () => {
    expect(cnCalendar.isKnownYear(2026)).toBe(true);
    expect(cnCalendar.isKnownYear(2027)).toBe(false);
    expect(cnCalendar.isWorkingDay('2027-01-01')).toBe(true); // Friday; the real notice is not in the data yet
    expect(cnCalendar.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('rejects inconsistent data', () => {
    expect(() => createWorkingCalendar({ years: { '2030': { holidays: ['2031-01-01'], workdays: [] } } })).toThrow();
    expect(() => createWorkingCalendar({ years: { '2030': { holidays: ['2030-01-05'], workdays: ['2030-01-05'] } } })).toThrow();
  });
});
