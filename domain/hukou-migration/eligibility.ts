import {
  cityOf,
  DEFAULT_POINTS_TABLE,
  metroAreaOf,
  OPEN_ADMISSION_BELOW,
  POINTS_ADMISSION_ABOVE,
  POINTS_TABLES,
  RELAXED_EXEMPT_CATEGORIES,
  RELAXED_MIN_YEARS,
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
  eligible: boolean;
  reason: string;
  metroArea: { group: string | null; countedYears: number; counted: { cityCode: string; years: number }[]; ignored: string[] };
  socialInsuranceYears: number;
  residenceYears: number;
  points?: { socialInsurance: PointsLine; residence: PointsLine; total: number; passMark: number };
}

/** Assesses admission to the destination city by its urban population (2023 measures). Pure. */
export function assessEligibility(d: HukouMigrationDetails): EligibilityAssessment {
  const city = cityOf(d.destinationCity.code);
  const population = d.destinationCity.urbanPopulation;
  const metroArea = metroYears(d, city);
  // Metro-area years were lived and insured in the group, so they count towards both (inferred).
  const socialInsuranceYears = d.socialInsuranceYears + metroArea.countedYears;
  const residenceYears = d.residenceYears + metroArea.countedYears;
  const base = { city, urbanPopulation: population, metroArea, socialInsuranceYears, residenceYears };

  if (population < OPEN_ADMISSION_BELOW) {
    return { ...base, rule: 'open', eligible: true, reason: 'cities under 3 million admit without conditions' };
  }
  if (population <= POINTS_ADMISSION_ABOVE) {
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
    reason: `${total} points against a pass mark of ${table.passMark} (points-based admission, over 5 million)`,
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

function metroYears(d: HukouMigrationDetails, city: string): EligibilityAssessment['metroArea'] {
  const group = metroAreaOf(city);
  const counted: { cityCode: string; years: number }[] = [];
  const ignored: string[] = [];
  for (const entry of d.metroAreaYears ?? []) {
    // Years in the destination city itself are already its residence/insurance years.
    const sameGroup = group !== null && metroAreaOf(entry.cityCode) === group && cityOf(entry.cityCode) !== city;
    if (sameGroup) counted.push(entry);
    else ignored.push(entry.cityCode);
  }
  return { group, countedYears: round2(counted.reduce((sum, e) => sum + e.years, 0)), counted, ignored };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
