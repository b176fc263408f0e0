import { officesOf } from '../kernel/case-offices';
import type { Actor, CaseState, Role } from '../kernel/types';
import { isAboveIn, NATIONAL_OFFICE, provinceOf, sameProvince, type OfficeDirectory } from '../offices';

/**
 * Who may do what, in one place: role × office/province × case × action.
 * The HTTP routes, the read models' scoping and the kernel's "who" predicates all ask this object;
 * nothing else decides access. Pure: no clock, no I/O.
 */

/** Everything a route lets a caller do, and the roles that may ever do it (whatever the case or office). */
export const PERMISSIONS = {
  'open-cases': { roles: ['caseworker', 'applicant'], what: 'open cases' },
  'look-up-cases': { roles: ['caseworker', 'supervisor'], what: 'look cases up by receipt, document, ID or passport number' },
  'list-cases': { roles: ['caseworker', 'supervisor', 'sla-monitor', 'applicant'], what: 'list cases' },
  'read-cases': { roles: ['caseworker', 'supervisor', 'sla-monitor', 'applicant'], what: 'read cases' },
  'act-on-cases': { roles: ['caseworker', 'supervisor', 'applicant'], what: 'act on cases' },
  'audit-cases': { roles: ['supervisor', 'caseworker'], what: 'read the history of cases' },
  'check-integrity': { roles: ['supervisor'], what: 'check the integrity of a case' },
  'read-access-log': { roles: ['supervisor'], what: 'read the access log' },
  'decode-temporal-payloads': { roles: ['supervisor'], what: 'open sealed Temporal payloads' },
  'read-queues': { roles: ['caseworker', 'supervisor'], what: 'read work queues' },
  'read-sla-board': { roles: ['sla-monitor', 'supervisor'], what: 'read the SLA board' },
  'watch-sla-alerts': { roles: ['sla-monitor', 'supervisor'], what: 'watch SLA alerts' },
  'read-stats': { roles: ['supervisor', 'sla-monitor'], what: 'read statistics' },
  'rebuild-projections': { roles: ['admin'], what: 'rebuild projections' },
  'publish-reference-data': { roles: ['admin'], what: 'publish reference data' },
  'read-reference-data': { roles: ['admin', 'supervisor'], what: 'read reference data' },
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The rows a caller may see in a read model, as data: the projections translate it into their query.
 * Caseworkers see their office, applicants their own cases, supervisors and SLA monitors their
 * province (everything with the national office).
 */
export type CaseScope =
  { kind: 'all' } | { kind: 'office'; office: string } | { kind: 'province'; province: string } | { kind: 'applicant'; applicantId: string };

const isNational = (actor: Actor) => actor.office === NATIONAL_OFFICE;

/** Within the caller's province, or anywhere for the national office. */
const overOffice = (actor: Actor, office: string) => isNational(actor) || sameProvince(actor.office, office);

/** `upper` is `office` itself, its city (`xxxx00`), its province (`xx0000`) or the national office. */
const isOfficeOrAbove = (upper: string, office: string): boolean =>
  upper === office ||
  upper === NATIONAL_OFFICE ||
  (upper.endsWith('0000') && upper.slice(0, 2) === office.slice(0, 2)) ||
  (upper.endsWith('00') && upper.slice(0, 4) === office.slice(0, 4));

export const accessPolicy = {
  /** Whether the role may use a route at all (403 otherwise, before any case is looked at). */
  permits: (actor: Actor, permission: Permission): boolean => (PERMISSIONS[permission].roles as readonly Role[]).includes(actor.role),

  /** What a refused route says: "role admin may not open cases". */
  refusal: (actor: Actor, permission: Permission): string => `role ${actor.role} may not ${PERMISSIONS[permission].what}`,

  isCaseworkerOf: (actor: Actor, office: string): boolean => actor.role === 'caseworker' && actor.office === office,

  isSupervisorOver: (actor: Actor, office: string): boolean => actor.role === 'supervisor' && overOffice(actor, office),

  /** The head of this very office (a supervisor with `officeHead`), not any supervisor of its province ([law] 行政許可法 art 42). */
  isOfficeHeadOf: (actor: Actor, office: string): boolean => actor.role === 'supervisor' && actor.officeHead === true && actor.office === office,

  /**
   * A supervisor of this office or of one above it (its city, its province, the national office): who may
   * revoke what the office decided (行政許可法 art 69: the deciding organ or its superior). Above = up the parent
   * chain of the office directory the case was lodged with; for an office it does not list, by the code.
   */
  isSupervisorOfOrAbove: (actor: Actor, office: string, directory?: OfficeDirectory): boolean =>
    actor.role === 'supervisor' && (isNational(actor) || (isAboveIn(directory, actor.office, office) ?? isOfficeOrAbove(actor.office, office))),

  isOwnApplicant: (actor: Actor, state: Pick<CaseState, 'applicantId'>): boolean =>
    actor.role === 'applicant' && state.applicantId !== undefined && state.applicantId === actor.id,

  /** Who may know a case exists: anyone else gets 404, never a hint. */
  maySee(actor: Actor, state: CaseState): boolean {
    const offices = officesOf(state);
    switch (actor.role) {
      case 'caseworker':
        return offices.some((o) => accessPolicy.isCaseworkerOf(actor, o));
      case 'supervisor':
        return offices.some((o) => accessPolicy.isSupervisorOver(actor, o));
      case 'sla-monitor':
        return offices.some((o) => overOffice(actor, o));
      case 'applicant':
        return accessPolicy.isOwnApplicant(actor, state);
      default:
        return false;
    }
  },

  /** History and as-of states: supervisors over the case, caseworkers of an involved office. */
  mayAudit: (actor: Actor, state: CaseState): boolean => (actor.role === 'supervisor' || actor.role === 'caseworker') && accessPolicy.maySee(actor, state),

  /** SLA monitors watch clocks, not people: their views of a case leave personal data out. */
  seesPersonalData: (actor: Actor): boolean => actor.role !== 'sla-monitor',

  /** An office's clocks, alerts and statistics: the caller's province, or all of them nationally. */
  mayWatch: (actor: Actor, office: string): boolean => overOffice(actor, office),

  /** A case list filtered by office stays within what the caller may list. */
  mayListOffice: (actor: Actor, office: string): boolean =>
    actor.role === 'caseworker' ? actor.office === office : actor.role === 'applicant' || overOffice(actor, office),

  /** A work queue: a caseworker's own office, a supervisor's province. */
  mayReadQueue: (actor: Actor, office: string): boolean => (actor.role === 'caseworker' ? actor.office === office : overOffice(actor, office)),

  /** The rows of a read model the caller may see (applied before any filter of theirs). */
  scopeOf(actor: Actor): CaseScope {
    if (actor.role === 'caseworker') return { kind: 'office', office: actor.office };
    if (actor.role === 'applicant') return { kind: 'applicant', applicantId: actor.id };
    return isNational(actor) ? { kind: 'all' } : { kind: 'province', province: provinceOf(actor.office) };
  },
};

export type AccessPolicy = typeof accessPolicy;
