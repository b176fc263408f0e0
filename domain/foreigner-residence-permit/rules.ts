import { addCalendarDays, type IsoDate } from '../calendar';
import { addYears } from '../kernel/civil-dates';
import type { PermitKind } from './details';

/**
 * The rules of 出境入境管理法 (2012) arts 30–33 and 36 the decisions use; docs/domain.md §7.7.
 */

/** Art 30: a visa holder applies within 30 days of entry. */
export const FIRST_APPLICATION_DAYS = 30;

/** Art 32: an extension is applied for at least 30 days before the document expires. */
export const EXTENSION_LEAD_DAYS = 30;

/** Art 33: a change of registered items is applied for within 10 days of the change. */
export const CHANGE_DAYS = 10;

/** Art 30: decided within 15 days of the materials; counted in working days (條例, verify articles; amended 2025). */
export const DECISION_WORKING_DAYS = 15;

/** Art 30: a work residence document is valid 90 days to 5 years; the other kinds 180 days to 5 years. */
export const MIN_VALIDITY_DAYS: Record<PermitKind, number> = { work: 90, study: 180, journalist: 180, reunion: 180, private: 180 };
export const MAX_VALIDITY_YEARS = 5;

/** Art 31: the grounds on which no residence document is issued. Recorded with the refusal as its reason. */
export const ART_31_GROUNDS = [
  '(1) the visa held is not of a category that leads to a residence document',
  '(2) false materials or statements in the application',
  '(3) the required supporting documents were not provided',
  '(4) a breach of Chinese law or regulations makes residence in China unsuitable',
  '(5) other circumstances in which the issuing office finds issue inappropriate',
] as const;

/**
 * The last day of a permit issued on `validFrom` for `requestedDays`: at most 5 years (art 30), and never past the
 * passport it is affixed in (inferred: the document lives in the passport).
 */
export function permitValidity(validFrom: IsoDate, requestedDays: number, passportValidUntil: IsoDate) {
  const requested = addCalendarDays(validFrom, requestedDays - 1);
  const fiveYears = addCalendarDays(addYears(validFrom, MAX_VALIDITY_YEARS), -1);
  const term = requested < fiveYears ? requested : fiveYears;
  const cappedByPassport = passportValidUntil < term;
  return { validUntil: cappedByPassport ? passportValidUntil : term, cappedByPassport };
}

/**
 * A work residence document never outlasts the work permit it rests on (inferred: 出境入境管理法 art 30 ties the work
 * residence document to employment, which the work permit allows; no article found that caps it, verify): the validity
 * above, cut to the last day of the work permit the register holds.
 */
export function workPermitValidity(validity: { validUntil: IsoDate; cappedByPassport: boolean }, workPermitValidUntil: IsoDate | undefined) {
  const cappedByWorkPermit = workPermitValidUntil !== undefined && workPermitValidUntil < validity.validUntil;
  return { ...validity, validUntil: cappedByWorkPermit ? workPermitValidUntil : validity.validUntil, cappedByWorkPermit };
}

/** The change that caps a work residence document at the work permit (guarded: cases decided before keep their term). */
export const WORK_PERMIT_CAP_CHANGE = 'foreigner-residence-permit-work-permit-cap';
