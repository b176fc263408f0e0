// Compiles the TypeScript sources into dist/ (apps/api/main.ts → dist/apps/api/main.js), incrementally.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';
import { info, SetupError } from './log.mjs';

export async function buildTypeScript() {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'];
  info('Compiling TypeScript (tsc -p tsconfig.build.json)...');
  const started = Date.now();
  const code = await new Promise((resolvePromise, reject) => {
    // tsc prints its diagnostics on stdout; send them to stderr with the rest of the progress.
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolvePromise(signal ? 1 : exitCode));
  });
  if (code !== 0) throw new SetupError(`TypeScript compilation failed (tsc exit code ${code}; errors above).`, code || 1);
  info(`Compiled in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
