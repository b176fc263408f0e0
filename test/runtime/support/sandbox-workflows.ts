// Workflows for test/runtime/workflow-sandbox.test.ts: one stuck in a loop, one that waits for ever, and one
// that answers.
import { condition } from '@temporalio/workflow';

export async function loopsAtOnce(): Promise<void> {
  for (;;) {
    // a workflow bug: nothing here ever ends
  }
}

export async function waits(): Promise<void> {
  await condition(() => false);
}

export async function echo(text: string): Promise<string> {
  return text;
}
