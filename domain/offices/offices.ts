import type { OfficeEntry, ReferenceSnapshot } from '../reference';

/** Deepest chain of parents followed: station, county, city, province and a margin (a cycle ends there too). */
const MAX_DEPTH = 8;

/** Offices are GB/T 2260 six-digit division codes; the first two digits name the province. */
export const OFFICE_PATTERN = /^\d{6}$/;

/** Supervisors with this office see every province. */
export const NATIONAL_OFFICE = '000000';

export const provinceOf = (office: string): string => office.slice(0, 2);

export const sameProvince = (a: string, b: string): boolean => provinceOf(a) === provinceOf(b);

/** The office directory's entries a case was lodged with (its own offices only), under the directory's version. */
export type OfficeDirectory = ReferenceSnapshot<Record<string, OfficeEntry>>;

/** An office's province as the directory gives it; an office it does not list, by its code (GB/T 2260). */
export const provinceIn = (directory: OfficeDirectory | undefined, office: string): string =>
  (Object.hasOwn(directory?.data ?? {}, office) ? directory!.data[office].province : undefined) ?? provinceOf(office);

/** A case is cross-province when two of its offices lie in different provinces (by the directory where it lists them). */
export const spansProvinces = (offices: string[], directory?: OfficeDirectory): boolean => new Set(offices.map((o) => provinceIn(directory, o))).size > 1;

/** The entries of these offices only, as a case records them: versions and the entries used, never the whole table. */
export function entriesFor<T>(snapshot: ReferenceSnapshot<Record<string, T>>, offices: readonly string[]): ReferenceSnapshot<Record<string, T>> {
  return { version: snapshot.version, data: Object.fromEntries(offices.filter((o) => Object.hasOwn(snapshot.data, o)).map((o) => [o, snapshot.data[o]])) };
}

/** The directory entries of these offices and of the offices above them (parent chains): what a case records. */
export function directoryFor(snapshot: OfficeDirectory, offices: readonly string[]): OfficeDirectory {
  const chain = new Set<string>();
  for (const office of offices) {
    let at: string | undefined = office;
    for (let depth = 0; at !== undefined && Object.hasOwn(snapshot.data, at) && depth < MAX_DEPTH; depth++) {
      chain.add(at);
      at = snapshot.data[at].parent;
    }
  }
  return entriesFor(snapshot, [...chain]);
}

/**
 * Whether `upper` is `office` or an office above it by the directory's parent chain; undefined when the directory
 * does not list `office` (the caller then reads the hierarchy from the codes).
 */
export function isAboveIn(directory: OfficeDirectory | undefined, upper: string, office: string): boolean | undefined {
  if (!directory || !Object.hasOwn(directory.data, office)) return undefined;
  let at: string | undefined = office;
  for (let depth = 0; at !== undefined && depth < MAX_DEPTH; depth++) {
    if (at === upper) return true;
    at = Object.hasOwn(directory.data, at) ? directory.data[at].parent : undefined;
  }
  return false;
}
