import { z } from 'zod';
import { clockFact, DEFAULT_EXTENSION_BASIS, extendClock, maxExtensionOf, resumeClock as resumed } from '../sla';
import { applies, type ActionDefinition, type AnyCaseTypeModule } from './case-type';
import { correctionActions } from './corrections';
import { forbidden, ruleBroken } from './errors';
import { event, KernelEvents as E } from './events';
import {
  isCaseworkerOf,
  isOfficeHeadOf,
  isOwnApplicant,
  isSupervisorOfOrAbove,
  isSupervisorOver,
  notNow,
  notWho,
  onlyCaseworkerOf,
  onlyOfficeHeadOf,
  onlyWhen,
  onlyWhileOpen,
} from './guards';
import { materialsSchema } from './open-schema';
import { receiptNumber } from './receipts';
import { REPRESENTATIVE_CHECK } from './representation';
import { DUPLICATE_DECISIONS, type CaseState, type CaseTypeSpec, type DuplicateDecision, type Status } from './types';

const items = z.object({ items: materialsSchema.min(1) }).strict();
const reason = z.string().trim().min(1).max(2000);
const none = z.object({}).strict();

/** A decision, carried out or not, can be revoked (行政許可法 art 69). */
const REVOCABLE: readonly Status[] = ['approved', 'completed'];

/** Statuses before a decision, in which an application may still be withdrawn (docs/domain.md §1). */
const WITHDRAWABLE: readonly Status[] = ['submitted', 'awaiting-materials', 'accepted'];

