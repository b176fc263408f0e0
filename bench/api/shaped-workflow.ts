import { CancellationScope, condition, defineUpdate, patched, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';

/**
 * The bare journey's workflow with one of the things a case workflow does added (bench/api/workflow-shapes.ts):
 * what each costs Temporal and the worker per update, apart from casework's own code.
 */
export type Shape = 'bare' | 'local-activity' | 'timer-moved' | 'change-marker' | 'run-end-task' | 'activity' | 'case-sized-answer';

export const step = defineUpdate<number | string, [number]>('step');

/**
 * An answer the size of a case's state (about 4.4 KB of JSON, as an update of a case answers: the fixtures' update
 * results hold 5.8 KB encoded), stored in the history's update-completed event and sent back to the caller.
 */
const CASE_SIZED = (n: number) => `${n}:${'x'.repeat(4_400)}`;

const { nothingLocal } = proxyLocalActivities<{ nothingLocal(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });
const { nothing } = proxyActivities<{ nothing(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function shapedWorkflow(updates: number, shape: Shape): Promise<void> {
  let answered = 0;
  let timer: CancellationScope | undefined;
  // An SLA instant that moves with each command: the running timer cancelled, another started.
  const moveTimer = () => {
    timer?.cancel();
    const scope = new CancellationScope();
    timer = scope;
    scope.run(() => sleep(`${1 + answered} hours`)).catch(() => undefined);
  };
  if (shape === 'timer-moved') moveTimer();
  setHandler(step, async (n) => {
    // The append: one local activity before the update answers.
    if (shape === 'local-activity') await nothingLocal();
    // A guarded change decided in the first task: a marker, and Temporal's TemporalChangeVersion search attribute.
    if (shape === 'change-marker' && answered === 0) patched('workflow-shapes-change');
    if (shape === 'timer-moved') moveTimer();
    answered++;
    return shape === 'case-sized-answer' ? CASE_SIZED(n) : n;
  });
  // A task beside the clocks (card production): one activity after the opening.
  if (shape === 'activity') {
    await condition(() => answered >= 1);
    await nothing();
  }
  await condition(() => answered >= updates);
  timer?.cancel();
  // The run ends in a workflow task of its own, after a 1 ms timer.
  if (shape === 'run-end-task') await sleep(1);
}
