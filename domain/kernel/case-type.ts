import type { z } from 'zod';
import type { ClockSpec } from '../sla';
import type { CaseEvent } from './events';
import type { Actor, CaseState, CaseType } from './types';
import type { OpenCaseInput } from './open-schema';

/** Everything an action needs besides the case: who acts and when (business time). */
export interface ActionContext {
  actor: Actor;
  at: string;
}

/**
 * One caseworker action. `guard` says whether this actor may do it to this case now (403/409);
 * it is also how `allowedActions` is computed, so the two can never disagree.
 */
export interface ActionDefinition<Payload = any> {
  name: string;
  payload: z.ZodType<Payload>;
  guard(state: CaseState, actor: Actor): void;
  decide(state: CaseState, payload: Payload, ctx: ActionContext): CaseEvent[];
}

/** A register check the workflow must run (免交證), e.g. the inviting company in the company registry. */
export interface PendingCheck {
  key: string;
  registry: 'company' | 'population' | 'entry-exit';
  subject: string;
}

/** What a case type adds to the kernel. A new case type is one folder exporting one of these. */
export interface CaseTypeModule {
  type: CaseType;
  details: z.ZodType<Record<string, unknown>>;
  /** Domain rules on the opening input beyond its shape (422). */
  checkOpen(input: OpenCaseInput): void;
  /** Offices that must act on one of this case's steps (for cross-province and office scoping). */
  involvedOffices(input: OpenCaseInput): string[];
  /** SLA clocks of this type, keyed by clock name (completeness and decision at least). */
  clocks: Record<string, ClockSpec>;
  /** The step names for the shared lifecycle statuses. */
  steps: { intake: string; review: string; after?: string };
  /** Refusal rules: exit-entry refusals need no reason and may be final. */
  refusal: { reasonRequired: boolean; final: boolean; legalBasis: string };
  /** Type-specific actions, beside the shared ones. */
  actions: ActionDefinition[];
  /** Why approval is not possible yet (409), or null. */
  approvalBlocker(state: CaseState): string | null;
  /** Events following CaseApproved (documents issued, completion). */
  onApprove(state: CaseState, ctx: ActionContext): CaseEvent[];
  /** Events following acceptance (receipts, passport returned). */
  onAccepted?(state: CaseState, at: string): CaseEvent[];
  /** Register checks still to run in the current state. */
  pendingChecks(state: CaseState): PendingCheck[];
  /** State changes for this type's own events. */
  evolve?(state: CaseState, event: CaseEvent): CaseState;
}
