import { accessPolicy } from '../access/policy';
import { conflict, forbidden } from './errors';
import { Actor, CaseState, CLOSED_STATUSES, Status } from './types';

/** Guards throw: 403 for who may act, 409 for when. Who is checked first. */

// Who is who lives in the access policy; the kernel's guards ask it like every route does.
export const { isCaseworkerOf, isSupervisorOver, isOwnApplicant } = accessPolicy;

export function requireCaseworkerOf(actor: Actor, office: string, what: string): void {
  if (!isCaseworkerOf(actor, office)) throw forbidden(`only a caseworker of office ${office} may ${what}`);
}

export function requireSupervisorOver(actor: Actor, office: string, what: string): void {
  if (!isSupervisorOver(actor, office)) throw forbidden(`only a supervisor over office ${office} may ${what}`);
}

export function requireStatus(state: CaseState, allowed: Status[], what: string): void {
  if (!allowed.includes(state.status)) {
    throw conflict(`cannot ${what} a case that is ${state.status} (allowed when ${allowed.join(' or ')})`);
  }
}

export const isClosed = (state: CaseState) => CLOSED_STATUSES.includes(state.status);

export function requireOpen(state: CaseState, what: string): void {
  if (isClosed(state)) throw conflict(`cannot ${what}: the case is already closed (${state.status})`);
}
