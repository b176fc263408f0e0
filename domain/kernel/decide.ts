import { toEpochMs } from '../calendar';
import { nextSlaTransition, SlaClockError, type SlaTransition } from '../sla';
import {
  applies,
  type ActionContext,
  type ActionDefinition,
  type AnyCaseTypeModule,
  type DecisionEnv,
  type EventOf,
  type PendingTask,
  type TaskOutcome,
} from './case-type';
import { conflict, DomainError, invalid } from './errors';
import { event, KernelEvents as E } from './events';
import { recordClocks as stampClocks, withNextRepeat } from './clock-facts';
import { recordDocuments } from './documents';
import { evolve } from './evolve';
import { isClosed, refusalError } from './guards';
import type { ChildEvent, ParentEvent } from './links';
import { receiptNumber } from './receipts';
import { KINSHIP_ROLE_COMPARED, kinshipMismatch, REPRESENTATIVE_CHECK, representativeCheck } from './representation';
import { sharedActions } from './shared-actions';
import type { Actor, CaseState, CaseTypeSpec, RecordCheck } from './types';

type AnyEvent = EventOf<CaseTypeSpec>;

/** Records on decided events what they computed: the clocks they start or move, and the documents they issue. */
const recordClocks = (module: AnyCaseTypeModule, state: CaseState, events: AnyEvent[], calendar: DecisionEnv['calendar']): AnyEvent[] =>
  recordDocuments(module, state, stampClocks(module, state, events, calendar));

const actionTables = new WeakMap<AnyCaseTypeModule, Map<string, ActionDefinition>>();

/** Shared actions plus the type's own, by name. */
export function actionsOf(module: AnyCaseTypeModule): Map<string, ActionDefinition> {
  let table = actionTables.get(module);
  if (!table) {
    table = new Map([...sharedActions(module), ...module.actions].map((a) => [a.name, a]));
    actionTables.set(module, table);
  }
  return table;
}

/**
 * Whether this actor may send this action with this payload to this case now, short of deciding it: the error
 * `decideAction` would refuse it with before deciding (404 no such action, 400 bad payload, 403 who, 409 when), or null.
 */
export function actionRefusal(module: AnyCaseTypeModule, state: CaseState, action: string, payload: unknown, actor: Actor): DomainError | null {
  return admitted(module, state, action, payload, actor).refusal;
}

function admitted(
  module: AnyCaseTypeModule,
  state: CaseState,
  action: string,
  payload: unknown,
  actor: Actor,
): { refusal: DomainError; def?: undefined; data?: undefined } | { refusal: null; def: ActionDefinition; data: unknown } {
  const def = actionsOf(module).get(action);
  if (!def) return { refusal: new DomainError('not-found', `a ${module.type} case has no action '${action}'`) };
  const parsed = def.payload.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      refusal: invalid(`the body of '${action}' is not valid`, {
        errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
      }),
    };
  }
  const refusal = def.guard(state, actor);
  return refusal ? { refusal: refusalError(refusal) } : { refusal: null, def, data: parsed.data };
}

/** Decides one caseworker/applicant action: 400 bad payload, 403 wrong actor, 409 wrong state, 422 rule. */
export function decideAction(module: AnyCaseTypeModule, state: CaseState, action: string, payload: unknown, ctx: ActionContext): AnyEvent[] {
  const { refusal, def, data } = admitted(module, state, action, payload, ctx.actor);
  if (refusal) throw refusal;
  try {
    return recordClocks(module, state, def.decide(state, data, ctx), ctx.calendar);
  } catch (e) {
    if (e instanceof SlaClockError) throw conflict(e.message);
    throw e;
  }
}

/** What this actor may do to this case now: exactly the actions whose guard lets them through. */
export function allowedActions(module: AnyCaseTypeModule, state: CaseState, actor: Actor): string[] {
  return [...actionsOf(module).values()].filter((def) => def.guard(state, actor) === null).map((def) => def.name);
}

/** The earliest SLA transition still to come, for the workflow's timer. */
export function nextTimer(state: CaseState): { clock: string; transition: SlaTransition } | null {
  let best: { clock: string; transition: SlaTransition } | null = null;
  for (const [clock, c] of Object.entries(state.clocks)) {
    const t = nextSlaTransition(c);
    if (t && (!best || toEpochMs(t.at) < toEpochMs(best.transition.at))) best = { clock, transition: t };
  }
  return best;
}

/**
 * Every SLA event due at `now`, in time order. A completeness deadline passing while the case waits
 * for a decision on acceptance makes it deemed accepted on the receipt date ([law] 行政許可法 art 32(4)).
 */
