import { CancellationScope, condition, defineUpdate, patched, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';

/**
 * The bare journey's workflow with one of the things a case workflow does added (bench/api/workflow-shapes.ts):
 * what each costs Temporal and the worker per update, apart from casework's own code. `casework` adds them all, as a
 * case workflow does them (the opening's register reads before its append, the card production's result appended):
 * what Temporal and the worker cost a command of a workflow shaped like a case with none of casework's code in it.
 * `casework-without-append` is the same without the append's local activity: what recording a command's events
 * outside its workflow task could save at most.
 */
export const SHAPES = [
  'bare',
  'local-activity',
  'timer-moved',
  'change-marker',
  'run-end-task',
  'activity',
  'case-sized-answer',
  'casework',
  'casework-without-append',
] as const;
export type Shape = (typeof SHAPES)[number];

/** The shapes that do everything a case workflow does (with or without the append). */
const caseShaped = (shape: Shape) => shape === 'casework' || shape === 'casework-without-append';

/** The activities the shapes call: none does anything. */
export const shapeActivities = { nothingLocal: async () => undefined, nothing: async () => undefined };

/** What workflow-shapes measures: a shape, or `main-thread` (bare workflows on a worker that runs them in its main thread). */
export type Measured = Shape | 'main-thread';

/**
 * Where a measured shape runs: the shape its workflows take, and whether in the worker's main thread — as a case
 * worker runs its workflows (apps/runtime/temporal.ts), so the case-shaped ones too.
 */
export const placementOf = (measured: Measured): { shape: Shape; mainThread: boolean } =>
  measured === 'main-thread' ? { shape: 'bare', mainThread: true } : { shape: measured, mainThread: caseShaped(measured) };

export const step = defineUpdate<number | string, [number]>('step');

/**
 * An answer the size of a case's state (about 4.4 KB of JSON, as an update of a case answers: the fixtures' update
 * results hold 5.8 KB encoded), stored in the history's update-completed event and sent back to the caller.
 */
const CASE_SIZED = (n: number) => `${n}:${'x'.repeat(4_400)}`;

const { nothingLocal } = proxyLocalActivities<typeof shapeActivities>({ startToCloseTimeout: '10 seconds' });
const { nothing } = proxyActivities<typeof shapeActivities>({ startToCloseTimeout: '10 seconds' });

export async function shapedWorkflow(updates: number, shape: Shape): Promise<void> {
  const cased = caseShaped(shape);
  const appends = shape === 'casework' || shape === 'local-activity';
  const has = (thing: Shape) => shape === thing || cased;
  let answered = 0;
  let timer: CancellationScope | undefined;
  // An SLA instant that moves with each command: the running timer cancelled, another started.
  const moveTimer = () => {
    timer?.cancel();
    const scope = new CancellationScope();
    timer = scope;
    scope.run(() => sleep(`${1 + answered} hours`)).catch(() => undefined);
  };
  if (has('timer-moved')) moveTimer();
  setHandler(step, async (n) => {
    // A case's opening asks the register reads its decision made due, in a local activity before its append.
    if (cased && answered === 0) await nothingLocal();
    // The append: one local activity before the update answers.
    if (appends) await nothingLocal();
    // A guarded change decided in the first task: a marker, and Temporal's TemporalChangeVersion search attribute.
    if (has('change-marker') && answered === 0) patched('workflow-shapes-change');
    if (has('timer-moved')) moveTimer();
    answered++;
    return has('case-sized-answer') ? CASE_SIZED(n) : n;
  });
  // A task beside the clocks (card production): one activity after the opening; a case appends its result.
  if (has('activity')) {
    await condition(() => answered >= 1);
    await nothing();
    if (appends) await nothingLocal();
  }
  await condition(() => answered >= updates);
  timer?.cancel();
  // The run ends in a workflow task of its own, after a 1 ms timer.
  if (has('run-end-task')) await sleep(1);
}
