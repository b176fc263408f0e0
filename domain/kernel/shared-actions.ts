import { z } from 'zod';
import { cnCalendar } from '../calendar';
import { extendClock, maxExtensionOf } from '../sla';
import type { ActionDefinition, CaseTypeModule } from './case-type';
import { conflict, forbidden, ruleBroken } from './errors';
import { event, KernelEvents as E } from './events';
import {
  isCaseworkerOf,
  isOwnApplicant,
  isSupervisorOver,
  requireCaseworkerOf,
  requireOpen,
  requireStatus,
  requireSupervisorOver,
} from './guards';
import { materialsSchema } from './open-schema';
import { receiptNumber } from './receipts';

const items = z.object({ items: materialsSchema.min(1) }).strict();
const reason = z.string().trim().min(1).max(2000);
const none = z.object({}).strict();

export const PAUSE_KINDS = ['hearing', 'inspection', 'appraisal', 'expert-review', 'investigation'] as const;

/** The actions every case type shares ([law] 行政許可法 arts 32, 42, 45). */
export function sharedActions(module: CaseTypeModule): ActionDefinition[] {
  const requestMaterials: ActionDefinition<z.infer<typeof items>> = {
    name: 'request-materials',
    payload: items,
    guard(state, actor) {
      requireCaseworkerOf(actor, state.receivingOffice, 'request materials');
      if (state.materialsRequested) throw conflict('materials were already requested once (one-time notice)');
      requireStatus(state, ['submitted'], 'request materials for');
    },
    decide: (_s, p, ctx) => [event(E.MaterialsRequested, { items: p.items }, ctx.at)],
  };

  const supplement: ActionDefinition<z.infer<typeof items>> = {
    name: 'supplement',
    payload: items,
    guard(state, actor) {
      if (!isOwnApplicant(actor, state) && !isCaseworkerOf(actor, state.receivingOffice)) {
        throw forbidden('only the applicant or a caseworker of the receiving office may supplement materials');
      }
      requireStatus(state, ['awaiting-materials'], 'supplement');
    },
    decide: (_s, p, ctx) => [event(E.MaterialsSupplemented, { items: p.items }, ctx.at)],
  };

  const accept: ActionDefinition = {
    name: 'accept',
    payload: none,
    guard(state, actor) {
      requireCaseworkerOf(actor, state.receivingOffice, 'accept a case');
      requireStatus(state, ['submitted'], 'accept');
    },
    decide: (state, _p, ctx) => [
      event(E.CaseAccepted, { receiptNumber: receiptNumber('SL', state.receivingOffice, state.caseId, ctx.at) }, ctx.at),
      ...(module.onAccepted?.(state, ctx.at) ?? []),
    ],
  };

  const refuseAcceptance: ActionDefinition<{ reason: string }> = {
    name: 'refuse-acceptance',
    payload: z.object({ reason }).strict(),
    guard(state, actor) {
      requireCaseworkerOf(actor, state.receivingOffice, 'refuse acceptance');
      requireStatus(state, ['submitted', 'awaiting-materials'], 'refuse acceptance of');
    },
    decide: (state, p, ctx) => [
      event(
        E.AcceptanceRefused,
        { reason: p.reason, receiptNumber: receiptNumber('BSL', state.receivingOffice, state.caseId, ctx.at) },
        ctx.at,
      ),
    ],
  };

  const assign: ActionDefinition<{ assignee: string }> = {
    name: 'assign',
    payload: z.object({ assignee: z.string().trim().min(1).max(128) }).strict(),
    guard(state, actor) {
      if (!isSupervisorOver(actor, state.handlingOffice) && !isCaseworkerOf(actor, state.handlingOffice)) {
        throw forbidden('only a supervisor, or a caseworker of the handling office taking the case, may assign it');
      }
      requireOpen(state, 'assign');
    },
    decide(_s, p, ctx) {
      if (ctx.actor.role === 'caseworker' && p.assignee !== ctx.actor.id) {
        throw forbidden('a caseworker may only take a case for themselves; a supervisor assigns it to others');
      }
      return [event(E.CaseAssigned, { assignee: p.assignee }, ctx.at)];
    },
  };

  const pauseClock: ActionDefinition<{ kind: (typeof PAUSE_KINDS)[number]; reason: string }> = {
    name: 'pause-clock',
    payload: z.object({ kind: z.enum(PAUSE_KINDS), reason }).strict(),
    guard(state, actor) {
      requireCaseworkerOf(actor, state.handlingOffice, 'pause the decision clock');
      requireStatus(state, ['accepted'], 'pause the clock of');
      if (state.clocks.decision?.state === 'paused') throw conflict('the decision clock is already paused');
    },
    decide: (_s, p, ctx) => [event(E.ClockPaused, { clock: 'decision', kind: p.kind, reason: p.reason }, ctx.at)],
  };

  const resumeClock: ActionDefinition = {
    name: 'resume-clock',
    payload: none,
    guard(state, actor) {
      requireCaseworkerOf(actor, state.handlingOffice, 'resume the decision clock');
      requireStatus(state, ['accepted'], 'resume the clock of');
      if (state.clocks.decision?.state !== 'paused') throw conflict('the decision clock is not paused');
    },
    decide: (_s, _p, ctx) => [event(E.ClockResumed, { clock: 'decision' }, ctx.at)],
  };

  const extendDeadline: ActionDefinition<{ workingDays: number; reason: string }> = {
    name: 'extend-deadline',
    payload: z.object({ workingDays: z.number().int().min(1), reason }).strict(),
    guard(state, actor) {
      requireSupervisorOver(actor, state.handlingOffice, 'extend the deadline');
      requireStatus(state, ['accepted'], 'extend the deadline of');
      if (state.extended) throw conflict('the deadline was already extended once');
      const decision = state.clocks.decision;
      if (!decision || maxExtensionOf(decision.spec) === 0) throw conflict(`the ${state.type} decision clock cannot be extended`);
    },
    decide(state, p, ctx) {
      if (p.workingDays > 10) throw ruleBroken('an extension is at most 10 working days (行政許可法 art 42)');
      // Try it here so a clock that cannot take it (already breached, stopped) is a 409 now, not a failed fold later.
      extendClock(cnCalendar, state.clocks.decision, p.workingDays);
      return [event(E.DeadlineExtended, { clock: 'decision', workingDays: p.workingDays, reason: p.reason }, ctx.at)];
    },
  };

  const approve: ActionDefinition = {
    name: 'approve',
    payload: none,
    guard(state, actor) {
      requireCaseworkerOf(actor, state.handlingOffice, 'approve');
      requireStatus(state, ['accepted'], 'approve');
      const blocker = module.approvalBlocker(state);
      if (blocker) throw conflict(blocker);
    },
    decide: (state, _p, ctx) => [event(E.CaseApproved, {}, ctx.at), ...module.onApprove(state, ctx)],
  };

  const refusePayload = module.refusal.reasonRequired
    ? z.object({ reason, legalBasis: reason }).strict()
    : z.object({ reason: reason.optional(), legalBasis: reason.optional() }).strict();
  const refuse: ActionDefinition<{ reason?: string; legalBasis?: string }> = {
    name: 'refuse',
    payload: refusePayload,
    guard(state, actor) {
      requireCaseworkerOf(actor, state.handlingOffice, 'refuse');
      requireStatus(state, ['accepted'], 'refuse');
    },
    decide: (_s, p, ctx) => [
      event(
        E.CaseRefused,
        {
          reason: p.reason ?? null,
          legalBasis: p.legalBasis ?? module.refusal.legalBasis,
          final: module.refusal.final,
          appealable: !module.refusal.final,
        },
        ctx.at,
      ),
    ],
  };

  const withdraw: ActionDefinition<{ reason: string }> = {
    name: 'withdraw',
    payload: z.object({ reason }).strict(),
    guard(state, actor) {
      const mayAct =
        isOwnApplicant(actor, state) ||
        isCaseworkerOf(actor, state.receivingOffice) ||
        isCaseworkerOf(actor, state.handlingOffice);
      if (!mayAct) throw forbidden('only the applicant or a caseworker of the case may withdraw it');
      requireOpen(state, 'withdraw');
    },
    decide: (_s, p, ctx) => [event(E.CaseWithdrawn, { reason: p.reason }, ctx.at)],
  };

  return [
    requestMaterials,
    supplement,
    accept,
    refuseAcceptance,
    assign,
    pauseClock,
    resumeClock,
    extendDeadline,
    approve,
    refuse,
    withdraw,
  ];
}

