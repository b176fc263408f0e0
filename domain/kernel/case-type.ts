import type { z } from 'zod';
import type { WorkingCalendar } from '../calendar';
import type { ReferenceName, ReferenceSet } from '../reference';
import type { ClockSpec } from '../sla';
import type { CorrectableField } from './corrections';
import type { KernelEvent } from './events';
import type { Refusal } from './guards';
import type { OpenCaseInput, Representative } from './open-schema';
import type { RepresentationRule } from './representation';
import type { ChildEvent, ParentEvent, ParentRule } from './links';
import type { PauseKind } from './shared-actions';
import type { ObjectionView } from './view';
import type { ActivityTaskSpec, Actor, CaseDocument, CaseState, CaseTypeSpec, KernelClock, Registry } from './types';

/**
 * The data a case decides with, as its history carries it: the working-day calendar its deadlines are computed
 * with, and the reference tables in force when it was lodged (only those its type uses).
 */
export interface DecisionEnv {
  calendar: WorkingCalendar;
  reference?: ReferenceSet;
}

/** Everything an action needs besides the case: who acts, when (business time), and the case's data. */
export interface ActionContext extends DecisionEnv {
  actor: Actor;
  at: string;
  /**
   * Whether a change to this code, by id, applies to this case: the workflow answers with Temporal's
   * `patched()`, so a case that decided before the change replays as it was (README, "Changing a case type").
   * Absent outside a workflow: every change applies.
   */
  patched?: (changeId: string) => boolean;
}

/** Whether the change applies: always for new decisions, and on replay only where the history says so. */
export const applies = (ctx: Pick<ActionContext, 'patched'>, changeId: string): boolean => ctx.patched?.(changeId) ?? true;

/** A clock an event starts, and from when (deemed acceptance starts the decision clock back at receipt). */
export interface ClockStart {
  clock: string;
  from: string;
}

/** The events a case type's decisions produce: the kernel's and its own. */
export type EventOf<S extends CaseTypeSpec> = KernelEvent | S['events'];

/** The opening input once the type's `details` schema has accepted it. */
export type OpenInputOf<S extends CaseTypeSpec> = Omit<OpenCaseInput, 'details'> & { details: S['details'] };

/**
 * One caseworker action with its payload type. `guard` says whether this actor may do it to this case
 * now: null, or the refusal (403/409). It is also how `allowedActions` is computed, so the two can
 * never disagree. (Methods, not function properties: a type's actions then fit the kernel's any-type view.)
 */
export interface ActionDefinition<S extends CaseTypeSpec = CaseTypeSpec, Payload = unknown> {
  name: string;
  payload: z.ZodType<Payload>;
  guard(state: CaseState<S>, actor: Actor): Refusal | null;
  decide(state: CaseState<S>, payload: Payload, ctx: ActionContext): EventOf<S>[];
}

/** An activity task as the workflow runs it: which activity, with which input. */
export type ActivityTask<T extends ActivityTaskSpec = ActivityTaskSpec> = T extends unknown
  ? { key: string; kind: 'activity'; activity: T['activity']; input: T['input'] }
  : never;

/**
 * Automated work the workflow carries out through an activity, its outcome recorded as events:
 * a register check (免交證) or another side effect such as card production.
 */
export type PendingTask<T extends ActivityTaskSpec = ActivityTaskSpec> =
  { key: string; kind: 'verify-record'; registry: Registry; subject: string } | ActivityTask<T>;

/** What an activity task came back with; a task that kept failing is an outcome too, never a stuck case. */
export type TaskOutcome<V = unknown> = { ok: true; value: V } | { ok: false; error: string };

/** A task with its outcome: switching on `activity` narrows the task's input and the outcome's value. */
export type TaskResult<T extends ActivityTaskSpec = ActivityTaskSpec> = T extends unknown
  ? { activity: T['activity']; task: ActivityTask<T>; outcome: TaskOutcome<T['value']> }
  : never;

