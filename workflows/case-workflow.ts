import {
  allHandlersFinished,
  condition,
  proxyActivities,
  sleep,
  proxyLocalActivities,
  setHandler,
  getExternalWorkflowHandle,
  uuid4,
  workflowInfo,
  ActivityFailure,
  ApplicationFailure,
  DeterminismViolationError,
} from '@temporalio/workflow';
import {
  accessPolicy,
  caseTypeModule,
  changedYears,
  createWorkingCalendar,
  decideCalendarPublished,
  decideAction,
  decideChildEvent,
  decideChildLinked,
  decideParentEvent,
  isClosed,
  LINKS_REACH_ENDED_RUNS,
  parentEventsForChildren,
  parentEventsForLateChild,
  decideOpen,
  decideTaskResult,
  decideTaskResults,
  decideTimers,
  DomainError,
  fold,
  keepsRunning,
  nextWakeUp,
  pendingTasks,
  policyFor,
  systemEventOffice,
  versionSeenAtLodging,
  type CaseEvent,
  type ChildLink,
  type CaseState,
  type CaseTypeModule,
  type PendingTask,
  type TaskOutcome,
  type DecisionEnv,
  type ReferenceSet,
  type WorkingCalendar,
} from './domain';
import type { CaseActivities, LoadedEvent, RelativeMessage, TaskActivity } from '../activities/types';
import { businessNowMs, wallMsUntil } from './business-clock';
import { committedForm } from './earlier-forms';
import { eventIdAt } from './event-ids';
import {
  appendedEventsQuery,
  calendarPublishedUpdate,
  childCaseLinkedSignal,
  childEventSignal,
  parentEventSignal,
  caseActionUpdate,
  caseStateQuery,
  openCaseUpdate,
  streamIdOf,
  ACCESS_NOT_CHECKED,
  type CaseActionCommand,
  type CaseWorkflowArgs,
  type CommandEnvelope,
  type OpenCaseCommand,
  type PublishedCalendar,
} from './definitions';
import { Alarm } from './alarm';
import { changesOfThisRun } from './changes';
import { asFailure } from './domain-failure';
import { Mutex } from './mutex';

// A local activity: the append runs in the worker, inside the workflow task, with no round trip through the
// server. After a worker crash the batch is decided again (same event ids, a later `at`); the activity then
// returns the batch as first committed and the workflow adopts those facts (activities/append-events.ts).
const { appendEvents, loadCase } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 ms', maximumAttempts: 10, nonRetryableErrorTypes: ['WrongExpectedVersion', 'IdempotencyConflict'] },
});
// Registers and the card production centre fail transiently now and then: retry, then record the failure.
// A worker that dies mid-task is noticed only when the attempt times out: this bounds how long a crash
// stalls a case (local registers answer in ms, card production in about a second).
const tasks = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumAttempts: 5 },
});
// Reads (register checks, photo lookups) change nothing, so they may run again after a crash: they first run
// as local activities in the same workflow task as the command that made them due, so a case is lodged and
// checked in one server round trip. A source slower than this falls back to a regular activity (`tasks`).
const reads = proxyLocalActivities<CaseActivities>({
  scheduleToCloseTimeout: '3 seconds',
  retry: { initialInterval: '100 ms', backoffCoefficient: 2, maximumAttempts: 3 },
});
// The register checks a command made due, asked together while the command is answered (`answerChecks`): one local
// activity for all, once. A check it leaves unanswered is asked again on its own, as above.
// Likewise the photo lookup a command made due, asked once beside them (`readsMadeDue`).
const once = proxyLocalActivities<CaseActivities>({ scheduleToCloseTimeout: '3 seconds', retry: { maximumAttempts: 1 } });
/**
 * The change after which a command that makes register checks due answers with their results: the opening or action
 * asks them together and records their answers before it returns (`answerChecks`), instead of answering with the
 * checks pending while the workflow task it is answered in waited for them anyway. In changes.ts's next list: decided
 * at the start of a run started since; absent from any other.
 */
