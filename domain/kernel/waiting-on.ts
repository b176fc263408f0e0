import type { AnyCaseTypeModule } from './case-type';
import type { CaseState } from './types';

/** The office whose queue the case sits in now; null when nobody at an office must act (closed, or the applicant's turn). */
export function waitingOn(module: AnyCaseTypeModule, s: CaseState): string | null {
  // A correction requested of a decided case waits for the deciding office's supervisor (decide-correction).
  if (s.correction) return s.handlingOffice;
  const typed = module.waitingOn?.(s);
  if (typed !== undefined) return typed;
  switch (s.status) {
    case 'submitted':
      return s.receivingOffice;
    case 'accepted':
    case 'approved':
      return s.handlingOffice;
    default:
      return null;
  }
}