export function decideTimers(module: AnyCaseTypeModule, state: CaseState, now: string, env: DecisionEnv): AnyEvent[] {
  const { calendar } = env;
  const events: AnyEvent[] = [];
  let s = state;
  const isDue = (at: string | undefined) => at !== undefined && toEpochMs(at) <= toEpochMs(now);
  for (;;) {
    const due = nextTimer(s);
    const own = module.nextOwnTimer?.(s) ?? null;
    const slaFirst = isDue(due?.transition.at) && (!isDue(own?.at) || toEpochMs(due!.transition.at) <= toEpochMs(own!.at));
    let batch: AnyEvent[];
    if (slaFirst) batch = recordClocks(module, s, slaEvents(module, s, due!.clock, due!.transition, env), calendar);
    else if (own && isDue(own.at)) {
      // Recorded when it happened, never dated before what the stream already holds (as SLA events are).
      const at = s.updatedAt && toEpochMs(s.updatedAt) > toEpochMs(own.at) ? s.updatedAt : own.at;
      batch = recordClocks(module, s, module.onOwnTimer?.(s, own.key, at, env) ?? [], calendar);
    } else break;
    for (const e of batch) s = evolve(module, s, e);
    events.push(...batch);
    const after = module.nextOwnTimer?.(s) ?? null;
    // An own timer whose events leave it where it was would ring for ever: stop here rather than loop.
    if (!slaFirst && after?.key === own!.key && after.at === own!.at) break;
  }
  return events;
}

/** The next instant the case decides something by itself: an SLA transition or its type's own timer. */
export function nextWakeUp(module: AnyCaseTypeModule, state: CaseState): string | undefined {
  const sla = nextTimer(state)?.transition.at;
  const own = module.nextOwnTimer?.(state)?.at;
  if (sla === undefined || own === undefined) return sla ?? own;
  return toEpochMs(own) < toEpochMs(sla) ? own : sla;
}

/** Whether the workflow keeps the case: while it is open, and after it closed while its type keeps it (keptAfterClose). */
export const keepsRunning = (module: AnyCaseTypeModule, state: CaseState): boolean => !isClosed(state) || (module.keptAfterClose?.(state) ?? false);

function slaEvents(module: AnyCaseTypeModule, s: CaseState, clock: string, due: SlaTransition, env: DecisionEnv): AnyEvent[] {
  const { calendar } = env;
  const base = { clock, dueAt: due.at };
  // Recorded when it happened, but never dated before what the stream already holds: a clock started back at
  // the receipt date (deemed acceptance) may owe transitions due before the events that started it.
  const t = { ...due, at: s.updatedAt && toEpochMs(s.updatedAt) > toEpochMs(due.at) ? s.updatedAt : due.at };
  switch (t.kind) {
    case 'goal-missed':
      return [event(E.SlaGoalMissed, base, t.at)];
    case 'escalated':
      return [withNextRepeat(module, s, event(E.SlaEscalated, { ...base, level: t.level! }, t.at), calendar)]; // an escalation always names its level
    case 'deadline-passed': {
      const passed = event(E.SlaDeadlinePassed, base, t.at);
      if (clock === 'supplement' && s.status === 'awaiting-materials') {
        // The applicant did not supplement in time: the case closes as not accepted, with a receipt (docs/domain.md §1).
        const deadline = s.clocks.supplement.deadline;
        const reason = `materials not supplemented by the deadline (${deadline}) of the one-time notice`;
        return [passed, event(E.AcceptanceRefused, { reason, receiptNumber: receiptNumber('BSL', s.receivingOffice, s.caseId, t.at) }, t.at)];
      }
      if (clock !== 'completeness' || s.status !== 'submitted') return [passed];
      const receivedAt = s.clocks.completeness.startedAt;
      const deemed = event(E.CaseDeemedAccepted, { receiptNumber: receiptNumber('SL', s.receivingOffice, s.caseId, receivedAt), acceptedAt: receivedAt }, t.at);
      const [stampedDeemed] = recordClocks(module, evolve(module, s, passed), [deemed], calendar);
      const afterDeemed = evolve(module, evolve(module, s, passed), stampedDeemed);
      return [passed, stampedDeemed, ...(module.onAccepted?.(afterDeemed, t.at, 'deemed', env) ?? [])];
    }
  }
}

/** Automated tasks still to run, the kernel's and the type's; register checks already recorded are done. */
export const pendingTasks = (module: AnyCaseTypeModule, state: CaseState): PendingTask[] =>
  [...kernelTasks(module, state), ...module.pendingTasks(state)].filter((t) => t.kind !== 'verify-record' || !state.records[t.key]);

/**
 * The kernel's own register checks: a parent or guardian who lodged for the applicant, against the population
 * register's record of kinship, where it can tell; an agent's power of attorney against the notarial register, where
 * the type asks for it (docs/domain.md §7). Only openings that name a representative have one, and none did before
 * the field existed.
 */
function kernelTasks(module: AnyCaseTypeModule, state: CaseState): PendingTask[] {
  const check = isClosed(state) ? null : representativeCheck(state, module.representation);
  return check ? [{ key: REPRESENTATIVE_CHECK, kind: 'verify-record', registry: check.registry, subject: check.subject }] : [];
}

/**
 * Records a task's outcome. A register check becomes RecordsVerified (a failure is a visible fact the
 * caseworker acts on); other tasks are recorded by their case type; nothing is recorded once the case is closed.
 */
