import { patched as sdkPatched, workflowInfo } from '@temporalio/workflow';

/**
 * Which guarded changes a run decides with, decided once, in the first workflow task of the run.
 *
 * `patched(id)` records a marker at the point of the history where it is first called, and a replay must call it at
 * the same point. Called after awaits on local activities, timers and handlers, that point is as fragile as their
 * interleaving: a run that ended in one workflow task replayed with its end in another ("patch marker encountered
 * ... but there is no corresponding change command", seen once in a test run under load). A run started by this build
 * records one marker, before anything else it does, and with it every change listed here is in effect for the whole
 * run; a run started before (no such marker in its first task) asks `patched(id)` where it always did, so recorded
 * histories replay unchanged. It also spares a new run one marker per change.
 *
 * This list is frozen once a build with it is released: runs and recorded histories hold the marker and rely on exactly
 * these ids. A change made later is guarded with its own `patched(id)` (the fallback below), or joins the next list
 * (below), whose marker a run started since records instead of this one.
 */
export const CHANGES_DECIDED_AT_START = 'changes-decided-at-start-1';

export const CHANGES_IN_EFFECT_FROM_THE_START: ReadonlySet<string> = new Set([
  'cross-province-routing',
  'pause-kinds-by-type',
  'id-card-fee-assessed',
  'kinship-role-compared',
  'hukou-permit-residence-years',
  'temporary-id-card-case-closed',
  'temporary-id-card-delivery-clock',
  'no-criminal-record-objection-clock',
  'no-criminal-record-request-log',
  'foreigner-residence-permit-work-permit-cap',
  'foreigner-residence-permit-collection-clock',
  'timers-decided-at-their-instant',
  'linked-cases-reach-ended-runs',
  'run-ends-in-a-task-of-its-own',
  // A temporary ID card refused when its card case delivers the card first; a parent telling a child what it recorded
  // since the child's lodging read it (both asked in signal handlers, after waits on the lock and appends).
  'temporary-id-card-card-collected',
  'linked-child-told-since-lodging',
  // A retried workflow task takes the events a lost attempt of it appended (case-workflow.ts, `commit`): asked at a
  // run's first append otherwise.
  'appends-take-lost-attempts',
]);

/**
 * The next list: the first one and the changes made after it was released. A run started by this build records this
 * marker alone (one marker, as before, not one more per change); a run that has it is asked for no other start marker.
 * A run started before has the first marker or none: asked for this one, it finds it absent and goes on as it did.
 * Frozen: runs and recorded histories hold its marker (a later change joined the list `-5`, below).
 */
export const CHANGES_DECIDED_AT_START_NEXT = 'changes-decided-at-start-4';

export const CHANGES_IN_EFFECT_FROM_THE_START_NEXT: ReadonlySet<string> = new Set([
  ...CHANGES_IN_EFFECT_FROM_THE_START,
  // A command that makes register checks due asks them together and answers with them (case-workflow.ts, answerChecks).
  'checks-answered-with-the-command',
]);

/**
 * The list after the next: the next one and the changes made after it. A run started by this build records this marker
 * alone; a run that has the next list's marker (or an earlier one) finds this one absent and goes on as it did.
 * Frozen once a build with it runs cases anywhere, like the others (a later change started the list `-6`).
 */
export const CHANGES_DECIDED_AT_START_5 = 'changes-decided-at-start-5';

export const CHANGES_IN_EFFECT_FROM_THE_START_5: ReadonlySet<string> = new Set([
  ...CHANGES_IN_EFFECT_FROM_THE_START_NEXT,
  // The reads a command makes due (register checks, photo lookup) are asked before its append and answered in it
  // (case-workflow.ts, commit).
  'reads-in-the-command-append',
]);

/**
 * The list -6: the list -5 and the changes made after it. A run started by this build records this marker alone; a run
 * that has the list -5's marker (or an earlier one) finds this one absent and goes on as it did. Frozen once a build
 * with it runs cases anywhere; a later change starts a list `-7` the same way.
 */
export const CHANGES_DECIDED_AT_START_6 = 'changes-decided-at-start-6';

export const CHANGES_IN_EFFECT_FROM_THE_START_6: ReadonlySet<string> = new Set([
  ...CHANGES_IN_EFFECT_FROM_THE_START_5,
  // A run restoring its case takes the events a lost attempt of its own first task appended, as an append that finds
  // them does, instead of folding them as the case's past and deciding their signal or command again (case-workflow.ts,
  // restore).
  'restore-takes-lost-attempts',
  // A relative's event told again (the tellCase activity retried) is not decided again (case-workflow.ts, heardBefore).
  'relative-events-decided-once',
]);

/**
 * Markers a released build recorded beside the first one, when the changes of this list were spread over three lists:
 * runs it started hold them in their first task, and a replay must ask for them there (a marker nobody asks for is
 * nondeterminism). They decide nothing more: every run that has them has the first marker, which puts the whole list
 * in effect. Asked only while replaying: a run started now does not record them (recording them again made a rejected
 * update leave a workflow task in Temporal's history: test/runtime/sealed-payloads.test.ts), and a replay of a run
 * without them finds them absent, which changes nothing.
 */
export const MARKERS_ALSO_RECORDED_AT_START = ['changes-decided-at-start-2', 'changes-decided-at-start-3'] as const;

/** The run's `patched`: call once, synchronously, at the start of the workflow function (before any await). */
export function changesOfThisRun(
  patched: (id: string) => boolean = sdkPatched,
  replaying: () => boolean = () => workflowInfo().unsafe.isReplaying,
): (changeId: string) => boolean {
  const listed = patched(CHANGES_DECIDED_AT_START_6)
    ? CHANGES_IN_EFFECT_FROM_THE_START_6
    : patched(CHANGES_DECIDED_AT_START_5)
      ? CHANGES_IN_EFFECT_FROM_THE_START_5
      : patched(CHANGES_DECIDED_AT_START_NEXT)
        ? CHANGES_IN_EFFECT_FROM_THE_START_NEXT
        : patched(CHANGES_DECIDED_AT_START)
          ? CHANGES_IN_EFFECT_FROM_THE_START
          : undefined;
  // Only runs with the first marker or none can hold the three-list build's markers.
  const threeListBuild = listed === CHANGES_IN_EFFECT_FROM_THE_START || listed === undefined;
  if (threeListBuild && replaying()) for (const marker of MARKERS_ALSO_RECORDED_AT_START) patched(marker);
  return (changeId) => listed?.has(changeId) || patched(changeId);
}
