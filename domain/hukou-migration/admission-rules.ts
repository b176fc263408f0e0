import type { HukouCategory } from './details';

/**
 * Admission rules of the 2023 measures as data (local: each city publishes its own; figures here are
 * illustrative defaults). Thresholds are the destination city's urban population.
 */
// City scale per 國發〔2014〕51號 (城区常住人口): "300万以上500万以下" is a type-I large city, "500万以上" a megacity;
// "以上" includes the figure (docs/domain.md §2), so 3,000,000 is relaxed and 5,000,000 is points-based.
export const OPEN_ADMISSION_BELOW = 3_000_000;
export const POINTS_ADMISSION_FROM = 5_000_000;

/** Urban population of a city (城区常住人口) as reference data, versioned: an assessment records the version it used. */
export interface CityReference {
  version: string;
  populations: Record<string, number>;
}

/**
 * Urban populations by city code (city level; municipalities use the province code): the 2020 census figures
 * (第七次全国人口普查 城区人口) as published in the State Council's city-scale list, rounded; (local) each
 * office replaces or extends it, and a new version is a new table, never an edit of this one.
 */
export const CITY_REFERENCE: CityReference = {
  version: 'census-2020-1',
  populations: {
    '310000': 19_870_000, // Shanghai
    '110000': 18_750_000, // Beijing
    '440300': 17_440_000, // Shenzhen
    '500000': 16_340_000, // Chongqing
    '440100': 14_160_000, // Guangzhou
    '510100': 13_970_000, // Chengdu
    '120000': 11_740_000, // Tianjin
    '420100': 9_950_000, // Wuhan
    '330100': 8_740_000, // Hangzhou
    '440600': 8_540_000, // Foshan
    '320100': 7_910_000, // Nanjing
    '370200': 6_010_000, // Qingdao
    '430100': 5_550_000, // Changsha
    '410100': 5_340_000, // Zhengzhou
    '320500': 4_720_000, // Suzhou
    '350200': 4_190_000, // Xiamen
    '330200': 3_860_000, // Ningbo
    '340100': 3_990_000, // Hefei
    '440400': 2_070_000, // Zhuhai
    '441300': 2_070_000, // Huizhou
    '130100': 4_870_000, // Shijiazhuang
    '130600': 2_570_000, // Baoding
  },
};

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
