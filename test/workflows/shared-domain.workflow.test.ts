// The domain's modules are evaluated once per worker thread (workflows/shared-domain.ts), not again for each new
// workflow: created in the SDK's reusable V8 context as the worker creates them, from the bundle it runs.
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import type { WorkflowInfo } from '@temporalio/workflow';
import { bundleCaseWorkflows } from '../support/workflow-harness';

const info = (i: number) =>
  ({
    workflowType: 'caseWorkflow',
    workflowId: `shared-${i}`,
    runId: `run-${i}`,
    firstExecutionRunId: `run-${i}`,
    namespace: 'default',
    taskQueue: 'shared-domain',
    attempt: 1,
    historyLength: 1,
    historySize: 0,
    continueAsNewSuggested: false,
    startTime: new Date(0),
    runStartTime: new Date(0),
    searchAttributes: {},
    typedSearchAttributes: [],
    memo: {},
    unsafe: { isReplaying: false },
  }) as unknown as WorkflowInfo;

describe('the domain shared by the workflows of a worker thread', () => {
  it('is evaluated by the first workflow only', async () => {
    const bundle = await bundleCaseWorkflows();
    const sourceMap = { version: 3, file: 'workflow-bundle.js', sources: [], names: [], mappings: '' };
    const creator = await ReusableVMWorkflowCreator.create({ code: bundle.code, filename: 'workflow-bundle.js', sourceMap }, 60_000, new Set());
    const context = (creator as unknown as { context: { __TEMPORAL_ACTIVATOR__?: { moduleCache: Map<string, unknown> } } }).context;
    try {
      /** The modules a new workflow evaluated for itself (the SDK's per-workflow module cache). */
      const evaluatedBy = async (i: number) => {
        const workflow = await creator.createWorkflow({ info: info(i), randomnessSeed: [1, i], now: 0, showStackTraceSources: false });
        const modules = [...(context.__TEMPORAL_ACTIVATOR__?.moduleCache.keys() ?? [])];
        await workflow.dispose();
        return modules;
      };
      const inDomain = (modules: string[]) => modules.filter((m) => /(^|\/)domain\//.test(m));
      const first = await evaluatedBy(1);
      expect(first.some((m) => /workflows\/case-workflow/.test(m))).toBe(true);
      expect(inDomain(first).length).toBeGreaterThan(10);
      for (const i of [2, 3]) {
        const later = await evaluatedBy(i);
        expect(later.some((m) => /workflows\/case-workflow/.test(m))).toBe(true); // its own workflow code…
        expect(inDomain(later)).toEqual([]); // …and the first workflow's domain
      }
    } finally {
      await creator.destroy();
    }
  }, 120_000);
});
