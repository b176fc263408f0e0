import { shanghaiDate } from '../calendar';
import { addMonths } from '../kernel/civil-dates';
import type { Applicant, RecordCheck } from '../kernel/types';

/**
 * Earlier requests counted from the platform's request log (docs/domain.md §7.6): from the third request in a year the
 * applicant shows what the certificate is for (規定, verify). The count was the applicant's own figure
 * (`details.earlierRequestsThisYear`); it is now read from the log of requests lodged on the platform, asked like any
 * register (a check on the case, `request-log`), and the rule decides on the recorded answer.
 *
 * Cases lodged before this change never asked the log and decide on the declared figure as they did: the change
 * applies to an opening only where `applies(ctx, REQUEST_LOG_CHANGE)` says so, and the opening records
 * `RequestLogRequested`.
 */
export const REQUEST_LOG_CHANGE = 'no-criminal-record-request-log';

/**
 * How far back the log is read: the 12 months up to the request (inferred: "a year" read as the year before the
 * request, not the calendar year, so that a request in January does not start the count afresh; a local figure).
 */
export const REQUEST_LOG_WINDOW_MONTHS = 12;

/** Who the log is asked about: a citizen by ID number, a foreigner by passport number (as the platform is). */
export type RequestLogPerson = { idNumber: string } | { passportNo: string };

/** What the opening records: the window of the log read, from the first day counted to the lodging instant (excluded). */
export interface RequestLogRequest {
  /** ISO date (Shanghai): the first day whose requests count. */
  since: string;
  /** ISO instant: the lodging of this request; only earlier requests count, so the answer never includes this one. */
  before: string;
}

/** The window read for a request lodged at `at`. */
export const requestLogWindow = (at: string, months = REQUEST_LOG_WINDOW_MONTHS): RequestLogRequest => ({
  since: addMonths(shanghaiDate(at), -months),
  before: at,
});

/** The person the log is asked about, from the case's applicant (a citizen's ID number first). */
export const requestLogPersonOf = (applicant: Pick<Applicant, 'idNumber' | 'passportNo'>): RequestLogPerson =>
  applicant.idNumber ? { idNumber: applicant.idNumber } : { passportNo: applicant.passportNo! };

/**
 * The register check's subject, `id:<ID number>@<since>@<before>` or `passport:<number>@…`: the person and the window,
 * so that the answer is the same whenever it is asked (a recheck counts the same requests).
 */
export function requestLogSubject(person: RequestLogPerson, window: RequestLogRequest): string {
  const who = 'idNumber' in person ? `id:${person.idNumber}` : `passport:${person.passportNo}`;
  return `${who}@${window.since}@${window.before}`;
}

export function parseRequestLogSubject(subject: string): ({ person: RequestLogPerson } & RequestLogRequest) | null {
  const [who = '', since, before] = subject.split('@');
  const [kind, number] = [who.slice(0, who.indexOf(':')), who.slice(who.indexOf(':') + 1)];
  if (!number || !since || !before || !/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(before))) return null;
  if (kind === 'id') return { person: { idNumber: number }, since, before };
  if (kind === 'passport') return { person: { passportNo: number }, since, before };
  return null;
}

/** The fact of the log's answer holding the number of earlier requests in the window. */
export const REQUESTS_FACT = 'requests';

/** The earlier requests the log answered, or undefined while it has not (or did not answer: `recheck-records`). */
export function loggedRequests(check: RecordCheck | undefined): number | undefined {
  if (!check || check.result !== 'confirmed') return undefined;
  const n = check.facts?.[REQUESTS_FACT];
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