/** What a case type adds to the kernel. A new case type is one folder exporting one of these. */
export interface CaseTypeModule<S extends CaseTypeSpec = CaseTypeSpec> {
  type: S['type'];
  details: z.ZodType<S['details']>;
  /**
   * Domain rules on the opening input beyond its shape (422); `at` is the business instant of lodging. Replayed with the
   * recorded openings: a rule changed since is guarded with `applies(env, id)`.
   */
  checkOpen(input: OpenInputOf<S>, at: string, env: DecisionEnv & Pick<ActionContext, 'patched'>): void;
  /** The reference tables the type decides with: a case gets the versions in force when it is lodged. */
  reference?: ReferenceName[];
  /**
   * Rules for new openings only (422), and what a new opening settles (the deciding office), applied at the API
   * boundary and never on replay (see checkNewOpening); returns the opening to lodge.
   */
  prepareNew?(input: OpenInputOf<S>): OpenInputOf<S>;
  /**
   * Who may lodge for the person the case is about, and when: a parent or guardian for a minor or newborn, a
   * relative, an agent with a power of attorney. Absent or empty: the applicant lodges for themself only. Checked
   * at the API boundary for new openings (checkNewOpening, domain/access/lodging.ts), never on replay.
   */
  representation?: RepresentationRule<S>[];
  /**
   * The representative a type names in its own details rather than in the opening's `representative` (the first
   * ID card's `details.guardian`, older than the kernel field); the kernel's `representative` comes first.
   */
  representativeOf?(input: OpenInputOf<S>): Representative | undefined;
  /** The cases this type is lodged as a child of (`parentCaseId`): which types, and whether it must be. Absent: none. */
  parent?: ParentRule;
  /**
   * Events the type records when its parent case records one of `parentEvents` (the temporary ID card returned
   * when the card is delivered); the parent's workflow signals them to its children.
   */
  parentEvents?: readonly string[];
  /**
   * Parent events added to `parentEvents` after cases were recorded, each with the id of that change: the parent
   * signals one only where its workflow's `patched(id)` answers that the parent decided it with code that knew it, so a
   * recorded parent history replays with the signals it sent (README, "Changing a case type").
   */
  parentEventsAddedBy?: Readonly<Record<string, string>>;
  /**
   * What the type records when its parent recorded one of `parentEvents`. `env.patched` answers whether a change to
   * that decision applies (`applies(env, id)`): a child told of the event before the change replays as it was.
   */
  onParentEvent?(state: CaseState<S>, event: ParentEvent, at: string, env: DecisionEnv & Pick<ActionContext, 'patched'>): EventOf<S>[];
  /**
   * Events of this type its parent case is told of (the other way from `parentEvents`): the child's workflow signals
   * each to the parent, which decides on it in `onChildEvent` (an endorsement filing tells its residence permit).
   */
  tellsParent?: readonly string[];
  /**
   * What the type records when one of its child cases tells it one of that child's `tellsParent` events: while the
   * case runs, a closed case its type keeps (keptAfterClose) included. The kernel records the link first where the case
   * has none yet (a closed case records none when the child is lodged). An answer meant for that child names it in
   * `data.childCaseId`: it goes to that child only, with its data (parentEventsForChildren).
   */
  onChildEvent?(state: CaseState<S>, event: ChildEvent, at: string, env: DecisionEnv): EventOf<S>[];
  /** The office that decides, where the type fixes it (a hukou move-in office); a different given handlingOffice is 422. */
  handlingOffice?(input: OpenInputOf<S>): string;
  /**
   * The identifier of what the case is about where the applicant has no ID or passport number yet (a newborn's birth
   * certificate): other open cases of the type with the same one are possible duplicates, and the case is found by it.
   */
  duplicateKey?(details: S['details']): string | undefined;
  /** Offices that must act on one of this case's steps (for cross-province and office scoping). */
  involvedOffices(input: OpenInputOf<S>): string[];
  /** SLA clocks of this type, keyed by clock name: the kernel's completeness and decision, and its own. */
  clocks: Record<'supplement' | S['clocks'], ClockSpec> & {
    /** Absent where the case is accepted at lodging (acceptedAtLodging): nothing to check for completeness. */
    completeness?: ClockSpec;
    /** Absent where a special law sets the type's own time limit instead (the first ID card: 居民身份证法 art 12). */
    decision?: ClockSpec;
  };
  /**
   * Clocks added to the type after cases of it were recorded, each with the id of that change: the policy snapshotted
   * at opening has one only where the workflow's `patched(id)` answers that the case was opened by code that knew it,
   * so a recorded opening replays with the policy it had (README, "Changing a case type").
   */
  clocksAddedBy?: Partial<Record<S['clocks'], string>>;
  /**
   * The clock `extend-deadline` extends, once, within its spec's maxExtension and unit: the decision clock by default
   * (行政許可法 art 42); the first ID card's issue clock (居民身份證法 art 12).
   */
  extendableClock?: S['clocks'] | 'decision';
  /**
   * The kinds of `pause-clock` the type's rules provide (the clock stands still, approved by the head of the deciding
   * office); absent: those of 行政許可法 art 45 (STATUTORY_PAUSE_KINDS). An `investigation` pause only where listed here.
   */
  pauseKinds?: readonly PauseKind[];
  /** The step names for the shared lifecycle statuses. */
  steps: { intake: string; review: string; after?: string };
  /** Refusal rules: exit-entry refusals need no reason and may be final. */
  refusal: { reasonRequired: boolean; final: boolean; legalBasis: string };
  /** Type-specific actions, beside the shared ones. */
  actions: ActionDefinition<S, unknown>[];
  /** Why approval is not possible yet (409), or null. */
  approvalBlocker(state: CaseState<S>): string | null;
  /** The office that issues one of the type's documents, where it is not the deciding office (GET /verify shows it). */
  issuingOffice?(state: CaseState<S>, document: CaseDocument): string | undefined;
  /**
   * What a decided case of this type may have corrected (request-correction, decide-correction), each field with the
   * law it is corrected under and the documents reissued; none by default (request-correction is then a 409).
   */
  correctable?: readonly CorrectableField<S>[];
  /** Why a decided case may not be revoked now (409), or null; e.g. a hukou already moved out. */
  revocationBlocker?(state: CaseState<S>): string | null;
  /** Events following CaseApproved (documents issued, completion). */
  onApprove(state: CaseState<S>, ctx: ActionContext): EventOf<S>[];
  /**
   * Events following acceptance (receipts, passport returned). `how` tells a caseworker's accept, with the
   * application in hand, from deemed acceptance after the completeness deadline (行政許可法 art 32(4)),
   * where nobody handled anything.
   */
  onAccepted?(state: CaseState<S>, at: string, how: 'accepted' | 'deemed', env: DecisionEnv): EventOf<S>[];
  /** The clocks that run on the applicant's time as well as the office's: they stand still while the case awaits materials. */
  applicantClocks?: (S['clocks'] | KernelClock)[];
  /**
   * Accepted when lodged: the receipt comes with the opening and there is no completeness check nor `accept`
   * action (a port visa, decided on arrival: docs/domain.md §4). The one-time notice stays possible before the decision.
   */
  acceptedAtLodging?: boolean;
  /**
   * A filing (申報, 備案): the case records a fact and its register effect, and completes without acceptance or decision
   * (docs/domain.md §7.9.3: a loss report). Received when lodged, with a filing receipt; no completeness or decision
   * clock, so no 20 WD default; no one-time notice, approval, refusal or revocation: the type's tasks record the effect
   * and complete the case. Withdrawal stays possible until then.
   */
  filing?: boolean;
  /** The office owning one of the type's own clocks, where it is not the deciding office (SLA events are charged to it). */
  clockOwner?(state: CaseState<S>, clock: S['clocks'] | KernelClock): string | undefined;
  /** The type's own clocks an event starts (the kernel starts completeness and decision); `state` is after it. */
  clockStarts?(state: CaseState<S>, event: EventOf<S>): ClockStart[];
  /**
   * Whether the workflow keeps the case after it closed: a document that lives on and is acted on (a residence permit,
   * endorsed every year and replaced when lost). While it does, the type's actions and own timers stay available.
   */
  keptAfterClose?(state: CaseState<S>): boolean;
  /**
   * The type's own timer, where a fact falls due by itself rather than on an SLA clock (a residence permit's yearly
   * endorsement, 居住證暫行條例 art 10): the next one, or null. It rings after the case closed only while the case is kept.
   */
  nextOwnTimer?(state: CaseState<S>): { key: string; at: string } | null;
  /** The events of the own timer `key` that fell due (nextOwnTimer), recorded at `at`; they must move or clear it. */
  onOwnTimer?(state: CaseState<S>, key: string, at: string, env: DecisionEnv): EventOf<S>[];
  /** Automated tasks still to run in the current state (register checks are filtered by the kernel once recorded). */
  pendingTasks(state: CaseState<S>): PendingTask<S['tasks']>[];
  /** Events recording an activity task's outcome (register checks are recorded by the kernel). */
  onTaskResult?(state: CaseState<S>, result: TaskResult<S['tasks']>, at: string): EventOf<S>[];
  /**
   * Events following one of the case's register checks once the kernel recorded its answer (`state` holds it): a
   * decision that waited for the register, such as an assessment made on acceptance only once its records are in.
   */
  onRecordVerified?(state: CaseState<S>, key: string, at: string, env: DecisionEnv): EventOf<S>[];
  /** The objection to the case's decision and its review, as the case view shows it (GET /cases/{id}); none by default. */
  objectionOf?(state: CaseState<S>): ObjectionView | undefined;
  /** Which office must act next, where the kernel's default (intake → receiving, review → handling) is wrong. */
  waitingOn?(state: CaseState<S>): string | null | undefined;
  /**
   * Events decided on the spot with the opening, where a rule answers at once: an application the office may not
   * handle is refused acceptance immediately, telling the applicant whom to ask (行政許可法 art 32(1)(2)).
   */
  onLodged?(state: CaseState<S>, at: string, env: DecisionEnv & Pick<ActionContext, 'patched'>): EventOf<S>[];
  /** The type's own state when the case is lodged. */
  onOpened?(state: CaseState<S>, at: string): CaseState<S>;
  /** Folds one of the type's own events (the kernel folds its own first): documents, extra clocks, progress. */
  evolve(state: CaseState<S>, event: S['events']): CaseState<S>;
}

/** Accepted when lodged: a type that says so (acceptedAtLodging), and every filing, received with its receipt. */
export const acceptedWhenLodged = (module: Pick<CaseTypeModule, 'acceptedAtLodging' | 'filing'>): boolean =>
  module.acceptedAtLodging === true || module.filing === true;

/** Any case type's module, as the kernel handles it. */
export type AnyCaseTypeModule = CaseTypeModule<CaseTypeSpec>;

/**
 * The registry of case types: each under the name its module declares. The name check is the reason
 * for this identity function; `domain/case-types.ts` derives the `CaseType` union from what it returns.
 */
export const defineCaseTypes = <R extends { readonly [K in keyof R & string]: CaseTypeModule<CaseTypeSpec & { type: K }> }>(registry: R): R => registry;
