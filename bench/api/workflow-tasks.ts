import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { CASE_WORKFLOW_PRELOAD } from '../../apps/runtime/temporal';
import { installWorkflowSandbox } from '../../apps/runtime/workflow-sandbox';

/**
 * bench/api/workflow-tasks: the CPU a case worker process (all its threads) spends per workflow task, with the
 * SDK's sandbox as it comes and with apps/runtime/workflow-sandbox, in the same run. No server and no load
 * generator: the worker replays the recorded case histories (test/fixtures/histories), which enters the
 * sandbox exactly as live workflow tasks do, so it reads steadily on a busy machine. Each mode runs in its
 * own process (the sandbox, once installed, holds for the process), alternately, BENCH_RUNS times each
 * (default 2), and the lower of each is reported. `BENCH_MODES=sdk,sandbox,sandbox-stack-traces` adds the
 * sandbox with the SDK's stack-trace promise hook kept (TEMPORAL_WORKFLOW_STACK_TRACES=on), which tells the
 * two savings apart.
 * Run: `npm run build` first, then `node dist/bench/api/workflow-tasks.js`.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
/** How often each history is replayed in a run (after one warm-up pass that is not counted). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODES = ['sdk', 'sandbox', 'sandbox-stack-traces'] as const;
type Mode = (typeof MODES)[number];

function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'fixtures', 'histories'))) return dir;
  }
  throw new Error('repository root not found');
}

// The histories are proto JSON; parsed with the protojson of @temporalio/proto's own protobufjs (see
// test/support/workflow-harness.ts, historyFromJson, for why not @temporalio/common's helper).
type History = proto.temporal.api.history.v1.IHistory;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from @temporalio/proto's own dependency tree
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [dirname(require.resolve('@temporalio/proto/package.json'))] })) as {
  fromJson(type: unknown, json: unknown, options: object): unknown;
};
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

function loadHistories(): { workflowId: string; history: History; tasks: number }[] {
  const dir = join(repositoryRoot(), 'test', 'fixtures', 'histories');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).map((f) => join(dir, d.name, f)))
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const fixture = JSON.parse(readFileSync(f, 'utf8')) as { workflowId: string; history: { events: { eventType: string }[] } };
      const tasks = fixture.history.events.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED').length;
      return { workflowId: fixture.workflowId, history: protojson.fromJson(historyType, fixture.history, { ignoreUnknownFields: true }) as History, tasks };
    });
}

/** One measurement, in this process: CPU of all threads per replayed workflow task. */
async function measure(mode: Mode): Promise<{ mode: Mode; cpuMsPerTask: number; tasks: number }> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  if (mode !== 'sdk') installWorkflowSandbox({ stackTraces: mode === 'sandbox-stack-traces', mainThread: false });
  const src = (p: string) => (existsSync(`${p}.ts`) ? `${p}.ts` : `${p}.js`);
  const { code } = await bundleWorkflowCode({
    workflowsPath: src(join(__dirname, '..', '..', 'workflows', 'index')),
    preloadModules: CASE_WORKFLOW_PRELOAD,
    failureConverterPath: src(join(__dirname, '..', '..', 'apps', 'runtime', 'sealing', 'failure-converter')),
    logger: new DefaultLogger('WARN'),
  });
  const histories = loadHistories();
  const warmup = histories.length;
  const all = Array.from({ length: ROUNDS + 1 }, () => histories).flat();
  let done = 0;
  let tasks = 0;
  let started: NodeJS.CpuUsage | undefined;
  // Not the replayer's default debug mode, which runs the workflows in the main thread: a case worker's
  // workflow threads, with its watchdog limit (apps/runtime/temporal.ts).
  const options = { workflowBundle: { code }, replayName: `bench-${mode}`, debugMode: false, isolateExecutionTimeout: 120_000 };
  for await (const result of Worker.runReplayHistories(options, all)) {
    if (result.error) throw result.error;
    done++;
    if (done === warmup) started = process.cpuUsage();
    else if (done > warmup) tasks += all[done - 1].tasks;
  }
  const used = process.cpuUsage(started);
  return { mode, cpuMsPerTask: (used.user + used.system) / 1000 / tasks, tasks };
}

function child(mode: Mode): Promise<{ mode: Mode; cpuMsPerTask: number; tasks: number }> {
  return new Promise((resolve, reject) => {
    const p = fork(__filename, [mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    p.once('message', (m) => resolve(m as { mode: Mode; cpuMsPerTask: number; tasks: number }));
    p.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench child (${mode}) exited with ${code}`))));
  });
}

async function main() {
  const mode = process.argv[2] as Mode | undefined;
  if (mode) {
    const result = await measure(mode);
    if (process.send) process.send(result);
    else console.log(JSON.stringify(result));
    process.exit(0);
  }
  const modes = (process.env.BENCH_MODES ?? 'sdk,sandbox').split(',') as Mode[];
  const unknown = modes.filter((m) => !MODES.includes(m));
  if (unknown.length > 0 || !modes.includes('sdk')) throw new Error(`BENCH_MODES: sdk and any of ${MODES.join(', ')}`);
  const results = Object.fromEntries(modes.map((m) => [m, [] as number[]])) as Record<Mode, number[]>;
  let tasks = 0;
  for (let i = 0; i < RUNS; i++) {
    for (const m of modes) {
      const r = await child(m);
      results[m].push(r.cpuMsPerTask);
      tasks = r.tasks;
    }
  }
  const best = (m: Mode) => Math.min(...results[m]);
  console.log(`# ${tasks} replayed workflow tasks per run (${ROUNDS} rounds of the recorded histories), ${RUNS} runs per mode, alternating; lower of each`);
  for (const m of modes) {
    console.log(`${m.padEnd(20)} CPU per workflow task: ${best(m).toFixed(2)} ms (runs: ${results[m].map((x) => x.toFixed(2)).join(', ')})`);
  }
  for (const m of modes.filter((x) => x !== 'sdk')) console.log(`${m} / sdk: ${(best(m) / best('sdk')).toFixed(2)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
