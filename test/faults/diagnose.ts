// What the fault suite keeps for a failed run beside the processes' logs: each stuck case's workflow history, and how
// often the worker found a workflow task nondeterministic. A case that does not finish is rare (a few in dozens of
// runs) and its cause lies in the history, which is gone with the suite's PostgreSQL cluster: kept here so that one
// failed run is enough to tell why.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { historyToJson } from '../support/history-json';

/** A stuck case's Temporal side: its run's status and its workflow task's attempt, and where its history was written. */
export interface StuckRun {
  caseId: string;
  /** "RUNNING, workflow task attempt 7" or why it could not be read. */
  summary: string;
  /** The history as `temporal workflow show --output json` writes it (payloads stay sealed: no personal data in the clear). */
  file?: string;
}

/** Writes `stuck-<caseId>.history.json` into `dir` for each case, read from the Temporal server at `address`. */
export async function saveStuckHistories(address: string, caseIds: readonly string[], dir: string): Promise<StuckRun[]> {
  if (caseIds.length === 0) return [];
  const connection = await Connection.connect({ address });
  try {
    const client = new WorkflowClient({ connection, namespace: 'default' });
    const runs: StuckRun[] = [];
    for (const caseId of caseIds) {
      try {
        const handle = client.getHandle(caseId);
        const { status, raw } = await handle.describe();
        const attempt = raw.pendingWorkflowTask?.attempt;
        const file = join(dir, `stuck-${caseId}.history.json`);
        writeFileSync(file, JSON.stringify(historyToJson(await handle.fetchHistory())));
        runs.push({ caseId, summary: `${status.name}${attempt ? `, workflow task attempt ${attempt}` : ''}`, file });
      } catch (e) {
        runs.push({ caseId, summary: `not read: ${(e as Error).message}` });
      }
    }
    return runs;
  } finally {
    await connection.close();
  }
}

/**
 * How many workflow tasks the worker failed as nondeterministic (the SDK's TMPRL1100 warning). Each is retried from
 * the case's full history; after a frozen worker's stale task a few are expected (the SDK sees an update it has
 * already completed delivered again), and they are counted so that a change in how often shows.
 */
export function nondeterministicTasks(workerLog: string): number {
  try {
    return readFileSync(workerLog, 'utf8')
      .split('\n')
      .filter((line) => line.includes('[TMPRL1100]')).length;
  } catch {
    return 0;
  }
}
