import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const ping = defineUpdate<number, [number]>('ping');

/** The ceiling: a workflow whose update does no work at all, on the same Temporal server. */
export async function bareWorkflow(): Promise<void> {
  let done = false;
  setHandler(ping, (n) => n);
  await condition(() => done);
}
