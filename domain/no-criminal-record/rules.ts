import { addWorkingDays, type WorkingCalendar } from '../calendar';

/** The rules a no-criminal-record certificate is issued under (docs/domain.md §7.6: the article numbers need verifying). */
export const NO_CRIMINAL_RECORD_BASIS = '公安機關辦理犯罪記錄查詢工作規定（公通字〔2021〕19號）';

/** Issued on the spot where possible, else within 3 working days of the receipt (規定, verify). */
export const DECISION_WORKING_DAYS = 3;

/** A foreigner asks once resident in China for at least 180 days (規定 art 5). */
export const MIN_FOREIGN_RESIDENCE_DAYS = 180;

/**
 * From the third request in a year the applicant shows what the certificate is for (verify; a local figure). Counted from
 * the platform's request log (request-log.ts); cases lodged before it, from the applicant's declared figure.
 */
export const PROOF_OF_USE_FROM_REQUEST = 3;

/** An objection is reviewed within 15 working days, up to 30 with the approval of the office's head (verify). */
export const OBJECTION_REVIEW_WORKING_DAYS = 15;
export const OBJECTION_REVIEW_EXTENDED_WORKING_DAYS = 30;

/**
 * The objection's review as an SLA clock (docs/domain.md §7.6): 15 WD from the objection, extended once by 15 more (to
 * 30) by the head of the deciding office (extend-objection-review); goal and escalations as every clock's (inferred).
 * Added after cases were recorded: only cases lodged since have it (clocksAddedBy).
 */
export const OBJECTION_CLOCK = 'objection-review';
export const OBJECTION_CLOCK_CHANGE = 'no-criminal-record-objection-clock';

/** The end of an objection's review period, counted from the day it was lodged (the day itself not counted). */
export const objectionReviewDueBy = (calendar: WorkingCalendar, lodgedAt: string, extended: boolean): string =>
  addWorkingDays(calendar, lodgedAt, extended ? OBJECTION_REVIEW_EXTENDED_WORKING_DAYS : OBJECTION_REVIEW_WORKING_DAYS).deadline;

/** Register checks (免交證) of a request, by key. */
export const CHECKS = {
  /** The population register: the applicant, and where the hukou is. */
  population: 'population-register',
  /** The residence-permit register: a residence registered in the deciding office's city. */
  residence: 'residence-registration',
  /** The exit-entry register: a foreigner's entry. */
  entry: 'entry-record',
  /** The MPS criminal-record platform: an effective finding of guilt (規定 arts 2–3). */
  criminalRecord: 'criminal-record',
  /** The platform's log of no-criminal-record requests: how many the person made in the year before (request-log.ts). */
  requestLog: 'request-log',
} as const;
