import { NATIONAL_OFFICE, provinceOf } from '../../../domain';
import type { Principal } from '../auth/principal';

/** SQL condition limiting rows to the caller's province (a national office sees all). */
export function provinceScope(p: Principal, params: unknown[], column = 'provinces'): string {
  if (p.office === NATIONAL_OFFICE) return 'TRUE';
  params.push(provinceOf(p.office));
  return `$${params.length} = ANY(${column})`;
}

export const mayWatch = (p: Principal, office: string) => p.office === NATIONAL_OFFICE || provinceOf(p.office) === provinceOf(office);