export const PAUSE_KINDS = ['hearing', 'inspection', 'appraisal', 'expert-review', 'investigation'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/**
 * The pauses 行政許可法 art 45 allows every licence: hearing, inspection (檢驗、檢測、檢疫), appraisal (鑒定) and expert
 * review. An `investigation` pause has no general source: only a type whose rule provides it allows it (the
 * no-criminal-record certificate, 公通字〔2021〕19號; docs/domain.md §7.9.2), through its `pauseKinds`.
 */
export const STATUTORY_PAUSE_KINDS: readonly PauseKind[] = ['hearing', 'inspection', 'appraisal', 'expert-review'];

/** Change id: pause kinds are the type's own (before it, every type allowed an investigation pause). */
export const PAUSE_KINDS_BY_TYPE = 'pause-kinds-by-type';

/** The actions every case type shares ([law] 行政許可法 arts 32, 42, 45). */
export function sharedActions(module: AnyCaseTypeModule): ActionDefinition[] {
  // A filing records a fact and completes without a decision (docs/domain.md §7.9.3): whatever belongs to acceptance,
  // the decision and its clock is not for it, whoever asks.
  const notForFilings = (what: string) =>
    module.filing ? notNow(`a ${module.type} case is a filing: it records a fact and completes without a decision, there is nothing to ${what}`) : null;

  const requestMaterials: ActionDefinition<CaseTypeSpec, z.infer<typeof items>> = {
    name: 'request-materials',
    payload: items,
    guard: (state, actor) =>
      notForFilings('request materials for') ??
      onlyCaseworkerOf(actor, state.receivingOffice, 'request materials') ??
      (state.materialsRequested ? notNow('materials were already requested once (one-time notice)') : null) ??
      // Before the decision: a case accepted at lodging may still be sent the one-time notice, while its clock runs.
      (module.acceptedAtLodging
        ? (onlyWhen(state, ['accepted'], 'request materials for') ??
          (state.clocks.decision?.state === 'paused' ? notNow('the decision clock is paused: resume it before requesting materials') : null))
        : onlyWhen(state, ['submitted'], 'request materials for')),
    decide: (_s, p, ctx) => [event(E.MaterialsRequested, { items: p.items }, ctx.at)],
  };

  const supplement: ActionDefinition<CaseTypeSpec, z.infer<typeof items>> = {
    name: 'supplement',
    payload: items,
    guard: (state, actor) =>
      notForFilings('supplement') ??
      (isOwnApplicant(actor, state) || isCaseworkerOf(actor, state.receivingOffice)
        ? null
        : notWho('only the applicant or a caseworker of the receiving office may supplement materials')) ??
      onlyWhen(state, ['awaiting-materials'], 'supplement'),
    decide: (_s, p, ctx) => [event(E.MaterialsSupplemented, { items: p.items }, ctx.at)],
  };

  const accept: ActionDefinition = {
    name: 'accept',
    payload: none,
    guard: (state, actor) =>
      notForFilings('accept') ??
      (module.acceptedAtLodging
        ? notNow(`a ${module.type} case is accepted when it is lodged: its receipt came with the opening, there is nothing to accept`)
        : null) ??
      onlyCaseworkerOf(actor, state.receivingOffice, 'accept a case') ??
      onlyWhen(state, ['submitted'], 'accept') ??
      duplicateBlocker(state, 'accept'),
    decide: (state, _p, ctx) => [
      event(E.CaseAccepted, { receiptNumber: receiptNumber('SL', state.receivingOffice, state.caseId, ctx.at) }, ctx.at),
      ...(module.onAccepted?.(state, ctx.at, 'accepted', ctx) ?? []),
    ],
  };

  const refuseAcceptance: ActionDefinition<CaseTypeSpec, { reason: string }> = {
    name: 'refuse-acceptance',
    payload: z.object({ reason }).strict(),
    guard: (state, actor) =>
      notForFilings('refuse acceptance of') ??
      onlyCaseworkerOf(actor, state.receivingOffice, 'refuse acceptance') ??
      onlyWhen(state, ['submitted', 'awaiting-materials'], 'refuse acceptance of'),
    decide: (state, p, ctx) => [
      event(E.AcceptanceRefused, { reason: p.reason, receiptNumber: receiptNumber('BSL', state.receivingOffice, state.caseId, ctx.at) }, ctx.at),
    ],
  };

  const assign: ActionDefinition<CaseTypeSpec, { assignee: string }> = {
    name: 'assign',
    payload: z.object({ assignee: z.string().trim().min(1).max(128) }).strict(),
    guard: (state, actor) =>
      (isSupervisorOver(actor, state.handlingOffice) || isCaseworkerOf(actor, state.handlingOffice)
        ? null
        : notWho('only a supervisor, or a caseworker of the handling office taking the case, may assign it')) ?? onlyWhileOpen(state, 'assign'),
    decide(_s, p, ctx) {
      if (ctx.actor.role === 'caseworker' && p.assignee !== ctx.actor.id) {
        throw forbidden('a caseworker may only take a case for themselves; a supervisor assigns it to others');
      }
      return [event(E.CaseAssigned, { assignee: p.assignee }, ctx.at)];
    },
  };

  const pauseClock: ActionDefinition<CaseTypeSpec, { kind: PauseKind; reason: string }> = {
    name: 'pause-clock',
    payload: z.object({ kind: z.enum(PAUSE_KINDS), reason }).strict(),
    guard: (state, actor) =>
      notForFilings('pause') ??
      // Statutory pauses are approved by the head of the deciding office, as extensions are (docs/domain.md §1).
      onlyOfficeHeadOf(actor, state.handlingOffice, 'pause the decision clock (行政許可法 art 45)') ??
      onlyWhen(state, ['accepted'], 'pause the clock of') ??
      (!state.clocks.decision ? notNow(`a ${state.type} case has no decision clock to pause: its own time limit runs (see docs/domain.md)`) : null) ??
      (state.clocks.decision.state === 'paused' ? notNow('the decision clock is already paused') : null) ??
      // docs/domain.md §1: only before the deadline has passed; a pause cannot move a deadline already missed.
      (state.clocks.decision?.state === 'breached'
        ? notNow('the decision deadline has passed: a pause cannot move a deadline already missed (行政許可法 art 45)')
        : null),
    decide(_s, p, ctx) {
      // Guarded: a case that paused for investigation before pause kinds were per type replays as it was.
      const kinds = module.pauseKinds ?? STATUTORY_PAUSE_KINDS;
      if (applies(ctx, PAUSE_KINDS_BY_TYPE) && !kinds.includes(p.kind)) {
        throw ruleBroken(`a ${module.type} case cannot be paused for ${p.kind}: its rules provide ${kinds.join(', ')} only`);
      }
      return [event(E.ClockPaused, { clock: 'decision', kind: p.kind, reason: p.reason }, ctx.at)];
    },
  };

  const resumeClock: ActionDefinition = {
    name: 'resume-clock',
    payload: none,
    guard: (state, actor) =>
      notForFilings('resume') ??
      (isCaseworkerOf(actor, state.handlingOffice) || isOfficeHeadOf(actor, state.handlingOffice)
        ? null
        : notWho(`only a caseworker or the head of office ${state.handlingOffice} may resume the decision clock`)) ??
      onlyWhen(state, ['accepted'], 'resume the clock of') ??
      (state.clocks.decision?.state !== 'paused' ? notNow('the decision clock is not paused') : null),
    decide(state, _p, ctx) {
      // The deadline moves by the time paused, counted on the case's calendar and recorded with the event.
      const before = state.clocks.decision;
      const clock = resumed(ctx.calendar, before, ctx.at);
      const paused =
        clock.pausedWorkingDays !== undefined
          ? { pausedWorkingDays: clock.pausedWorkingDays - (before.pausedWorkingDays ?? 0) }
          : { pausedMs: (clock.pausedMs ?? 0) - (before.pausedMs ?? 0) };
      return [{ ...event(E.ClockResumed, { clock: 'decision', ...paused }, ctx.at), clocks: [clockFact('move', clock)] }];
    },
  };

  // One extension per case, of the clock its type names (行政許可法 art 42: the decision clock by ≤10 WD; 居民身份證法
  // art 12: the first ID card's issue clock by ≤30 CD), approved by the head of the deciding office.
  const extendable = module.extendableClock ?? 'decision';
  const extendWhile: Status[] = extendable === 'decision' ? ['accepted'] : ['submitted', 'awaiting-materials', 'accepted', 'approved'];
  const extendPayload = z.object({ workingDays: z.number().int().min(1).optional(), calendarDays: z.number().int().min(1).optional(), reason }).strict();
  const extendDeadline: ActionDefinition<CaseTypeSpec, z.infer<typeof extendPayload>> = {
    name: 'extend-deadline',
    payload: extendPayload,
    guard(state, actor) {
      const clock = state.clocks[extendable];
      return (
        notForFilings('extend') ??
        onlyOfficeHeadOf(actor, state.handlingOffice, `extend the deadline (${clock?.spec.extensionBasis ?? DEFAULT_EXTENSION_BASIS})`) ??
        onlyWhen(state, extendWhile, 'extend the deadline of') ??
        (state.extended ? notNow('the deadline was already extended once') : null) ??
        (!clock || clock.state === 'stopped' || maxExtensionOf(clock.spec) === 0 ? notNow(`the ${state.type} ${extendable} clock cannot be extended`) : null)
      );
    },
    decide(state, p, ctx) {
      const before = state.clocks[extendable];
      const { unit } = before.spec;
      const max = maxExtensionOf(before.spec);
      const [field, other, words] =
        unit === 'WD' ? (['workingDays', 'calendarDays', 'working days'] as const) : (['calendarDays', 'workingDays', 'calendar days'] as const);
      const amount = p[field];
      if (amount === undefined || p[other] !== undefined) {
        throw ruleBroken(`the ${extendable} clock counts ${words}: give the extension as ${field} (at most ${max})`);
      }
      const basis = before.spec.extensionBasis ?? DEFAULT_EXTENSION_BASIS;
      if (amount > max) throw ruleBroken(`an extension of the ${extendable} clock is at most ${max} ${words} (${basis})`);
      // A clock that cannot take it (already breached, stopped) is a 409 here; the new deadline is recorded with the event.
      const clock = extendClock(ctx.calendar, before, amount);
      const data = { clock: extendable, [field]: amount, reason: p.reason, previousDeadline: before.deadline, deadline: clock.deadline, legalBasis: basis };
      return [{ ...event(E.DeadlineExtended, data, ctx.at), clocks: [clockFact('move', clock)] }];
    },
  };

  const recheckRecords: ActionDefinition = {
    name: 'recheck-records',
    payload: none,
    guard: (state, actor) =>
      onlyCaseworkerOf(actor, state.handlingOffice, 'recheck the records') ??
      onlyWhileOpen(state, 'recheck the records of') ??
      (unavailableChecks(state).length === 0 ? notNow('no register check is unavailable: there is nothing to recheck') : null),
    decide: (state, _p, ctx) => [event(E.RecordsRecheckRequested, { keys: unavailableChecks(state) }, ctx.at)],
  };

  const approve: ActionDefinition = {
    name: 'approve',
    payload: none,
    guard(state, actor) {
      const refusal = notForFilings('approve') ?? onlyCaseworkerOf(actor, state.handlingOffice, 'approve') ?? onlyWhen(state, ['accepted'], 'approve');
      if (refusal) return refusal;
      // An unanswered register is no answer either way: the decision waits for one (docs/domain.md §1).
      const unanswered = unavailableChecks(state);
      if (unanswered.length > 0) return notNow(`${describeUnanswered(state, unanswered)}: run recheck-records once it is back`);
      const blocker = module.approvalBlocker(state) ?? representativeBlocker(state);
      return blocker ? notNow(blocker) : duplicateBlocker(state, 'approve');
    },
    decide: (state, _p, ctx) => [event(E.CaseApproved, {}, ctx.at), ...module.onApprove(state, ctx)],
  };

  const refusePayload = module.refusal.reasonRequired
    ? z.object({ reason, legalBasis: reason }).strict()
    : z.object({ reason: reason.optional(), legalBasis: reason.optional() }).strict();
  const refuse: ActionDefinition<CaseTypeSpec, { reason?: string; legalBasis?: string }> = {
    name: 'refuse',
    payload: refusePayload,
    guard(state, actor) {
      const unanswered = unavailableChecks(state);
      return (
        notForFilings('refuse') ??
        onlyCaseworkerOf(actor, state.handlingOffice, 'refuse') ??
        onlyWhen(state, ['accepted'], 'refuse') ??
        // No refusal may rest on an unanswered register check (docs/domain.md §1): while one is open the
        // case is not fully established either way; the caseworker rechecks, or pauses where the type allows an investigation.
        (unanswered.length > 0
          ? notNow(`no refusal may rest on an unanswered register check (${describeUnanswered(state, unanswered)}): run recheck-records first`)
          : null)
      );
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

  const withdraw: ActionDefinition<CaseTypeSpec, { reason: string }> = {
    name: 'withdraw',
    payload: z.object({ reason }).strict(),
    guard(state, actor) {
      const mayAct = isOwnApplicant(actor, state) || isCaseworkerOf(actor, state.receivingOffice) || isCaseworkerOf(actor, state.handlingOffice);
      return (
        (mayAct ? null : notWho('only the applicant or a caseworker of the case may withdraw it')) ??
        onlyWhileOpen(state, 'withdraw') ??
        // Only before a decision (docs/domain.md §1): after it the case carries out what was decided,
        // e.g. a hukou already moved out must be registered somewhere (§2).
        (WITHDRAWABLE.includes(state.status)
          ? null
          : notNow(`cannot withdraw a case that is ${state.status}: withdrawal is possible only before a decision (allowed when ${WITHDRAWABLE.join(' or ')})`))
      );
    },
    decide: (_s, p, ctx) => [event(E.CaseWithdrawn, { reason: p.reason }, ctx.at)],
  };

  // The caseworker settles whether another open case of the same person is the same application (docs/api.md).
  const reviewDuplicates: ActionDefinition<CaseTypeSpec, { decision: DuplicateDecision; reason: string }> = {
    name: 'review-duplicates',
    payload: z.object({ decision: z.enum(DUPLICATE_DECISIONS), reason }).strict(),
    guard: (state, actor) =>
      (isCaseworkerOf(actor, state.receivingOffice) || isCaseworkerOf(actor, state.handlingOffice)
        ? null
        : notWho(`only a caseworker of office ${state.receivingOffice} or ${state.handlingOffice} may review possible duplicates`)) ??
      onlyWhileOpen(state, 'review possible duplicates of') ??
      (!state.duplicates ? notNow('no possible duplicate was found when the case was lodged') : null) ??
      (state.duplicates?.review ? notNow(`the possible duplicates were already reviewed (${state.duplicates.review.decision})`) : null),
    decide: (_s, p, ctx) => [event(E.DuplicateReviewed, { decision: p.decision, reason: p.reason }, ctx.at)],
  };

  const revoke: ActionDefinition<CaseTypeSpec, { reason?: string; legalBasis?: string }> = {
    name: 'revoke',
    payload: z.object({ reason: reason.optional(), legalBasis: reason.optional() }).strict(),
    guard(state, actor) {
      const blocker = module.revocationBlocker?.(state) ?? null;
      return (
        notForFilings('revoke') ??
        (isSupervisorOfOrAbove(actor, state.handlingOffice, state.officeDirectory)
          ? null
          : notWho(`only a supervisor of office ${state.handlingOffice}, which decided, or of an office above it may revoke (行政許可法 art 69)`)) ??
        (REVOCABLE.includes(state.status)
          ? null
          : notNow(`only a decided case can be revoked; this one is ${state.status} (allowed when ${REVOCABLE.join(' or ')})`)) ??
        (blocker ? notNow(blocker) : null)
      );
    },
    decide(state, p, ctx) {
      // Required, but a 422 naming what is missing rather than a 400 about the body's shape.
      if (!p.reason) throw ruleBroken('a revocation needs a reason: the applicant is told why');
      if (!p.legalBasis) throw ruleBroken('a revocation needs a legal basis (e.g. 行政许可法 第六十九条)');
      const revokedDocuments = state.documents.map((d) => d.number);
      // A revocation is itself a decision against the applicant: review and litigation are open (行政許可法 art 7).
      return [event(E.DecisionRevoked, { reason: p.reason, legalBasis: p.legalBasis, revokedDocuments, appealable: true }, ctx.at)];
    },
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
    recheckRecords,
    approve,
    refuse,
    withdraw,
    reviewDuplicates,
    revoke,
    ...correctionActions(module),
  ];
}

/** The keys of register checks that got no answer (result `unavailable`), in the case's order. */
export const unavailableChecks = (state: CaseState): string[] =>
  Object.entries(state.records)
    .filter(([, check]) => check.result === 'unavailable')
    .map(([key]) => key);

function describeUnanswered(state: CaseState, keys: string[]): string {
  const registers = [...new Set(keys.map((k) => state.records[k].registry))].join(', ');
  return `the ${registers} register did not answer (check${keys.length > 1 ? 's' : ''} ${keys.join(', ')} unavailable)`;
}

/**
 * Why a case lodged by a parent or guardian may not be approved: the population register does not record them as
 * such (a contradicted check; an unanswered one blocks as every unanswered check does). The caseworker refuses, or
 * establishes the guardianship otherwise and rechecks; nothing is granted on a relationship the register denies.
 */
function representativeBlocker(state: CaseState): string | null {
  const check = state.records[REPRESENTATIVE_CHECK];
  if (!state.representative || check?.result !== 'contradicted') return null;
  if (check.registry === 'power-of-attorney') {
    return `the notarial register does not confirm the agent's power of attorney (${check.detail}): refuse, or have the applicant lodge in person`;
  }
  return `the population register does not record the representative as the applicant's ${state.representative.role}: refuse, or have the relationship established`;
}

/**
 * Why a case with possible duplicates may not be accepted or approved yet: they were not reviewed, or the review
 * found it a duplicate. Deemed acceptance (行政許可法 art 32(4)) still runs; the review then blocks approval.
 */
function duplicateBlocker(state: CaseState, what: 'accept' | 'approve') {
  const check = state.duplicates;
  if (!check) return null;
  const others = check.cases.map((c) => c.caseId).join(', ');
  if (!check.review) return notNow(`possible duplicates (${others}) must be reviewed before you ${what} (review-duplicates)`);
  if (check.review.decision === 'duplicate') return notNow(`reviewed as a duplicate of ${others}: refuse or withdraw it instead`);
  return null;
}
