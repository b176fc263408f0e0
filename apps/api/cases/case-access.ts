import { officesOf, isCaseworkerOf, isOwnApplicant, isSupervisorOver, NATIONAL_OFFICE, provinceOf, type CaseState } from '../../../domain';
import type { CaseView } from '../../../domain';
import type { Principal } from '../auth/principal';

const overAnyOffice = (p: Principal, s: CaseState) =>
  p.office === NATIONAL_OFFICE || officesOf(s).some((o) => provinceOf(o) === provinceOf(p.office));

/** Who may know a case exists: anyone else gets 404, never a hint. */
export function maySee(p: Principal, s: CaseState): boolean {
  switch (p.role) {
    case 'caseworker':
      return officesOf(s).some((o) => isCaseworkerOf(p, o));
    case 'supervisor':
      return officesOf(s).some((o) => isSupervisorOver(p, o));
    case 'sla-monitor':
      return overAnyOffice(p, s);
    case 'applicant':
      return isOwnApplicant(p, s);
    default:
      return false;
  }
}

/** History and as-of states: supervisors over the case, caseworkers of an involved office. */
export const mayAudit = (p: Principal, s: CaseState) => (p.role === 'supervisor' || p.role === 'caseworker') && maySee(p, s);

/** SLA monitors watch clocks, not people: names as 张*, id numbers masked. */
export function masked(view: CaseView, p: Principal): CaseView {
  if (p.role !== 'sla-monitor') return view;
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