const CHECKS_ANSWERED_WITH_THE_COMMAND = 'checks-answered-with-the-command';
/**
 * The change after which the reads a command makes due (its register checks and its photo lookup) are asked before the
 * command's append, on the case its events leave, and their answers recorded in that same append (`commit`,
 * `readsMadeDue`): an ID card's opening asks its checks and its photo lookup at once and appends once, where it ran five
 * local activities one after the other (append, checks, append, photo lookup, append). In changes.ts's list `-5`.
 */
const READS_IN_THE_COMMAND_APPEND = 'reads-in-the-command-append';
/** The change after which a run ends in a workflow task of its own, after the one of its last append (see the end of caseWorkflow). */
const RUN_ENDS_IN_A_TASK_OF_ITS_OWN = 'run-ends-in-a-task-of-its-own';
/**
 * The change after which a run names its events by their stream version (event-ids.ts) and each system decision by what
 * it decides on, and takes the events a lost attempt of a workflow task appended instead of failing on them (`commit`).
 * Listed in changes.ts: decided at the start of a run started since, asked at its first append in others.
 */
const APPENDS_TAKE_LOST_ATTEMPTS = 'appends-take-lost-attempts';
/**
 * The change after which a run restoring its case takes the events a lost attempt of its own first workflow task
 * appended (`restore`), as an append that finds them does (`take`). Before it they were folded as the case's past and
 * what they decided was decided again on them: a relative's event told to a closed case (an endorsement filing to its
 * residence permit) was recorded, then refused as already done, and the refusal was what the relative heard. In
 * changes.ts's list `-6`.
 */
const RESTORE_TAKES_LOST_ATTEMPTS = 'restore-takes-lost-attempts';
/**
 * The change after which a relative's event is decided once: told again, it is not decided again (`heardBefore`). The
 * tellCase activity delivers a signal at least once (retried when its worker stopped after the signal got through), and
 * an endorsement filing told twice was recorded, then refused as already endorsed, the refusal told to the filing. In
 * changes.ts's list `-6`.
 */
const RELATIVE_EVENTS_DECIDED_ONCE = 'relative-events-decided-once';

const isRead = (task: PendingTask) => task.kind === 'verify-record' || task.activity === 'lookupPhoto';

