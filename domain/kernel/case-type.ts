import type { z } from 'zod';
import type { ClockSpec } from '../sla';
import type { CaseEvent } from './events';
import type { Refusal } from './guards';
import type { Actor, CaseState, CaseType } from './types';
import type { OpenCaseInput } from './open-schema';

/** Everything an action needs besides the case: who acts and when (business time). */
export interface ActionContext {
  actor: Actor;
  at: string;
}

/**
 * One caseworker action. `guard` says whether this actor may do it to this case now: null, or the
 * refusal (403/409). It is also how `allowedActions` is computed, so the two can never disagree.
 */
export interface ActionDefinition<Payload = any> {
  name: string;
  payload: z.ZodType<Payload>;
  guard(state: CaseState, actor: Actor): Refusal | null;
  decide(state: CaseState, payload: Payload, ctx: ActionContext): CaseEvent[];
}

export type Registry = 'company' | 'population' | 'entry-exit';

/** Names of the activities a case type may ask the workflow to run (see activities/types.ts). */
export type TaskActivity = 'lookupPhoto' | 'storePhoto' | 'produceCard';

/**
 * Automated work the workflow carries out through an activity, its outcome recorded as events:
 * a register check (免交證) or another side effect such as card production.
 */
export type PendingTask =
  | { key: string; kind: 'verify-record'; registry: Registry; subject: string }
  | { key: string; kind: 'activity'; activity: TaskActivity; input: Record<string, unknown> };

/** What an activity task came back with; a task that kept failing is an outcome too, never a stuck case. */
export type TaskOutcome = { ok: true; value: any } | { ok: false; error: string };

/** What a case type adds to the kernel. A new case type is one folder exporting one of these. */
export interface CaseTypeModule {
  type: CaseType;
  details: z.ZodType<Record<string, unknown>>;
  /** Domain rules on the opening input beyond its shape (422); `at` is the business instant of lodging. */
  checkOpen(input: OpenCaseInput, at: string): void;
  /** The office that decides, where the type fixes it (a hukou move-in office); a different given handlingOffice is 422. */
  handlingOffice?(input: OpenCaseInput): string;
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
  /** Automated tasks still to run in the current state (register checks are filtered by the kernel once recorded). */
  pendingTasks(state: CaseState): PendingTask[];
  /** Events recording an activity task's outcome (register checks are recorded by the kernel). */
  onTaskResult?(state: CaseState, task: PendingTask & { kind: 'activity' }, outcome: TaskOutcome, at: string): CaseEvent[];
  /** Which office must act next, where the kernel's default (intake → receiving, review → handling) is wrong. */
  waitingOn?(state: CaseState): string | null | undefined;
  /** Called after the kernel for every event (its own and the kernel's): documents, extra clocks, progress. */
  evolve?(state: CaseState, event: CaseEvent): CaseState;
}
