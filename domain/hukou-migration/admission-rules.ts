import type { HukouCategory } from './details';

/**
 * Admission rules of the 2023 measures as data (local: each city publishes its own; figures here are
 * illustrative defaults). Thresholds are the destination city's urban population.
 */
export const OPEN_ADMISSION_BELOW = 3_000_000;
export const POINTS_ADMISSION_ABOVE = 5_000_000;

/** 3–5 million: a stable job (social insurance) or a stable residence, for at least this many years (inferred). */
export const RELAXED_MIN_YEARS = 1;

export interface PointsTable {
  passMark: number;
  perSocialInsuranceYear: number;
  perResidenceYear: number;
  /** Years beyond this count no more (keeps long tails from dominating); undefined = no cap. */
  maxCountedYears?: number;
  /** Categories admitted without points or conditions (inferred: university admission, talent introduction). */
  exemptCategories: HukouCategory[];
}

const EXEMPT: HukouCategory[] = ['admission', 'talent'];

/** For a points city that has published no table of its own. */
export const DEFAULT_POINTS_TABLE: PointsTable = {
  passMark: 60,
  perSocialInsuranceYear: 4,
  perResidenceYear: 2,
  maxCountedYears: 20,
  exemptCategories: EXEMPT,
};

/** Points tables by city code (GB/T 2260, city level; municipalities use the province code). */
export const POINTS_TABLES: Record<string, PointsTable> = {
  '110000': { passMark: 100, perSocialInsuranceYear: 4, perResidenceYear: 2, maxCountedYears: 25, exemptCategories: EXEMPT }, // Beijing
  '310000': { passMark: 120, perSocialInsuranceYear: 5, perResidenceYear: 2, maxCountedYears: 25, exemptCategories: EXEMPT }, // Shanghai
  '440100': { passMark: 80, perSocialInsuranceYear: 4, perResidenceYear: 2, maxCountedYears: 20, exemptCategories: EXEMPT }, // Guangzhou
  '440300': { passMark: 80, perSocialInsuranceYear: 5, perResidenceYear: 1, maxCountedYears: 20, exemptCategories: EXEMPT }, // Shenzhen
};

/** With RELAXED cities the same exemptions apply; an open city admits every category. */
export const RELAXED_EXEMPT_CATEGORIES: HukouCategory[] = EXEMPT;

/** Metropolitan groups whose cities recognise each other's years (inferred: sum across the group). */
export const METRO_AREAS: Record<string, string[]> = {
  'jing-jin-ji': ['110000', '120000', '130100', '130600', '131000'],
  'yangtze-river-delta': ['310000', '320100', '320500', '320200', '330100', '330200', '330400', '340100'],
  'pearl-river-delta': ['440100', '440300', '440400', '440600', '441300', '441900', '442000'],
  'chengdu-chongqing': ['500000', '510100'],
};

const MUNICIPALITIES = ['11', '12', '31', '50'];

/** The city (prefecture or municipality) an office or city code belongs to. */
export const cityOf = (code: string): string => (MUNICIPALITIES.includes(code.slice(0, 2)) ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`);

export const metroAreaOf = (city: string): string | null => Object.entries(METRO_AREAS).find(([, cities]) => cities.includes(cityOf(city)))?.[0] ?? null;
