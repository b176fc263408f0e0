// Finds the Temporal CLI (which also runs the development server), building it once with Go if needed.
// Order: $TEMPORAL_CLI, `temporal` on PATH, the cached build, `go install` into the cache. Never writes
// inside the repository.
import { join, resolve } from 'node:path';
import { findGo, findOnPath, goInstall, isExecutable } from './go-install.mjs';
import { cacheDir } from './paths.mjs';
import { SetupError } from './log.mjs';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export function cachedTemporalCliPath() {
  return join(cacheDir(), 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
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

  const go = findGo();
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
  await goInstall(go, {
    label: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`,
    packages: [GO_PACKAGE],
    binaries: { temporal: 'temporal' },
    targetDir: resolve(cached, '..'),
  });
  return cached;
}
