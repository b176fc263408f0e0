// Installs npm dependencies when node_modules is missing, older than package-lock.json, or lacks a package
// that package.json names (e.g. a dev tool added on another branch while the lock file kept an old date).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';
import { info, SetupError } from './log.mjs';

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : undefined;
}

/** Whether every direct dependency and dev dependency of package.json has a folder in node_modules. */
function declaredPackagesPresent() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.every((name) => existsSync(join(repoRoot, 'node_modules', name, 'package.json')));
}

/** npm rewrites node_modules/.package-lock.json on every install, so its age is the install's age. */
export function dependenciesUpToDate() {
  const lock = mtime(join(repoRoot, 'package-lock.json'));
  const installed = mtime(join(repoRoot, 'node_modules', '.package-lock.json')) ?? mtime(join(repoRoot, 'node_modules'));
  return installed !== undefined && (lock === undefined || installed >= lock) && declaredPackagesPresent();
}

function npm(args) {
  return new Promise((resolvePromise, reject) => {
    // npm's own output goes to stderr: stdout belongs to the calling script.
    const child = spawn('npm', args, { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(signal ? 1 : code));
  });
}

export async function ensureDependencies() {
  if (dependenciesUpToDate()) return;
  info('Installing npm dependencies (npm ci)...');
  if ((await npm(['ci', '--no-audit', '--no-fund'])) === 0) return;
  info('`npm ci` failed; trying `npm install`...');
  if ((await npm(['install', '--no-audit', '--no-fund'])) === 0) return;
  throw new SetupError('Installing npm dependencies failed (see the npm output above).');
}
