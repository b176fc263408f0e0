// Starts casework's real entry points (apps/api/main.ts, apps/worker/main.ts, apps/embedded/main.ts) as
// child processes from the TypeScript sources, configured by environment as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface CaseworkProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, its log and stderr (for failure messages). */
  output(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCaseworkProcess(entry: 'api' | 'worker' | 'embedded', env: Record<string, string>): CaseworkProcess {
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps', entry, 'main.ts')], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The log (pino writes to stdout) and stderr, together, for failure messages.
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Polls `url` until it answers 200, failing early if `process` exits. */
export async function waitUntilHealthy(url: string, process: CaseworkProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null || process.child.signalCode !== null) throw new Error(`the process exited before it was healthy:\n${process.output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} was not healthy within ${timeoutMs} ms:\n${process.output()}`);
}
