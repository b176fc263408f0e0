import { ruleBroken } from '../kernel/errors';
import {
  cityOf,
  CITY_REFERENCE,
  DEFAULT_POINTS_TABLE,
  metroAreaOf,
  OPEN_ADMISSION_BELOW,
  POINTS_ADMISSION_FROM,
  POINTS_TABLES,
  RELAXED_EXEMPT_CATEGORIES,
  RELAXED_MIN_YEARS,
  type CityReference,
  type PointsTable,
} from './admission-rules';
import type { HukouMigrationDetails } from './details';

export type AdmissionRule = 'open' | 'relaxed' | 'points' | 'category-exempt';

export interface PointsLine {
  years: number;
  countedYears: number;
  perYear: number;
  points: number;
}

/** The data of `EligibilityAssessed`: which rule applied, the years counted, the points, the outcome. */
export interface EligibilityAssessment {
  rule: AdmissionRule;
  city: string;
  urbanPopulation: number;
  /** `reference:<version>` of the city table, or `typed-in` for openings recorded before the table existed. */
  populationSource?: string;
  eligible: boolean;
  reason: string;
  metroArea: {
    group: string | null;
    /** Assessments recorded before the two kinds were kept apart have one figure, counted for both. */
    countedYears?: number;
    countedResidenceYears?: number;
    countedSocialInsuranceYears?: number;
    counted: MetroEntry[];
    ignored: string[];
  };
  socialInsuranceYears: number;
  residenceYears: number;
  points?: { socialInsurance: PointsLine; residence: PointsLine; total: number; passMark: number };
}

type MetroEntry = NonNullable<HukouMigrationDetails['metroAreaYears']>[number];

/** The city's urban population: the reference table's, or the figure an opening recorded before the table existed. */
export function populationOf(d: HukouMigrationDetails, reference: CityReference = CITY_REFERENCE): { population: number; source: string } | null {
  if (d.destinationCity.urbanPopulation !== undefined) return { population: d.destinationCity.urbanPopulation, source: 'typed-in' };
  const population = reference.populations[cityOf(d.destinationCity.code)];
  return population === undefined ? null : { population, source: `reference:${reference.version}` };
}

/** Assesses admission to the destination city by its urban population (2023 measures, 國發〔2014〕51號 scale). Pure. */
export function assessEligibility(d: HukouMigrationDetails, reference: CityReference = CITY_REFERENCE): EligibilityAssessment {
  const city = cityOf(d.destinationCity.code);
  const known = populationOf(d, reference);
  if (!known) throw ruleBroken(`the reference data has no urban population figure for city ${city}`);
  const population = known.population;
  const metroArea = metroYears(d, city);
  // Years in the metro group count together, each kind summed separately (docs/domain.md §2, inferred).
  const socialInsuranceYears = round2(d.socialInsuranceYears + metroArea.countedSocialInsuranceYears);
  const residenceYears = round2(d.residenceYears + metroArea.countedResidenceYears);
  const base = { city, urbanPopulation: population, populationSource: known.source, metroArea, socialInsuranceYears, residenceYears };

  if (population < OPEN_ADMISSION_BELOW) {
    return { ...base, rule: 'open', eligible: true, reason: 'cities under 3 million admit without conditions' };
  }
  if (population < POINTS_ADMISSION_FROM) {
    if (RELAXED_EXEMPT_CATEGORIES.includes(d.category)) return exempt(base, d.category);
    const eligible = socialInsuranceYears >= RELAXED_MIN_YEARS || residenceYears >= RELAXED_MIN_YEARS;
    const reason = eligible
      ? 'a stable job or residence of at least 1 year (relaxed conditions, 3-5 million)'
      : 'neither a stable job (social insurance) nor a stable residence of at least 1 year (relaxed conditions, 3-5 million)';
    return { ...base, rule: 'relaxed', eligible, reason };
  }
  const table = POINTS_TABLES[city] ?? DEFAULT_POINTS_TABLE;
  if (table.exemptCategories.includes(d.category)) return exempt(base, d.category);
  const socialInsurance = line(socialInsuranceYears, table.perSocialInsuranceYear, table);
  const residence = line(residenceYears, table.perResidenceYear, table);
  const total = socialInsurance.points + residence.points;
  const eligible = total >= table.passMark;
  return {
    ...base,
    rule: 'points',
    eligible,
    reason: `${total} points against a pass mark of ${table.passMark} (points-based admission, 5 million and over)`,
    points: { socialInsurance, residence, total, passMark: table.passMark },
  };
}

function exempt(base: Omit<EligibilityAssessment, 'rule' | 'eligible' | 'reason'>, category: string): EligibilityAssessment {
  return { ...base, rule: 'category-exempt', eligible: true, reason: `category ${category} is admitted without points or conditions` };
}

function line(years: number, perYear: number, table: PointsTable): PointsLine {
  const countedYears = table.maxCountedYears === undefined ? years : Math.min(years, table.maxCountedYears);
  return { years, countedYears, perYear, points: round2(countedYears * perYear) };
}

function metroYears(d: HukouMigrationDetails, city: string) {
  const group = metroAreaOf(city);
  const counted: MetroEntry[] = [];
  const ignored: string[] = [];
  for (const entry of d.metroAreaYears ?? []) {
    // Years in the destination city itself are already its residence/insurance years.
    const sameGroup = group !== null && metroAreaOf(entry.cityCode) === group && cityOf(entry.cityCode) !== city;
    if (sameGroup) counted.push(entry);
    else ignored.push(entry.cityCode);
  }
  // A recorded opening's single figure (`years`) was counted for both kinds when it was lodged: it reads so still.
  const sum = (kind: 'residenceYears' | 'socialInsuranceYears') => round2(counted.reduce((n, e) => n + ('years' in e ? e.years : e[kind]), 0));
  return { group, countedResidenceYears: sum('residenceYears'), countedSocialInsuranceYears: sum('socialInsuranceYears'), counted, ignored };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
