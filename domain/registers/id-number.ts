/**
 * Citizen identity number (公民身份號碼, GB 11643-1999): 17 digits (division code, birth date, sequence)
 * and a check character computed over them with ISO 7064 MOD 11-2 (10 is written X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** True when an 18-character ID number's last character is the one its first 17 digits call for. */
export const hasValidIdCheckCharacter = (idNumber: string): boolean =>
  /^\d{17}[\dX]$/.test(idNumber) && idNumberCheckCharacter(idNumber.slice(0, 17)) === idNumber[17];
