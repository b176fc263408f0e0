import { shanghaiDate } from '../calendar';

/** Receipt numbers are derived from the case, so a replayed or retried decision yields the same number. */
export function receiptNumber(kind: 'SL' | 'BSL' | 'HZ', office: string, caseId: string, at: string): string {
  const day = shanghaiDay(at).replace(/-/g, '');
  return `${kind}-${office}-${day}-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The calendar date in China Standard Time (UTC+8, no daylight saving). */
export const shanghaiDay = (at: string): string => shanghaiDate(at);
