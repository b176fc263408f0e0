// The case worker as a real child process (case-worker-process.ts), for tests that kill it mid-task.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

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
