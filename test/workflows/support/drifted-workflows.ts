// The case workflow after a careless edit: it now waits one second before doing anything. Harmless
// for new cases, but not for running ones: their histories no longer match the commands this code
// issues. The replay test bundles it to show that the replayer catches such a change.
import { sleep } from '@temporalio/workflow';
import { caseWorkflow as current } from '../../../workflows/case-workflow';
import type { CaseWorkflowArgs } from '../../../workflows/definitions';

export async function caseWorkflow(args: CaseWorkflowArgs): ReturnType<typeof current> {
  await sleep('1 second');
  return current(args);
}
