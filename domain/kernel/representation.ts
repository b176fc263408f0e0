import type { OpenInputOf } from './case-type';
import { ageOn } from './civil-dates';
import { shanghaiDay } from './receipts';
import type { Representative, RepresentativeRole } from './open-schema';
import type { Applicant, CaseState, CaseTypeSpec, Registry } from './types';

/**
 * One capacity in which a case type lets somebody lodge for the applicant. Without any, a case type is lodged by
 * the person it is about only (居民身份證法 arts 6, 19: a register answer about somebody is that person's data).
 */
export interface RepresentationRule<S extends CaseTypeSpec = CaseTypeSpec> {
  role: RepresentativeRole;
  /** Who may, with the source, as an applicant refused reads it: "the guardian named in details.guardian for a child under 16 (居民身份證法 art 7)". */
  who: string;
  /** Why this opening may not be lodged in this capacity (the applicant is not a minor), or null; `at` is the lodging instant. */
  refusal?(input: OpenInputOf<S>, at: string): string | null;
  /**
   * An agent's power of attorney checked against the notarial register (`power-of-attorney`): the deed must be on record,
   * given by the applicant to this agent for this case type, and not revoked. Absent: the deed is only recorded.
   */
  checkPowerOfAttorney?: boolean;
}

/** Roles a register can confirm: the population register records parents (and with them the guardians of minors, 民法典 art 27). */
export const REGISTER_CHECKED_ROLES: readonly RepresentativeRole[] = ['parent', 'guardian'];

/** The key of the kernel's register check of a representative. */
export const REPRESENTATIVE_CHECK = 'representative';

/** The subject of a kinship check: the person the case is about and the one who says they are their parent or guardian. */
export const kinshipSubject = (personId: string, relativeId: string) => `${personId}/${relativeId}`;

/** Whether somebody identified by these numbers is the given person. */
export const isPerson = (who: { idNumber?: string; passportNo?: string }, person: Pick<Applicant, 'idNumber' | 'passportNo'>): boolean =>
  (who.idNumber !== undefined && who.idNumber === person.idNumber) || (who.passportNo !== undefined && who.passportNo === person.passportNo);

/**
 * Why this representative may not lodge this opening, or null: the type must allow the capacity, and its rule for
 * it must hold. Checked at the API boundary for new openings only (representation came after recorded cases).
 */
export function representationProblem(
  type: string,
  rules: readonly RepresentationRule[],
  representative: Representative,
  input: OpenInputOf<CaseTypeSpec>,
  at: string,
): string | null {
  if (isPerson(representative, input.applicant)) return 'the representative is the applicant: leave representative out when lodging for yourself';
  const rule = rules.find((r) => r.role === representative.role);
  if (!rule) {
    const allowed = rules.length ? `only as ${rules.map((r) => r.who).join(', or as ')}` : 'only by the person it is about';
    return `a ${type} case cannot be lodged by ${representative.role === 'agent' ? 'an' : 'a'} ${representative.role} of the applicant: it is lodged ${allowed}`;
  }
  if (representative.role === 'agent' && !representative.powerOfAttorney) {
    return 'an agent lodges with a written power of attorney (民法典 art 165): give its reference in representative.powerOfAttorney';
  }
  return rule.refusal?.(input, at) ?? null;
}

/**
 * The subject of a power-of-attorney check: the type (the matter the deed must cover), the deed's reference, and the
 * ID or passport numbers of the applicant who gave it and the agent who holds it. The reference goes last: it is free text.
 */
export const powerOfAttorneySubject = (matter: string, principal: string, agent: string, reference: string) => `${matter}|${principal}|${agent}|${reference}`;

/** The parts of a power-of-attorney subject, or null where it is not one. */
export function parsePowerOfAttorneySubject(subject: string): { matter: string; principal: string; agent: string; reference: string } | null {
  const [matter, principal, agent, ...rest] = subject.split('|');
  const reference = rest.join('|');
  return matter && principal && agent && reference ? { matter, principal, agent, reference } : null;
}

/**
 * The register check of a representative the opening recorded, where a register can make it: a parent or guardian
 * against the population register's kinship records; an agent's deed against the notarial register where the type's
 * rule asks for it (`checkPowerOfAttorney`, no type did before the no-criminal-record certificate).
 */
export function representativeCheck(state: CaseState, rules: readonly RepresentationRule[] = []): { registry: Registry; subject: string } | null {
  const r = state.representative;
  if (!r) return null;
  if (r.role === 'agent') {
    const principal = state.applicant.idNumber ?? state.applicant.passportNo;
    const agent = r.idNumber ?? r.passportNo;
    const checked = rules.some((rule) => rule.role === 'agent' && rule.checkPowerOfAttorney);
    if (!checked || !principal || !agent || !r.powerOfAttorney) return null;
    return { registry: 'power-of-attorney', subject: powerOfAttorneySubject(state.type, principal, agent, r.powerOfAttorney) };
  }
  const person = state.applicant.idNumber;
  if (!REGISTER_CHECKED_ROLES.includes(r.role) || !r.idNumber || !person) return null;
  return { registry: 'kinship', subject: kinshipSubject(person, r.idNumber) };
}

/**
 * The change id under which the kinship check compares the relation the register records with the capacity the
 * representative claimed. Cases whose check was recorded before it keep the answer they were given.
 */
export const KINSHIP_ROLE_COMPARED = 'kinship-role-compared';

/** Full age (民法典 art 17): a parent is the guardian of a child under it (art 27). */
export const AGE_OF_MAJORITY = 18;

/**
 * Why the relation the population register records between the applicant and their representative does not bear
 * the capacity claimed, or null. A claimed parent must be recorded as a parent; a claimed guardian as a guardian, or
 * as a parent of a child still under 18 (民法典 art 27: parents are the guardians of their minor children; an adult's
 * guardian is established under arts 28–31 and recorded as such). The reason names no one: the case holds who they are.
 */
export function kinshipMismatch(state: Pick<CaseState, 'applicant' | 'representative' | 'openedAt'>, relation: unknown): string | null {
  const claimed = state.representative?.role;
  if (claimed !== 'parent' && claimed !== 'guardian') return null;
  if (relation !== 'parent' && relation !== 'guardian') {
    return `the population register does not say in what capacity it records the representative: the claimed ${claimed} is not confirmed`;
  }
  if (claimed === relation) return null;
  if (claimed === 'parent') {
    return "the population register records the representative as the applicant's guardian, not as a parent: lodge as guardian, or have the parentage recorded";
  }
  const birthDate = state.applicant.birthDate ?? birthDateOf(state.applicant.idNumber);
  const minor = birthDate !== undefined && ageOn(birthDate, shanghaiDay(state.openedAt)) < AGE_OF_MAJORITY;
  return minor
    ? null
    : "the population register records the representative as the applicant's parent, who is a guardian by law only of a minor child (民法典 art 27): an adult's guardian is recorded as such (民法典 arts 28–31)";
}

/** The birth date a resident ID number encodes (GB 11643, digits 7–14). */
const birthDateOf = (idNumber: string | undefined) =>
  idNumber && /^\d{17}[\dX]$/.test(idNumber) ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : undefined;
