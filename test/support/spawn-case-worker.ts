// The case worker as a real child process (case-worker-process.ts), for tests that kill it mid-task.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCaseWorkflows, startWorkflowHarness, TEST_DATABASE_URL, type WorkflowHarness } from './workflow-harness';

const REGISTER_TS = join(__dirname, '..', 'projections', 'support', 'register-ts.js');
const WORKER_PROCESS = join(__dirname, 'case-worker-process.ts');

export interface WorkerProcess {
  process: ChildProcess;
  /** Resolves once the child has printed a line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a worker process with `env` added to this one's (see case-worker-process.ts for what it reads). */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['-r', REGISTER_TS, WORKER_PROCESS], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  const wake: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    for (const w of wake.splice(0)) w();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of wake.splice(0)) w();
      resolve({ code, signal });
    }),
  );
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!lines.some((l) => pattern.test(l))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker process exited early: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`worker process never printed ${pattern}; it printed:\n${lines.join('\n')}\n${stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        wake.push(() => (clearTimeout(timer), resolve()));
      });
    }
  };
  return { process: child, waitFor, lines, exited };
}

/**
 * For a test file whose case workers are child processes: a harness without a worker of its own (PostgreSQL store), the
 * workflows bundled once into a file the children load, and `spawn` for a worker on the harness's queue and store with
 * `env` added. Every child still running at the end is killed.
 */
export function useWorkerProcesses(dirPrefix: string): { harness(): WorkflowHarness; spawn(env?: Record<string, string>): WorkerProcess } {
  let h: WorkflowHarness | undefined;
  let dir: string | undefined;
  let bundleFile = '';
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), dirPrefix));
    bundleFile = join(dir, 'workflow-bundle.js');
    writeFileSync(bundleFile, (await bundleCaseWorkflows()).code);
    h = await startWorkflowHarness({ store: 'postgres', worker: false });
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) {
      if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill('SIGKILL');
      await w.exited;
    }
    await h?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    harness: () => h!,
    spawn(env = {}) {
      const worker = spawnWorker({
        TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
        TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
        TASK_QUEUE: h!.taskQueue,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: h!.schema!,
        WORKFLOW_BUNDLE: bundleFile,
        ...env,
      });
      workers.push(worker);
      return worker;
    },
  };
}