/** A case, as a story: it is lodged, its records are checked, caseworkers act, its clocks run until it closes. */
export async function caseWorkflow({ caseId, timeScale: startScale, reopen }: CaseWorkflowArgs): Promise<CaseState | null> {
  // First of all, before any await: which guarded changes this run decides with (changes.ts says why).
  const patched = changesOfThisRun();
  const checksAnswered = patched(CHECKS_ANSWERED_WITH_THE_COMMAND);
  const readsInTheAppend = patched(READS_IN_THE_COMMAND_APPEND);
  const restoreTakes = patched(RESTORE_TAKES_LOST_ATTEMPTS);
  const relativesOnce = patched(RELATIVE_EVENTS_DECIDED_ONCE);
  let module: CaseTypeModule | undefined;
  let state: CaseState | null = null;
  let correlationId = caseId;
  const appended: string[] = [];
  // A run restoring the case from its stream (`reopen`): the commands the stream already holds, so that one sent
  // again (its answer lost when the earlier run ended) is answered, never applied twice. Empty in a case's first run.
  // Also the system decisions the stream holds and this run appended, named as `commit` names them (`heardBefore`).
  const applied = new Set<string>();
  let restored = false;
  // A linked opening: the parent's version the API checked the link against, sent to the parent with the link.
  let parentVersion: number | undefined;
  // What a retried workflow task found appended by an attempt whose completion Temporal never received: the commands
  // and system decisions of those events, each done (not decided again) when this attempt comes to it (`take`).
  const taken = new Set<string>();
  // How many times each task has been started in this run: names the decision on each result.
  const starts = new Map<string, number>();
  // Names the run's events (event-ids.ts): the same in every attempt of a workflow task.
  const firstRun = workflowInfo().firstExecutionRunId;
  const streamId = streamIdOf(caseId);
  const lock = new Mutex();
  // The automated tasks under way: started by the loop below (startTask), or asked with a command (answerChecks).
  const running = new Set<string>();
  const newTasks = () => pendingTasks(module!, state!).filter((t) => !running.has(t.key));
  let timeScale = startScale ?? 1;
  // The working-day calendar reaches the case only through its history: the one it was lodged with, then
  // each one published since (calendarPublished). Deadlines are computed with it and recorded on the events.
  let published: PublishedCalendar | undefined;
  let calendar: WorkingCalendar | undefined;
  // The reference tables in force when the case was lodged (its type's): they govern it for life.
  let reference: ReferenceSet | undefined;
  const env = (): DecisionEnv => ({ calendar: calendar!, reference });
  const useCalendar = (c: PublishedCalendar) => {
    published = c;
    calendar = createWorkingCalendar({ years: c.years }, c.version);
    return calendar;
  };

  // The instant a decision is made at: the workflow's business time, or, while a replay decides a batch again at the
  // instant its append committed it (`append`), that instant.
  let decidingAt: string | undefined;
  const now = () => decidingAt ?? new Date(businessNowMs(state?.openedAt, timeScale)).toISOString();
  const moduleOf = (type: string) => {
    try {
      return caseTypeModule(type);
    } catch {
      return undefined; // a relative of a type this build does not know listens to nothing
    }
  };
  const system: CommandEnvelope = {
    actor: { id: 'system', role: 'admin', office: '000000' },
    commandId: '',
    correlationId: '',
  };

  /**
   * Appends decided events to the case stream, then folds the events as committed into the workflow's state.
   * On replay the append's recorded answer says what was committed: if this code decides something else, the
   * workflow task fails rather than let the case drift away from its stream.
   *
   * `decide` is called again when the append finds the stream moved on by this run's own events: a workflow task whose
   * append committed but whose completion Temporal never received (the worker died, the server lost it) runs again,
   * and a command that arrived meanwhile is handed over before the result the lost attempt had decided on. Those
   * events are facts: they are taken (`take`), and the decision is made again on the case as the stream holds it,
   * unless it is one of them. `decision` names a system decision by what it decides on, the same in every attempt.
   *
   * With `withReads`, the reads the events make due are asked first (`readsMadeDue`), and what the system decides on
   * their answers is appended with the events, in the same batch.
   */
  async function commit(
    decide: () => CaseEvent[],
    cmd: CommandEnvelope,
    { decision, otherForms, withReads = false }: { decision?: string; otherForms?: () => CaseEvent[][]; withReads?: boolean } = {},
  ): Promise<void> {
    const decided = cmd.commandId || `system-${decision}`;
    for (;;) {
      if (taken.delete(decided)) return; // the lost attempt decided it: its events are already folded
      const events = decide();
      if (events.length === 0) return;
      const asked: string[] = [];
      try {
        const at = (instant: string) => {
          decidingAt = instant;
          try {
            return decide();
          } finally {
            decidingAt = undefined;
          }
        };
        if (await append(events, withReads ? await readsMadeDue(events, asked) : { events: [], on: state }, at)) return;
      } finally {
        for (const key of asked) running.delete(key);
      }
    }

    /**
     * Appends the events with what the system decided on the reads; false when it took a lost attempt's events instead.
     * `decideAt` decides the same events again at another instant.
     */
    async function append(
      events: CaseEvent[],
      answered: { events: CaseEvent[]; on: CaseState | null },
      decideAt: (instant: string) => CaseEvent[],
    ): Promise<boolean> {
      const byVersion = patched(APPENDS_TAKE_LOST_ATTEMPTS);
      const first = (state?.version ?? 0) + 1;
      const stamp = (by: CommandEnvelope, on: CaseState | null, commandId: string) => (e: CaseEvent, i: number) => ({
        id: byVersion ? eventIdAt(firstRun, streamId, first + i) : uuid4(),
        type: e.type,
        data: e.data,
        metadata: {
          ...(e.clocks ? { clocks: e.clocks } : {}),
          ...(e.documents ? { documents: e.documents } : {}),
          actor: by.actor.id,
          role: by === system ? 'system' : by.actor.role,
          // System events belong to the office that owns their clock (SLA events), else the deciding office, so
          // that each office's province is alerted of its own clocks (docs/domain.md §1).
          office: by === system ? systemEventOffice(module!, on!, e) : by.actor.office,
          at: e.at,
          commandId,
          correlationId: by.correlationId || correlationId,
        },
      });
      const stored = [
        ...events.map(stamp(cmd, state, cmd.commandId || (byVersion ? decided : `system-${uuid4()}`))),
        // The system's, named after the command whose reads they answer, stamped on the case the events leave.
        ...answered.events.map((e, i) => stamp(system, answered.on, `system-reads-${cmd.commandId}`)(e, events.length + i)),
      ];
      const all = [...events, ...answered.events];
      const expectedVersion = state?.version ?? 'no-stream';
      const result = await appendEvents({ streamId, expectedVersion, events: stored, ...(byVersion ? { run: firstRun } : {}) });
      if (result.moved) {
        await take(result.moved);
        return false;
      }
      // On replay the recorded digest says what the stream holds: these events, or the form an earlier build decided
      // them in (earlier-forms.ts); anything else is a change to running cases that was not guarded.
      const forms = otherForms && (() => otherForms().map((form) => [...form, ...answered.events]));
      let held = !result.committed && result.digest !== undefined ? committedForm(all, result.digest, forms) : all;
      // A batch whose facts hold its instant (a clock's start, a deadline) decided at a later workflow time than the one
      // it was committed at: the SDK completed a retried workflow task with what an attempt of it that timed out had
      // decided (a frozen worker thawed), so the replay reads the retry's time. Decided again at the committed instant,
      // it is the batch the stream holds. (Only where the batch is the decision alone: reads answered in it were
      // decided on answers a replay does not ask again.)
      const committedAt = result.ats?.[0];
      let batch = all;
      if (!held && result.digest !== undefined && committedAt !== undefined && answered.events.length === 0 && committedAt !== all[0]?.at) {
        batch = decideAt(committedAt);
        held = committedForm(batch, result.digest);
      }
      if (!held) {
        throw new DeterminismViolationError(
          `case ${caseId}: the events decided for versions ${first}–${first + all.length - 1} (${all.map((e) => e.type).join(', ')}) differ from those committed; ` +
            'a change to domain/ or workflows/ that changes running cases must be guarded with patched()',
        );
      }
      if (cmd === system) applied.add(decided);
      const ats = result.ats;
      await adopt(
        result.committed ?? (ats ? held.map((e, i) => ({ ...e, at: ats[i] })) : held),
        batch,
        stored.map((e) => e.id),
      );
      return true;
    }
  }

  /**
   * The reads `events` make due (register checks, the photo lookup), asked before the events are appended, and what the
   * system decides on their answers, on the case the events leave (`on`). The checks are asked together (as answerChecks
   * does) beside the lookup, each once: a register or photo store that fails or is slow (activities/verify-record.ts,
   * CHECK_IN_A_BATCH_MS) is left out, and once the events are folded the loop asks it on its own, with its retries and
   * its fallback. A read changes nothing, so asking before the append costs nothing if the append is refused.
   */
  async function readsMadeDue(events: CaseEvent[], asked: string[]): Promise<{ events: CaseEvent[]; on: CaseState }> {
    const on = fold(module!, events, state)!; // not null: the events are not none
    const due = pendingTasks(module!, on).filter((t) => isRead(t) && !running.has(t.key));
    if (due.length === 0) return { events: [], on };
    // Under way until the answers are folded (commit lets them go): the loop does not ask them meanwhile.
    for (const { key } of due) {
      asked.push(key);
      running.add(key);
    }
    const checks = due.flatMap((t) => (t.kind === 'verify-record' ? [t] : []));
    const lookups = due.filter((t) => t.kind !== 'verify-record');
    const [answered, found] = await Promise.all([
      askTogether(checks),
      Promise.all(
        lookups.map((task) =>
          call(task, once).then(
            (value) => [{ task, outcome: { ok: true as const, value } }],
            () => [],
          ),
        ),
      ),
    ]);
    const results = [...answered, ...found.flat()];
    return { events: results.length === 0 ? [] : asFailure(() => decideTaskResults(module!, on, results, now(), { ...env(), patched })), on };
  }

  /** Folds events the stream holds into the state, records their ids as the run's, and tells the relatives they concern. */
  async function adopt(committed: CaseEvent[], decided: CaseEvent[], ids: string[]): Promise<void> {
    appended.push(...ids);
    const before = state;
    state = fold(module!, committed, state);
    const signals = tellRelatives(before, decided);
    // No extra await for a case without relatives: its commands stay in the order its recorded history has them.
    if (signals.length > 0) await Promise.all(signals);
  }

  /**
   * Events the run appended in a workflow task attempt whose completion was lost, found by a later append: facts,
   * folded and recorded as the run's own. Their commands and decisions are done; the relatives they concern were not
   * told (the lost attempt's signals went with it), so they are told now.
   */
  async function take(moved: LoadedEvent[]): Promise<void> {
    for (const { commandId } of moved) {
      if (!commandId) continue;
      applied.add(commandId);
      taken.add(commandId);
    }
    const events = moved.map(({ id: _id, commandId: _command, ...e }) => e as CaseEvent);
    await adopt(
      events,
      events,
      moved.map((e) => e.id),
    );
  }

  /**
   * Linked cases (domain/kernel/links.ts): a case lodged with a parent tells the parent, which records the link; a
   * parent tells each child the events its type listens to, and a child tells its parent the events its type tells
   * (tellsParent). Only cases lodged linked (none before links existed) send anything, so recorded histories replay
   * the same; an event a child's type listens to since a later change (parentEventsAddedBy) is sent only where
   * patched() says the parent decided it with that change.
   */
  function tellRelatives(before: CaseState | null, events: CaseEvent[]): Promise<void>[] {
    const s = state!;
    const signals: Promise<void>[] = [];
    if (!before && s.parentCaseId) {
      const child = { caseId, type: s.type, ...(parentVersion !== undefined ? { parentVersion } : {}) };
      signals.push(tell(s.parentCaseId, { signal: 'childCaseLinked', child }));
    }
    for (const { childCaseId, ...e } of parentEventsForChildren(s, events, moduleOf, patched)) {
      signals.push(tell(childCaseId, { signal: 'parentEvent', event: { parentCaseId: caseId, ...e } }));
    }
    const told = module!.tellsParent ?? [];
    for (const e of s.parentCaseId && told.length > 0 ? events.filter((ev) => told.includes(ev.type)) : []) {
      const childEvent = { childCaseId: caseId, childType: s.type, type: e.type, data: e.data as Record<string, unknown>, at: e.at };
      signals.push(tell(s.parentCaseId!, { signal: 'childEvent', event: childEvent }));
    }
    return signals;
  }

  /**
   * Signals a linked case's workflow. A relative whose run has ended (it closed, or its history is no longer kept) is
   * told through the tellCase activity, which starts its workflow again from its stream (reopen). Before that change a
   * relative whose run had ended was not reached; the case goes on either way.
   */
  async function tell(relative: string, message: RelativeMessage): Promise<void> {
    const handle = getExternalWorkflowHandle(relative);
    try {
      if (message.signal === 'childCaseLinked') await handle.signal(childCaseLinkedSignal, message.child);
      else if (message.signal === 'parentEvent') await handle.signal(parentEventSignal, message.event);
      else await handle.signal(childEventSignal, message.event);
      return;
    } catch {
      if (!patched(LINKS_REACH_ENDED_RUNS)) return;
    }
    const reopen = { taskQueue: workflowInfo().taskQueue, calendar: published!, ...(timeScale !== 1 ? { timeScale } : {}) };
    // Retried by the activity's policy; a relative still out of reach after that is left as before the change.
    await tasks.tellCase({ caseId: relative, message, reopen }).catch(() => undefined);
  }

  /**
   * A child linked after this case closed (lodged while it closed, or a type that takes a closed parent), or after it
   * recorded events since the child's lodging read it: it missed what it listens to (a card case's withdrawal or its
   * photo, to its temporary ID card), so it is told now, from the stream (parentEventsForLateChild).
   */
  async function tellLateChild(child: ChildLink): Promise<void> {
    if (!moduleOf(child.type)?.parentEvents?.length) return;
    const { events } = await loadCase({ caseId });
    const missed = parentEventsForLateChild(state!, child, events, moduleOf, patched);
    await Promise.all(missed.map(({ childCaseId, ...e }) => tell(childCaseId, { signal: 'parentEvent', event: { parentCaseId: caseId, ...e } })));
  }

  /**
   * The case as its stream holds it, for a run started after the earlier one ended: the stream is the truth, so the
   * run folds it as committed and records its event ids as its own (the integrity check compares them with the store).
   */
  async function restore(calendar: PublishedCalendar): Promise<void> {
    const { events } = await loadCase({ caseId });
    if (events.length > 0) {
      module = asFailure(() => caseTypeModule((events[0].data as { type: string }).type));
      useCalendar(calendar);
      // Events named as this run names its own (event-ids.ts) were appended by an attempt of this very task whose
      // completion Temporal never received: they are taken after the past is folded, so that the signal or command
      // that decided them is not decided again, and the relatives they concern are told.
      const own = restoreTakes ? events.findIndex((e, i) => e.id === eventIdAt(firstRun, streamId, i + 1)) : -1;
      const past = own < 0 ? events : events.slice(0, own);
      state = fold(
        module,
        past.map(({ id: _id, commandId: _command, ...e }) => e),
      );
      appended.push(...past.map((e) => e.id));
      for (const e of past) if (e.commandId) applied.add(e.commandId);
      if (own >= 0) await take(events.slice(own));
    }
    restored = true;
  }
  // First in the lock: every command sent to this run is decided on the restored case.
  const restoring = reopen ? lock.run(() => restore(reopen.calendar)) : undefined;

  setHandler(caseStateQuery, () => state);
  setHandler(appendedEventsQuery, () => appended);

  setHandler(
    openCaseUpdate,
    (cmd) =>
      lock.run(async () => {
        if (state) return state; // a retried opening: the case already exists
        module = asFailure(() => caseTypeModule(cmd.input.type));
        // Histories recorded before the scale became a start argument carry it in the opening: they replay the same.
        if (startScale === undefined && cmd.timeScale !== undefined) timeScale = cmd.timeScale;
        const policy = policyFor(module, patched);
        const cal = useCalendar(cmd.calendar);
        reference = cmd.reference;
        const at = now();
        const decide = (p: typeof policy) =>
          decideOpen(module!, cmd.input, {
            caseId,
            actor: cmd.actor,
            at,
            policy: p,
            calendar: cal,
            reference,
            possibleDuplicates: cmd.possibleDuplicates,
            patched,
          });
        const events = asFailure(() => decide(policy));
        correlationId = cmd.correlationId;
        parentVersion = cmd.parentVersion;
        // An opening recorded while a clock its type added later (clocksAddedBy) was not yet guarded holds every clock
        // in its policy, with no marker to say so: the stream's form is then the opening with the full policy.
        // A stream a lost attempt of this task opened (`take`) is a case already lodged: nothing more to decide.
        await commit(() => (state ? [] : events), cmd, { otherForms: () => [decide(policyFor(module!))], withReads: readsInTheAppend });
        if (checksAnswered && !readsInTheAppend) await answerChecks(cmd);
        return state!;
      }),
    {
      validator(cmd: OpenCaseCommand) {
        if (state) return;
        asFailure(() => {
          const m = caseTypeModule(cmd.input.type);
          const cal = createWorkingCalendar({ years: cmd.calendar.years }, cmd.calendar.version);
          decideOpen(m, cmd.input, {
            caseId,
            actor: cmd.actor,
            at: now(),
            policy: policyFor(m),
            calendar: cal,
            reference: cmd.reference,
            possibleDuplicates: cmd.possibleDuplicates,
          });
        });
      },
    },
  );

  setHandler(
    caseActionUpdate,
    (cmd) =>
      lock.run(async () => {
        if (applied.has(cmd.commandId)) return opened(state);
        await commit(
          () => asFailure(() => decideAction(module!, opened(state), cmd.action, cmd.payload, { actor: cmd.actor, at: now(), ...env(), patched })),
          cmd,
          { withReads: readsInTheAppend },
        );
        if (checksAnswered && !readsInTheAppend) await answerChecks(cmd);
        return state!;
      }),
    {
      // A validator may not call patched(): it checks the command with every change applied. Who may see the case is
      // checked first, on the case as it is now, so the API need not read it before (a caller who may not see it, or a
      // case not lodged, is told there is no such case, as a read would tell them). A run still restoring the case has
      // nothing to check against: it takes only commands whose caller the API checked against the stream (its handler
      // decides them once the case is restored) and turns the others back to the API, unapplied.
      validator(cmd: CaseActionCommand) {
        if (reopen && !restored) {
          if (!cmd.accessChecked) throw ApplicationFailure.nonRetryable('the case is being restored', ACCESS_NOT_CHECKED);
          return;
        }
        asFailure(() => {
          if (!state || !accessPolicy.maySee(cmd.actor, state)) throw new DomainError('not-found', 'no such case');
        });
        if (applied.has(cmd.commandId)) return;
        asFailure(() => decideAction(module!, opened(state), cmd.action, cmd.payload, { actor: cmd.actor, at: now(), ...env() }));
      },
    },
  );

  setHandler(childCaseLinkedSignal, (child) =>
    lock.run(async () => {
      if (!state) return;
      const closed = isClosed(state);
      let linked: CaseEvent[] = [];
      await commit(() => (linked = decideChildLinked(state!, child, now(), patched)), system, { decision: `link-${child.caseId}` });
      // Asked only of links that carry the version their lodging read (none before the change), open or closed.
      if (linked.length > 0 && (closed || versionSeenAtLodging(child, patched) !== undefined)) await tellLateChild(child);
    }),
  );
  /** A relative's event this case has decided on already (in its stream, or appended by this run), told again. */
  const heardBefore = (decision: string) => relativesOnce && applied.has(`system-${decision}`);
  setHandler(parentEventSignal, (parentEvent) =>
    lock.run(async () => {
      const decision = `parent-${parentEvent.parentCaseId}-${parentEvent.type}-${parentEvent.at}`;
      if (state && !heardBefore(decision))
        await commit(() => decideParentEvent(module!, state!, parentEvent, now(), { ...env(), patched }), system, { decision });
    }),
  );

  setHandler(childEventSignal, (childEvent) =>
    lock.run(async () => {
      const decision = `child-${childEvent.childCaseId}-${childEvent.type}-${childEvent.at}`;
      if (state && !heardBefore(decision)) await commit(() => decideChildEvent(module!, state!, childEvent, now(), env()), system, { decision });
    }),
  );

  setHandler(calendarPublishedUpdate, (next) =>
    lock.run(async () => {
      // Not lodged yet: the opening brings the calendar of its day. Already known: nothing to do.
      if (!state || !published || published.version === next.version) return state?.version ?? null;
      const changed = changedYears(published.years, next.years);
      const cal = useCalendar(next);
      await commit(() => decideCalendarPublished(state!, cal, changed, now()), system, { decision: `calendar-${next.version}` });
      return state.version;
    }),
  );

  if (restoring) {
    // A decided case takes the commands sent to it and ends again; one whose run ended while it was still open
    // (its history no longer kept) carries on below, its clocks and tasks as the stream left them.
    await restoring;
    if (!state) {
      await condition(allHandlersFinished);
      return null;
    }
    // A closed case decides the commands this run was started for before it is let go again: one may make its type
    // keep it (an objection whose review runs on a clock). No command is issued by the wait itself.
    if (!keepsRunning(module!, state)) await condition(allHandlersFinished);
  } else if (!(await condition(() => state !== null, '10 minutes'))) {
    // A workflow started for a case that never got lodged (the opening was refused) ends quietly.
    return null;
  }

  // Tasks run beside the clocks: a slow register or production centre never delays an SLA event.
  const alarm = new Alarm();
  // A closed case its type keeps (a residence permit in force: endorsed, replaced) stays here until it lets it go.
  while (keepsRunning(module!, state!)) {
    newTasks().forEach(startTask);
    alarm.set(nextWakeUp(module!, state!), (at) => wallMsUntil(at, Date.parse(now()), timeScale));
    const seen = state!.version;
    await condition(() => state!.version !== seen || newTasks().length > 0 || alarm.rang);
    if (alarm.rang) {
      const dueAt = alarm.rangFor!;
      alarm.reset();
      // What a wake-up decides depends only on the history: the instant the timer was set for, never the clock of
      // the workflow task that runs it. A task retried after its append committed (a worker crash), or one that
      // ran in a later task than on replay, decides the same batch; transitions due after that instant (a worker
      // that was down) are caught up one timer each. Cases woken before this change keep deciding at their clock.
      const at = patched('timers-decided-at-their-instant') ? dueAt : now();
      await lock.run(() => commit(() => decideTimers(module!, state!, at, env()), system, { decision: `timer-${at}` }));
    }
  }
  alarm.cancel();

  const settled = () => running.size === 0 && allHandlersFinished();
  const version = () => state?.version;
  await condition(settled);
  // The run ends in a workflow task that appends nothing. Temporal refuses to end a run while a signal or an update it
  // has not yet handed over waits (a child's link arriving as the case closes): it drops that workflow task, and the
  // command whose events it appended would be lost (its caller told it failed) although its events are in the stream,
  // and the signal decided again on the case without them, with the same event ids. A timer first ends the task of the
  // last append; the run ends once a task passes in which nothing more was appended.
  if (patched(RUN_ENDS_IN_A_TASK_OF_ITS_OWN)) {
    for (let seen = version(); ; seen = version()) {
      await sleep(1);
      await condition(settled);
      if (version() === seen) break;
    }
  }
  return state;

  /**
   * The register checks the command just decided made due, asked together and recorded before the command answers, so
   * the answer shows what the registers hold (the caseworker at the counter sees at once which certificates the state
   * already has). A register that fails or is slow (activities/verify-record.ts, CHECK_IN_A_BATCH_MS) is left to the
   * loop above, which asks it again on its own with retries; checks already under way are not asked twice.
   */
  async function answerChecks(cmd: CommandEnvelope): Promise<void> {
    if (!state) return;
    const checks = newTasks().flatMap((t) => (t.kind === 'verify-record' ? [t] : []));
    if (checks.length === 0) return;
    for (const t of checks) running.add(t.key);
    try {
      const results = await askTogether(checks);
      if (results.length === 0) return;
      await commit(() => decideTaskResults(module!, state!, results, now(), { ...env(), patched }), system, { decision: `checks-${cmd.commandId}` });
    } finally {
      for (const t of checks) running.delete(t.key);
    }
  }

  /** Register checks asked in one local activity, once: the answered ones, as task results; none if it failed. */
  async function askTogether(checks: Extract<PendingTask, { kind: 'verify-record' }>[]): Promise<{ task: PendingTask; outcome: TaskOutcome }[]> {
    if (checks.length === 0) return [];
    const answers = await once.verifyRecords({ caseId, checks: checks.map(({ registry, subject }) => ({ registry, subject })) }).catch(() => []);
    return checks.flatMap((task, i) => {
      const answer = answers[i];
      return answer?.answered ? [{ task, outcome: { ok: true as const, value: answer.result } }] : [];
    });
  }

  /** Runs one automated task (register check, photo store, card production) and records its outcome. */
  function startTask(task: PendingTask): void {
    running.add(task.key);
    const decision = `task-${task.key}-${(starts.get(task.key) ?? 0) + 1}`;
    starts.set(task.key, (starts.get(task.key) ?? 0) + 1);
    void run(task)
      .then((outcome) => lock.run(() => commit(() => decideTaskResult(module!, state!, task, outcome, now(), { ...env(), patched }), system, { decision })))
      .finally(() => running.delete(task.key));
  }

  /** Asks for one task's activity through `via` (local or not, with its retries). */
  function call(task: PendingTask, via: typeof tasks): Promise<unknown> {
    return task.kind === 'verify-record'
      ? via.verifyRecord({ caseId, registry: task.registry, subject: task.subject })
      : // The kernel sees any case type, so the name is a plain string here; activities/types.ts types each
        // activity by the input and value its case type declares.
        (via[task.activity as TaskActivity] as (input: object) => Promise<unknown>)({ caseId, ...task.input });
  }

  async function run(task: PendingTask): Promise<TaskOutcome> {
    try {
      const value = isRead(task) ? await call(task, reads).catch(() => call(task, tasks)) : await call(task, tasks);
      return { ok: true, value };
    } catch (e) {
      const why = e instanceof ActivityFailure && e.cause ? e.cause.message : 'unknown error';
      return { ok: false, error: `${task.kind === 'verify-record' ? `the ${task.registry} register` : task.activity} failed: ${why}` };
    }
  }
}

function opened(state: CaseState | null): CaseState {
  if (state) return state;
  return asFailure(() => {
    throw new DomainError('not-found', 'the case has not been lodged');
  });
}
