/** Offices are GB/T 2260 six-digit division codes; the first two digits name the province. */
export const OFFICE_PATTERN = /^\d{6}$/;

/** Supervisors with this office see every province. */
export const NATIONAL_OFFICE = '000000';

export const provinceOf = (office: string): string => office.slice(0, 2);

export const sameProvince = (a: string, b: string): boolean => provinceOf(a) === provinceOf(b);

/** A case is cross-province when two of its offices lie in different provinces. */
export const spansProvinces = (offices: string[]): boolean => new Set(offices.map(provinceOf)).size > 1;
