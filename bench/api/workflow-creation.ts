import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import type { WorkflowInfo } from '@temporalio/workflow';
import { CASE_WORKFLOW_PRELOAD } from '../../apps/runtime/temporal';

/**
 * bench/api/workflow-creation: the CPU a worker spends creating one case workflow in the SDK's reusable V8
 * context (what every new case costs before its first command is decided: the workflow code's modules
 * evaluated for it), with no server and no load generator, so it reads the same on a busy machine.
 * It bundles as the worker does, with CASE_WORKFLOW_PRELOAD (the domain shared by a thread's workflows);
 * `BENCH_PRELOAD_MODULES=<path,…>` bundles those modules as the SDK's `preloadModules` instead (evaluated once per
 * worker thread, shared by its workflows and deep-frozen), and `BENCH_PRELOAD_MODULES=` none, as before sharing.
 * Run: `npm run build` first, then `node dist/bench/api/workflow-creation.js`.
 */
const N = Number(process.env.BENCH_WORKFLOWS ?? 200);
const PRELOAD = process.env.BENCH_PRELOAD_MODULES !== undefined ? process.env.BENCH_PRELOAD_MODULES.split(',').filter(Boolean) : CASE_WORKFLOW_PRELOAD;

async function main() {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    failureConverterPath: require.resolve('../../apps/runtime/sealing/failure-converter'),
    preloadModules: PRELOAD,
    logger: new DefaultLogger('WARN'),
  });
  const emptySourceMap = { version: 3, file: 'workflow-bundle.js', sources: [], names: [], mappings: '' };
  const creator = await ReusableVMWorkflowCreator.create({ code, filename: 'workflow-bundle.js', sourceMap: emptySourceMap }, 120_000, new Set());
  const info = (i: number) =>
    ({
      workflowType: 'caseWorkflow',
      workflowId: `bench-${i}`,
      runId: `run-${i}`,
      firstExecutionRunId: `run-${i}`,
      namespace: 'default',
      taskQueue: 'bench',
      attempt: 1,
      historyLength: 1,
      historySize: 0,
      continueAsNewSuggested: false,
      startTime: new Date(),
      runStartTime: new Date(),
      searchAttributes: {},
      typedSearchAttributes: [],
      memo: {},
      unsafe: { isReplaying: false },
    }) as unknown as WorkflowInfo;
  const cpuMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const workflow = await creator.createWorkflow({ info: info(round * N + i), randomnessSeed: [1, 2], now: Date.now(), showStackTraceSources: false });
      await workflow.dispose();
    }
    const used = process.cpuUsage(before);
    cpuMs.push((used.user + used.system) / 1000 / N);
  }
  await creator.destroy();
  console.log(`# ${N} workflows per round, 3 rounds, modules preloaded: ${PRELOAD.join(', ') || 'none'}`);
  console.log(`CPU per workflow created: ${Math.min(...cpuMs).toFixed(1)} ms (rounds: ${cpuMs.map((m) => m.toFixed(1)).join(', ')})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
