import type { CaseState } from './types';

/** Every office a case involves (receiving, handling, and the type's own), each once. */
export const officesOf = (s: Pick<CaseState, 'receivingOffice' | 'handlingOffice' | 'involvedOffices'>): string[] => [
  ...new Set([s.receivingOffice, s.handlingOffice, ...s.involvedOffices]),
];
