// Finds the Temporal CLI (which also runs the development server), building it once with Go if needed.
// Order: $TEMPORAL_CLI, `temporal` on PATH, the cached build, `go install` into the cache. Never writes
// inside the repository.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { cacheDir } from './paths.mjs';
import { info, SetupError } from './log.mjs';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export function cachedTemporalCliPath() {
  return join(cacheDir(), 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable `name` on PATH (plus `extraDirs`), or undefined. */
function findOnPath(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  return dirs.map((dir) => resolve(dir, name)).find(isExecutable);
}

/** Absolute path of a usable Temporal CLI; builds it with Go if there is none. */
export async function ensureTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    const path = resolve(fromEnv);
    if (!isExecutable(path)) throw new SetupError(`TEMPORAL_CLI=${fromEnv} is not an executable file.`);
    return path;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const cached = cachedTemporalCliPath();
  if (isExecutable(cached)) return cached;

  const go = findOnPath('go', ['/usr/local/go/bin']);
  if (!go) {
    throw new SetupError(
      [
        'The Temporal CLI was not found and Go is not installed to build it.',
        'Either install the Temporal CLI (https://docs.temporal.io/cli) and put `temporal` on PATH,',
        '  or set TEMPORAL_CLI=/absolute/path/to/temporal,',
        `  or install Go (https://go.dev/dl/, 1.25 or newer) and run \`npm run setup\` to build ${TEMPORAL_CLI_VERSION} into`,
        `  ${cached}`,
      ].join('\n'),
    );
  }
  await goInstall(go, cached);
  return cached;
}

/** `go install` into a temporary GOBIN next to the target, then rename: a half-built binary is never used. */
async function goInstall(go, target) {
  const targetDir = resolve(target, '..');
  mkdirSync(targetDir, { recursive: true });
  const tmpBin = mkdtempSync(join(targetDir, '.build-'));
  info(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go (once; this takes several minutes)...`);
  info(`  GOBIN=${tmpBin} ${go} install ${GO_PACKAGE}`);
  const started = Date.now();
  const heartbeat = setInterval(() => {
    info(`  still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)...`);
  }, 30_000);
  try {
    const code = await new Promise((resolvePromise, reject) => {
      const child = spawn(go, ['install', GO_PACKAGE], {
        env: { ...process.env, GOBIN: tmpBin },
        stdio: ['ignore', process.stderr, process.stderr],
      });
      child.on('error', reject);
      child.on('exit', (exitCode, signal) => resolvePromise(signal ? 1 : exitCode));
    });
    if (code !== 0) throw new SetupError(`\`go install ${GO_PACKAGE}\` failed with exit code ${code} (see above).`);
    renameSync(join(tmpBin, 'temporal'), target);
    info(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  } finally {
    clearInterval(heartbeat);
    rmSync(tmpBin, { recursive: true, force: true });
  }
}
