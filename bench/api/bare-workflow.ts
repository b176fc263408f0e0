import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const ping = defineUpdate<number, [number]>('ping');

/**
 * The ceiling: a workflow whose update does no work at all, on the same Temporal server.
 * It ends after `updates` updates (0: runs until terminated), as a case ends after its journey.
 */
export async function bareWorkflow(updates = 0): Promise<void> {
  let answered = 0;
  setHandler(ping, (n) => (answered++, n));
  await condition(() => updates > 0 && answered >= updates);
}
