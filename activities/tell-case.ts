import { getClient } from '@temporalio/activity';
import { CASE_WORKFLOW, childCaseLinkedSignal, childEventSignal, parentEventSignal, type CaseWorkflowArgs } from '../workflows/definitions';
import type { CaseActivities } from './types';

type CaseWorkflow = (args: CaseWorkflowArgs) => Promise<unknown>;

/**
 * Tells a linked case (a parent of a child lodged for it or of a child's event, a child of its parent's event) when the
 * signal from the case's own workflow found the relative's run ended: a case's run ends when it closes, its stream does
 * not. Signal-with-start delivers it to the run now going, or starts a run of the same workflow id that restores the
 * case from its stream (`reopen`, as the API does for a command to a closed case), takes the signal and ends again when
 * nothing is pending. Temporal runs one run per id at a time, so this and a command to the same case meet in one run.
 * The worker's client seals the payloads as the worker does.
 */
export const tellCase: CaseActivities['tellCase'] = async ({ caseId, message, reopen }) => {
  const start = {
    workflowId: caseId,
    taskQueue: reopen.taskQueue,
    args: [{ caseId, ...(reopen.timeScale !== undefined ? { timeScale: reopen.timeScale } : {}), reopen: { calendar: reopen.calendar } }] as [CaseWorkflowArgs],
  };
  const workflows = getClient().workflow;
  if (message.signal === 'childCaseLinked') {
    await workflows.signalWithStart<CaseWorkflow, [typeof message.child]>(CASE_WORKFLOW, {
      ...start,
      signal: childCaseLinkedSignal,
      signalArgs: [message.child],
    });
  } else if (message.signal === 'parentEvent') {
    await workflows.signalWithStart<CaseWorkflow, [typeof message.event]>(CASE_WORKFLOW, { ...start, signal: parentEventSignal, signalArgs: [message.event] });
  } else {
    await workflows.signalWithStart<CaseWorkflow, [typeof message.event]>(CASE_WORKFLOW, { ...start, signal: childEventSignal, signalArgs: [message.event] });
  }
};
