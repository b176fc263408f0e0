import { referenceDefaults, type ReferenceData, type ReferenceSnapshot } from '../reference';

/**
 * The admission rules of the 2023 measures are reference data (domain/reference): thresholds and points tables
 * per city, the cities' urban populations, the metropolitan groups. A case decides with the versions it was
 * lodged with, and EligibilityAssessed records them.
 */
export type PointsTable = ReferenceData<'hukou-admission'>['defaultPointsTable'];

/** The tables an eligibility assessment reads. */
export interface HukouTables {
  admission: ReferenceSnapshot<ReferenceData<'hukou-admission'>>;
  populations: ReferenceSnapshot<ReferenceData<'city-populations'>>;
  metroAreas: ReferenceSnapshot<ReferenceData<'metro-areas'>>;
}

/** The shipped tables, under the version name `default` (tests and tools; cases get published versions). */
export const defaultHukouTables: HukouTables = {
  admission: { version: 'default', data: referenceDefaults['hukou-admission'].data },
  populations: { version: 'default', data: referenceDefaults['city-populations'].data },
  metroAreas: { version: 'default', data: referenceDefaults['metro-areas'].data },
};

const MUNICIPALITIES = ['11', '12', '31', '50'];

/** The city (prefecture or municipality) an office or city code belongs to. */
export const cityOf = (code: string): string => (MUNICIPALITIES.includes(code.slice(0, 2)) ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`);

export const metroAreaOf = (city: string, metroAreas: ReferenceData<'metro-areas'> = defaultHukouTables.metroAreas.data): string | null =>
  Object.entries(metroAreas).find(([, cities]) => cities.includes(cityOf(city)))?.[0] ?? null;
