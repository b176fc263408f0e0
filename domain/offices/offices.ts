import type { OfficeEntry, ReferenceSnapshot } from '../reference';

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