export function decideTaskResult(
  module: AnyCaseTypeModule,
  state: CaseState,
  task: PendingTask,
  outcome: TaskOutcome,
  at: string,
  env: DecisionEnv & Pick<ActionContext, 'patched'>,
): AnyEvent[] {
  // A task started while the case was open may answer after it closed (e.g. a card produced for a case
  // withdrawn by a stream older than the before-a-decision rule): a closed case receives no further fact
  // (docs/domain.md §1, shared lifecycle), so the answer is dropped rather than recorded.
  if (isClosed(state)) return [];
  if (task.kind === 'verify-record') {
    if (state.records[task.key]) return [];
    // The verifyRecord activity answers with a RegisterAnswer (activities/types.ts). A check whose retries ran
    // out got no answer at all: the register is unavailable, which is not a negative answer (docs/domain.md §1).
    const registerAnswer = outcome.ok ? (outcome.value as RegisterAnswer) : { ok: false, detail: `no answer: ${outcome.error}` };
    // A representative the register records in another capacity than the one claimed is not confirmed (a parent
    // lodging an adult's case as guardian, a guardian as parent); cases answered before the comparison keep their answer.
    const mismatch =
      task.key === REPRESENTATIVE_CHECK && task.registry === 'kinship' && outcome.ok && registerAnswer.ok
        ? kinshipMismatch(state, registerAnswer.facts?.relation)
        : null;
    const answer = mismatch && applies(env, KINSHIP_ROLE_COMPARED) ? { ...registerAnswer, ok: false, detail: mismatch } : registerAnswer;
    const result = outcome.ok ? (answer.ok ? 'confirmed' : 'contradicted') : 'unavailable';
    const facts = answer.facts ? { facts: answer.facts } : {};
    const verified = event(
      E.RecordsVerified,
      { key: task.key, registry: task.registry, subject: task.subject, ok: answer.ok, result, detail: answer.detail, ...facts },
      at,
    );
    if (!module.onRecordVerified) return [verified];
    const after = evolve(module, state, verified);
    return [verified, ...recordClocks(module, after, module.onRecordVerified(after, task.key, at, env), env.calendar)];
  }
  // The value is what the activity the task names returned: activities are typed by that name.
  return recordClocks(module, state, module.onTaskResult?.(state, { activity: task.activity, task, outcome }, at) ?? [], env.calendar);
}

/**
 * The outcomes of tasks asked together (the register checks a command made due): each decided on the case as the ones
 * before it left it, in the order given, so the events are those the tasks would record answering one after another.
 */
export function decideTaskResults(
  module: AnyCaseTypeModule,
  state: CaseState,
  results: { task: PendingTask; outcome: TaskOutcome }[],
  at: string,
  env: DecisionEnv & Pick<ActionContext, 'patched'>,
): AnyEvent[] {
  const events: AnyEvent[] = [];
  let s = state;
  for (const { task, outcome } of results) {
    const decided = decideTaskResult(module, s, task, outcome, at, env);
    events.push(...decided);
    s = decided.reduce((acc, e) => evolve(module, acc, e), s);
  }
  return events;
}

/**
 * What a child case records when its parent recorded one of the events its type listens to (`parentEvents`), e.g. a
 * temporary ID card returned when the card is delivered; a closed child records nothing unless its type keeps it.
 */
export function decideParentEvent(
  module: AnyCaseTypeModule,
  state: CaseState,
  parentEvent: ParentEvent,
  at: string,
  env: DecisionEnv & Pick<ActionContext, 'patched'>,
): AnyEvent[] {
  // A closed child its type keeps (a temporary ID card out until it is handed back) still hears of its parent.
  if (!keepsRunning(module, state) || state.parentCaseId !== parentEvent.parentCaseId || !module.parentEvents?.includes(parentEvent.type)) return [];
  return recordClocks(module, state, module.onParentEvent?.(state, parentEvent, at, env) ?? [], env.calendar);
}

/**
 * What a parent case records when one of its children told it an event (the child type's `tellsParent`): the link, if
 * the parent has not recorded it (a closed case its type keeps records none when the child is lodged, and the two
 * signals may arrive in either order), then what the parent's type decides (`onChildEvent`). A case whose run its type
 * no longer keeps, or whose type listens to no child, records nothing.
 */
export function decideChildEvent(module: AnyCaseTypeModule, state: CaseState, childEvent: ChildEvent, at: string, env: DecisionEnv): AnyEvent[] {
  if (!keepsRunning(module, state) || !module.onChildEvent) return [];
  const linked = state.childCases?.some((c) => c.caseId === childEvent.childCaseId) ?? false;
  const link = linked ? [] : [event(E.ChildCaseLinked, { caseId: childEvent.childCaseId, type: childEvent.childType }, at)];
  const after = link.reduce((s, e) => evolve(module, s, e), state);
  return [...link, ...recordClocks(module, after, module.onChildEvent(after, childEvent, at, env), env.calendar)];
}

/** What a register check answers (免交證): the verifyRecord activity's result. */
export type RegisterAnswer = Pick<RecordCheck, 'ok' | 'detail' | 'facts'>;
