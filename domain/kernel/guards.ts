import { accessPolicy } from '../access/policy';
import { DomainError } from './errors';
import { Actor, CaseState, CLOSED_STATUSES, Status } from './types';

/**
 * Why an actor may not take an action now. Guards return one instead of throwing, so that listing the
 * allowed actions of a queue page costs no exceptions: `forbidden` (403) is about who acts, `conflict`
 * (409) about when. Who is checked first.
 */
export interface Refusal {
  kind: 'forbidden' | 'conflict';
  message: string;
}

/** 403: this actor may not do this to this case. */
export const notWho = (message: string): Refusal => ({ kind: 'forbidden', message });
/** 409: not in the case's current state. */
export const notNow = (message: string): Refusal => ({ kind: 'conflict', message });

/** The error `decide` throws for a refusal, so the API and the workflow answer as for any other DomainError. */
export const refusalError = (refusal: Refusal) => new DomainError(refusal.kind, refusal.message);

// Who is who lives in the access policy; the kernel's guards ask it like every route does.
export const { isCaseworkerOf, isSupervisorOver, isOfficeHeadOf, isSupervisorOfOrAbove, isOwnApplicant } = accessPolicy;

export const onlyCaseworkerOf = (actor: Actor, office: string, what: string): Refusal | null =>
  isCaseworkerOf(actor, office) ? null : notWho(`only a caseworker of office ${office} may ${what}`);

export const onlySupervisorOver = (actor: Actor, office: string, what: string): Refusal | null =>
  isSupervisorOver(actor, office) ? null : notWho(`only a supervisor over office ${office} may ${what}`);

export const onlyOfficeHeadOf = (actor: Actor, office: string, what: string): Refusal | null =>
  isOfficeHeadOf(actor, office) ? null : notWho(`only the head of office ${office} (a supervisor token with officeHead) may ${what}`);

export const onlyWhen = (state: CaseState, allowed: Status[], what: string): Refusal | null =>
  allowed.includes(state.status) ? null : notNow(`cannot ${what} a case that is ${state.status} (allowed when ${allowed.join(' or ')})`);

export const isClosed = (state: CaseState) => CLOSED_STATUSES.includes(state.status);

export const onlyWhileOpen = (state: CaseState, what: string): Refusal | null =>
  isClosed(state) ? notNow(`cannot ${what}: the case is already closed (${state.status})`) : null;
