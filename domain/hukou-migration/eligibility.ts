import { ruleBroken } from '../kernel/errors';
import { cityOf, defaultHukouTables, metroAreaOf, type HukouTables, type PointsTable } from './admission-rules';
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
  cityName: string;
  urbanPopulation: number;
  /** The reference tables read, by version: the assessment can be recomputed from the history alone. */
  reference: { 'hukou-admission': string; 'city-populations': string; 'metro-areas': string };
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
    /**
     * Where the metro residence years came from: `permit-records` when the register of residence permits was read (the
     * declared residence figures are then not counted; docs/domain.md §7.9 item 8); absent: the declared figures.
     */
    residenceYearsFrom?: 'permit-records';
    /** The register's answer, per city of the group with a permit: the years counted as residence years. */
    permitYears?: PermitYears;
  };
  socialInsuranceYears: number;
  residenceYears: number;
  points?: { socialInsurance: PointsLine; residence: PointsLine; total: number; passMark: number };
}

type MetroEntry = NonNullable<HukouMigrationDetails['metroAreaYears']>[number];

/** Residence years per city of the metropolitan group, as residence-permit records prove them (permit-years.ts). */
export type PermitYears = { cityCode: string; residenceYears: number }[];

/** The destination city's entry in the population table, or a 422 naming the table's version. */
export function destinationOf(d: Pick<HukouMigrationDetails, 'destinationCity'>, tables: Pick<HukouTables, 'populations'>) {
  const city = cityOf(d.destinationCity.code);
  const entry = tables.populations.data[city];
  if (!entry) throw ruleBroken(`city ${city} has no urban population on record (reference data city-populations, version ${tables.populations.version})`);
  return { city, ...entry };
}

/**
 * Assesses admission to the destination city by its urban population (2023 measures), on the case's tables. Pure.
 * `permitYears`: the metro group's residence years read from residence-permit records, counted instead of the declared
 * residence figures (social-insurance years stay declared, summed apart); absent for cases lodged before that change.
 */
export function assessEligibility(d: HukouMigrationDetails, tables: HukouTables = defaultHukouTables, permitYears?: PermitYears): EligibilityAssessment {
  const { city, name: cityName, urbanPopulation: population } = destinationOf(d, tables);
  const rules = tables.admission.data;
  const metroArea = metroYears(d, city, tables.metroAreas.data, permitYears);
  // Years in the metro group count together, each kind summed separately (docs/domain.md §2, inferred).
  const socialInsuranceYears = round2(d.socialInsuranceYears + metroArea.countedSocialInsuranceYears);
  const residenceYears = round2(d.residenceYears + metroArea.countedResidenceYears);
  const reference = { 'hukou-admission': tables.admission.version, 'city-populations': tables.populations.version, 'metro-areas': tables.metroAreas.version };
  const base = { city, cityName, urbanPopulation: population, reference, metroArea, socialInsuranceYears, residenceYears };

  if (population < rules.openBelow) {
    return { ...base, rule: 'open', eligible: true, reason: 'cities under 3 million admit without conditions' };
  }
  if (population < rules.pointsFrom) {
    if (rules.relaxedExemptCategories.includes(d.category)) return exempt(base, d.category);
    const eligible = socialInsuranceYears >= rules.relaxedMinYears || residenceYears >= rules.relaxedMinYears;
    const reason = eligible
      ? 'a stable job or residence of at least 1 year (relaxed conditions, 3-5 million)'
      : 'neither a stable job (social insurance) nor a stable residence of at least 1 year (relaxed conditions, 3-5 million)';
    return { ...base, rule: 'relaxed', eligible, reason };
  }
  const table = rules.pointsTables[city] ?? rules.defaultPointsTable;
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

function metroYears(d: HukouMigrationDetails, city: string, metroAreas: HukouTables['metroAreas']['data'], permitYears?: PermitYears) {
  const group = metroAreaOf(city, metroAreas);
  const counted: MetroEntry[] = [];
  const ignored: string[] = [];
  for (const entry of d.metroAreaYears ?? []) {
    // Years in the destination city itself are already its residence/insurance years.
    const sameGroup = group !== null && metroAreaOf(entry.cityCode, metroAreas) === group && cityOf(entry.cityCode) !== city;
    if (sameGroup) counted.push(entry);
    else ignored.push(entry.cityCode);
  }
  // A single figure (`years`, the older form) counts for both kinds.
  const sum = (kind: 'residenceYears' | 'socialInsuranceYears') => round2(counted.reduce((n, e) => n + ('years' in e ? e.years : e[kind]), 0));
  const base = { group, countedResidenceYears: sum('residenceYears'), countedSocialInsuranceYears: sum('socialInsuranceYears'), counted, ignored };
  if (!permitYears) return base;
  // The permits' years, for the other cities of the same group only (the destination's own are its residence years).
  const proved = permitYears.filter((p) => group !== null && metroAreaOf(p.cityCode, metroAreas) === group && cityOf(p.cityCode) !== city);
  const countedResidenceYears = round2(proved.reduce((n, p) => n + p.residenceYears, 0));
  return { ...base, countedResidenceYears, residenceYearsFrom: 'permit-records' as const, permitYears: proved };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
