import type { ReferenceData } from '../reference';
import type { RecordCheck } from '../kernel/types';
import { cityOf, metroAreaOf } from './admission-rules';

/**
 * Metropolitan residence years from residence-permit records (docs/domain.md §7.4 互通互認, §7.9 item 8): the residence
 * years a hukou migration counts for the other cities of the destination's metropolitan group are those the permits
 * issued there prove, read from the register of permits, instead of figures typed in at lodging. Social-insurance
 * years stay the applicant's declared figures, summed apart (inferred).
 *
 * Cases lodged before this change never asked the register and are assessed as they were: the change applies to an
 * opening only where `applies(ctx, PERMIT_YEARS_CHANGE)` says so, and the opening records `PermitRecordsRequested`.
 */
export const PERMIT_YEARS_CHANGE = 'hukou-permit-residence-years';

/** The register check's key on the case. */
export const PERMIT_RECORDS_CHECK = 'residence-permit-records';

/** What the opening records: which cities' permits are read, and on which day their years are counted. */
export interface PermitRecordsRequest {
  group: string;
  cities: string[];
  /** ISO date: the lodging day. The years the application rests on are those it was lodged with. */
  asOf: string;
}

/** The other cities of the destination's metropolitan group, or null where it belongs to none (nothing to read). */
export function permitRecordsRequest(destination: string, metroAreas: ReferenceData<'metro-areas'>, lodgedAt: string): PermitRecordsRequest | null {
  const city = cityOf(destination);
  const group = metroAreaOf(city, metroAreas);
  if (group === null) return null;
  const cities = (metroAreas[group] ?? []).filter((c) => c !== city);
  return cities.length > 0 ? { group, cities, asOf: lodgedAt.slice(0, 10) } : null;
}

/**
 * The register check's subject, `<ID number>@<city>,<city>…@<as-of date>`: the person, the cities asked about, the day
 * the years are counted on (the answer is the same whenever it is asked).
 */
export const permitRecordsSubject = (idNumber: string, r: Pick<PermitRecordsRequest, 'cities' | 'asOf'>) => `${idNumber}@${r.cities.join(',')}@${r.asOf}`;

export function parsePermitRecordsSubject(subject: string): { idNumber: string; cities: string[]; asOf: string } | null {
  const [idNumber, cities, asOf] = subject.split('@');
  if (!idNumber || !cities || !asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return null;
  return { idNumber, cities: cities.split(','), asOf };
}

/** The fact key of one city's years in the register's answer. */
export const yearsFact = (city: string) => `years:${city}`;

/** The years per city the register answered (cities without a permit count 0 and are left out). */
export function permitYearsOf(check: RecordCheck, cities: readonly string[]): { cityCode: string; residenceYears: number }[] {
  return cities
    .map((cityCode) => ({ cityCode, residenceYears: Number(check.facts?.[yearsFact(cityCode)] ?? 0) }))
    .filter((c) => Number.isFinite(c.residenceYears) && c.residenceYears > 0);
}
