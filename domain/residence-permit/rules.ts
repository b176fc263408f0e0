import { addCalendarDays, startOfShanghaiDay, toIsoInstant, type IsoDate } from '../calendar';
import type { CaseTypeSpec } from '../kernel/types';
import type { RepresentationRule } from '../kernel/representation';
import { ageAt, birthDateInIdNumber } from '../id-card/rules';
import { addMonths, addYears } from '../kernel/civil-dates';

/**
 * The rules of 居住證暫行條例 (State Council Order 663, 2016) the decisions use; docs/domain.md §7.4.
 */

/** Art 2: resident for at least half a year in the city before applying. */
export const MIN_RESIDENCE_MONTHS = 6;

/** Art 10: endorsed each full year, within the month before it ends. */
export const ENDORSEMENT_WINDOW_MONTHS = 1;

/** Art 9: issued within 15 days of acceptance; a city's rules may extend it for remote areas, to at most 30. */
export const ISSUE_DAYS = 15;
export const ISSUE_DAYS_LOCAL_MAX = 30;

// Municipalities directly under the State Council: the province-level code is the city (GB/T 2260).
const MUNICIPALITIES = ['11', '12', '31', '50'];

/** The city of a county-level office, as a GB/T 2260 code: 440106 → 440100, 310101 → 310000. */
export const cityOf = (office: string): string => (MUNICIPALITIES.includes(office.slice(0, 2)) ? `${office.slice(0, 2)}0000` : `${office.slice(0, 4)}00`);

/** Whether a residence registered since `since` had lasted half a year on `on` (art 2). */
export const residedHalfAYear = (since: IsoDate, on: IsoDate): boolean => addMonths(since, MIN_RESIDENCE_MONTHS) <= on;

/**
 * The dates of one permit year ending on `anniversary` (the day a full year is completed): the endorsement window
 * opens a month before, the last day to endorse is the day before, and the permit is suspended from the anniversary.
 */
export function endorsementYear(anniversary: IsoDate) {
  return {
    windowOpens: addMonths(anniversary, -ENDORSEMENT_WINDOW_MONTHS),
    lastDay: addCalendarDays(anniversary, -1),
    suspendedFrom: anniversary,
  };
}

/** The anniversary closing the year that starts on `from` (a year from the issue, or from a late endorsement). */
export const nextAnniversary = (from: IsoDate): IsoDate => addYears(from, 1);

/** The instant a Shanghai calendar day begins: timers fall due then. */
export const startOf = (day: IsoDate): string => toIsoInstant(startOfShanghaiDay(day));

/**
 * Completed years of residence counted from permit records (docs/domain.md §7.9 item 8): from the issue, or from the
 * day a late endorsement restarted them (art 10). These are residence years only, kept apart from social-insurance years.
 */
export function residenceYearsOn(countedFrom: IsoDate, on: IsoDate): number {
  let years = 0;
  while (addYears(countedFrom, years + 1) <= on) years++;
  return years;
}

/** A child under this age may have a guardian or near relative apply for them (居住證暫行條例 art 9: 未滿16周歲). */
const REPRESENTED_UNDER = 16;

/**
 * Who may lodge for the holder (居住證暫行條例 art 9): a guardian or near relative, for a holder under 16 or an elderly
 * person with reduced mobility or a disabled person (details.representedBecause). The permit and its yearly endorsement
 * share the rule; `words` names the holder and what is lodged. The register's kinship records confirm a guardian (the
 * kernel's check); a relative's tie is recorded, not checked: the population register's kinship records hold parents
 * and guardians only.
 */
export function art9Representation<S extends CaseTypeSpec & { details: { representedBecause?: string } }>(words: {
  /** "a child under 16, or of an elderly or disabled person": whom a representative may act for, as `who` reads it. */
  forWhom: string;
  /** "applies for a residence permit only for a child under 16, or for …": the refusal's middle. */
  onlyFor: string;
}): RepresentationRule<S>[] {
  return (['guardian', 'relative'] as const).map((role) => ({
    role,
    who: `a ${role === 'guardian' ? 'guardian' : 'near relative'} of ${words.forWhom} (details.representedBecause) (居住證暫行條例 art 9)`,
    refusal: ({ applicant: { idNumber }, details: { representedBecause } }, at) =>
      representedBecause !== undefined || (idNumber !== undefined && ageAt(birthDateInIdNumber(idNumber), at) < REPRESENTED_UNDER)
        ? null
        : `a ${role} ${words.onlyFor} (居住證暫行條例 art 9): say which in details.representedBecause`,
  }));
}
