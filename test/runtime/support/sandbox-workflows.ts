// Workflows for test/runtime/workflow-sandbox.test.ts: two stuck in a loop (before and after their first
// await), one that waits for ever, and one that answers.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const goSignal = defineSignal('go');

export async function loopsAtOnce(): Promise<void> {
  for (;;) {
    // a workflow bug: nothing here ever ends
  }
}

export async function loopsAfterSignal(): Promise<void> {
  let go = false;
  setHandler(goSignal, () => void (go = true));
  await condition(() => go);
  for (;;) {
    // the same bug, now in a promise continuation (a microtask of the sandbox)
  }
}

export async function waits(): Promise<void> {
  await condition(() => false);
}

export async function echo(text: string): Promise<string> {
  return text;
}
