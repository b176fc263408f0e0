// Builds Go programs once into a cache folder: `go install` into a temporary GOBIN beside the target, then
// rename, so a half-built binary is never used and two builds at once never see each other's files.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { info, SetupError } from './log.mjs';

export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable `name` on PATH (plus `extraDirs`), or undefined. */
export function findOnPath(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  return dirs.map((dir) => resolve(dir, name)).find(isExecutable);
}

/** The Go command, where the official installer puts it if it is not on PATH. */
export const findGo = () => findOnPath('go', ['/usr/local/go/bin']);

/** `go install packages…`, then moves each binary into `targetDir`: `binaries` maps Go's name for it to ours. */
export async function goInstall(go, { label, packages, binaries, targetDir }) {
  mkdirSync(targetDir, { recursive: true });
  const tmpBin = mkdtempSync(join(targetDir, '.build-'));
  info(`Building ${label} with Go (once; this takes several minutes)...`);
  info(`  GOBIN=${tmpBin} ${go} install ${packages.join(' ')}`);
  const started = Date.now();
  const heartbeat = setInterval(() => info(`  still building ${label} (${Math.round((Date.now() - started) / 1000)} s)...`), 30_000);
  try {
    const code = await new Promise((resolvePromise, reject) => {
      const child = spawn(go, ['install', ...packages], {
        env: { ...process.env, GOBIN: tmpBin },
        stdio: ['ignore', process.stderr, process.stderr],
      });
      child.on('error', reject);
      child.on('exit', (exitCode, signal) => resolvePromise(signal ? 1 : exitCode));
    });
    if (code !== 0) throw new SetupError(`\`go install ${packages.join(' ')}\` failed with exit code ${code} (see above).`);
    for (const [built, name] of Object.entries(binaries)) renameSync(join(tmpBin, built), join(targetDir, name));
    info(`${label} built in ${Math.round((Date.now() - started) / 1000)} s: ${targetDir}`);
  } finally {
    clearInterval(heartbeat);
    rmSync(tmpBin, { recursive: true, force: true });
  }
}
