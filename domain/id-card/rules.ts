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

/**
 * Fees of resident ID cards, national (發改價格〔2003〕2322號; docs/domain.md §7.9 item 4): 20 CNY for a first card
 * (and a renewal), 40 CNY to replace a lost one, 10 CNY for a temporary card. Only a first card or a renewal is
 * waived for recipients of the minimum subsistence allowance (居民身份證法 art 20/21 by edition, verify).
 */
export const CARD_FEES = {
  'first-issue': { amountCny: 20, waivable: true },
  'lost-replacement': { amountCny: 40, waivable: false },
  temporary: { amountCny: 10, waivable: false },
} as const;
export type CardFeeItem = keyof typeof CARD_FEES;
export const CARD_FEE_BASIS = '发改价格〔2003〕2322号';
