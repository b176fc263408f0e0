import type { IsoDate } from '../calendar';

/** Calendar arithmetic on ISO dates (YYYY-MM-DD) for ages and document validity; pure, no Date.now(). */

const parts = (date: IsoDate) => date.split('-').map(Number) as [number, number, number];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `months` later; a day missing in the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

/** Completed years of age on `on` (a person born on 29 Feb turns a year older on 28 Feb in common years). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [oy, om, od] = parts(on);
  const birthdayThisYear = Math.min(bd, daysInMonth(oy, bm));
  const hadBirthday = om > bm || (om === bm && od >= birthdayThisYear);
  return oy - by - (hadBirthday ? 0 : 1);
}
