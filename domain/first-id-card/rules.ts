import { addCalendarDays } from '../calendar';
import { addMonths, addYears, ageOn } from '../kernel/civil-dates';
import { shanghaiDay } from '../kernel/receipts';

/** Everyone 16 or older must hold a card; younger residents may apply through a guardian (居民身份證法 arts 2, 7). */
export const MANDATORY_AGE = 16;

export type CardValidity = { years: number; label: string } | { years: null; label: 'long-term' };

/** Validity by age at application (居民身份證法 art 5). */
export function cardValidityForAge(age: number): CardValidity {
  if (age < 16) return { years: 5, label: '5 years' };
  if (age <= 25) return { years: 10, label: '10 years' };
  if (age <= 45) return { years: 20, label: '20 years' };
  return { years: null, label: 'long-term' };
}

/** Age in completed years on the Shanghai calendar day of `at`. */
export const ageAt = (birthDate: string, at: string) => ageOn(birthDate, shanghaiDay(at));

/** How old a shared photo may be, per target document, in months (一照通用; Shanghai precedent, local). */
export const PHOTO_MAX_AGE_MONTHS = { 'id-card': 36, 'exit-entry': 12, 'driving-licence': 6 } as const;

export const photoRecentEnough = (takenAt: string, at: string, maxMonths: number = PHOTO_MAX_AGE_MONTHS['id-card']) =>
  addMonths(shanghaiDay(takenAt), maxMonths) >= shanghaiDay(at);

/** A temporary ID card is valid 3 months (MPS Order 78). */
export const TEMPORARY_ID_VALID_MONTHS = 3;

/** Last day of validity: the day before the anniversary, or null for a long-term card. */
export function validUntil(validFrom: string, validity: CardValidity): string | null {
  return validity.years === null ? null : addCalendarDays(addYears(validFrom, validity.years), -1);
}

export const temporaryIdValidUntil = (validFrom: string) => addCalendarDays(addMonths(validFrom, TEMPORARY_ID_VALID_MONTHS), -1);

/** The birth date encoded in a resident ID number (GB 11643, digits 7-14). */
export const birthDateInIdNumber = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
