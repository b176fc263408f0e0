import { addMonths } from '../kernel/civil-dates';
import { idNumberCheckCharacter } from '../registers/id-number';
import type { Sex } from './details';

/** A birth is declared within one month of it (户口登记条例 art 7); a late declaration is still registered (inferred). */
export const DECLARATION_MONTHS = 1;

export const declaredInTime = (birthDate: string, declaredOn: string) => declaredOn <= addMonths(birthDate, DECLARATION_MONTHS);

/** The sequence code of GB 11643: three digits, odd for a man, even for a woman. */
export const MAX_SEQUENCE = 999;

/** Why a sequence number the register allocated cannot be used for this child, or null. */
export function sequenceProblem(sequence: number, sex: Sex): string | null {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) return `sequence ${sequence} is not a 3-digit sequence code`;
  const odd = sequence % 2 === 1;
  if (odd !== (sex === 'male')) return `sequence ${sequence} is ${odd ? 'odd (male)' : 'even (female)'}, the child is ${sex} (GB 11643)`;
  return null;
}

/**
 * The citizen identity number (公民身份号码, 居民身份证法 art 3; GB 11643): the county code of the registering
 * office, the birth date, the sequence code and the check character over the first 17 digits.
 */
export function citizenIdNumber(countyCode: string, birthDate: string, sequence: number): string {
  const first17 = `${countyCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** The surname is the first character of a Chinese name (a two-character surname starts with it too). */
export const takesParentSurname = (childName: string, parentNames: string[]) => parentNames.some((p) => childName.startsWith(p.slice(0, 1)));
