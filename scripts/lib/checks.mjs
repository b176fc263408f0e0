// The static checks: the compiler over every TypeScript folder (test/ included), ESLint and Prettier.
// `npm run check` runs them; `npm test` runs them before the whole suite (scripts/test.mjs).
import { spawn } from 'node:child_process';
import { repoRoot } from './paths.mjs';
import { info, SetupError } from './log.mjs';

/** Each check is an npm script of package.json, so that the command lives in one place. */
const CHECKS = [
  { script: 'typecheck', remedy: 'fix the type errors above' },
  { script: 'lint', remedy: 'fix the findings above (`npm run lint -- --fix` fixes some of them)' },
  { script: 'format:check', remedy: 'run `npm run format` to format the files listed above' },
];

function run({ script }) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolvePromise({ ok: false, output: String(error), seconds: 0 }));
    child.on('close', (code, signal) => resolvePromise({ ok: code === 0 && !signal, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Runs every check at once (they are independent) and prints each one's output whole, in order. */
export async function runStaticChecks() {
  info(`Static checks: ${CHECKS.map((c) => c.script).join(', ')}...`);
  const results = await Promise.all(CHECKS.map(run));
  const failed = [];
  CHECKS.forEach((check, i) => {
    const { ok, output, seconds } = results[i];
    if (ok) {
      info(`${check.script}: ok (${seconds.toFixed(0)} s)`);
      return;
    }
    process.stderr.write(output.endsWith('\n') || output === '' ? output : `${output}\n`);
    info(`${check.script}: FAILED (${seconds.toFixed(0)} s): ${check.remedy}`);
    failed.push(check.script);
  });
  if (failed.length > 0) throw new SetupError(`static checks failed: ${failed.join(', ')} (see above); no tests were run.`);
}
