import { shanghaiDay } from '../kernel/receipts';

/** Document numbers derive from the case, so a replayed or retried decision yields the same number. */
export const hukouDocumentNumber = (prefix: 'ZQ' | 'QY', office: string, s: { caseId: string }, at: string) =>
  `${prefix}${office}${shanghaiDay(at).replace(/-/g, '')}${s.caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
