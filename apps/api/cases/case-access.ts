import { accessPolicy } from '../../../domain/access';
import type { CaseState, CaseView } from '../../../domain';
import type { RecordedEvent } from '../../../event-store/types';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../problem/problem';
import type { CaseReader } from './case-reader';

/** Reads a case for a caller, as the access policy allows: a case they may not know of is 404, never a hint. */
export class CaseAccess {
  constructor(private readonly reader: CaseReader) {}

  async visible(caseId: string, p: Principal): Promise<CaseState> {
    const state = await this.reader.load(caseId);
    if (!accessPolicy.maySee(p, state)) throw new ProblemError(404, 'no such case');
    return state;
  }

  /** The events of a case the caller may audit (history and as-of states). */
  async auditable(caseId: string, p: Principal): Promise<RecordedEvent[]> {
    const state = await this.visible(caseId, p);
    if (!accessPolicy.mayAudit(p, state)) throw new ProblemError(403, 'only supervisors and caseworkers of an involved office may read the history');
    return this.reader.events(caseId);
  }
}

/** Without personal data (SLA monitors watch clocks, not people): names as 张*, id numbers masked. */
export function masked(view: CaseView, p: Principal): CaseView {
  if (accessPolicy.seesPersonalData(p)) return view;
  const a = view.applicant;
  return {
    ...view,
    applicant: {
      name: maskName(a.name),
      ...(a.idNumber ? { idNumber: a.idNumber.slice(0, 6) + '*'.repeat(8) + a.idNumber.slice(14) } : {}),
      ...(a.passportNo ? { passportNo: a.passportNo.slice(0, 2) + '*'.repeat(a.passportNo.length - 2) } : {}),
      ...(a.nationality ? { nationality: a.nationality } : {}),
    },
    details: {},
    materials: [],
  };
}

/** 张三 → 张*; 欧阳娜娜 → 欧***. */
export const maskName = (name: string) => ([...name][0] ?? '') + '*'.repeat(Math.max(1, [...name].length - 1));
