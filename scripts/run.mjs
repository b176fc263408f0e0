#!/usr/bin/env node
// Builds, then runs one compiled entry point: node scripts/run.mjs apps/api/main [args...]
// runs `node dist/apps/api/main.js [args...]`, forwards SIGINT/SIGTERM/SIGHUP and exits with its code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildTypeScript } from './lib/build.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { runMain, SetupError } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { exitCodeOf, waitForExit } from './lib/processes.cjs';

runMain(async () => {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) throw new SetupError('usage: node scripts/run.mjs <path-without-extension, e.g. apps/api/main> [args...]', 2);
  const script = join(repoRoot, 'dist', `${entry.replace(/\.(ts|js)$/, '')}.js`);
  await ensureDependencies();
  await buildTypeScript();
  if (!existsSync(script)) throw new SetupError(`${script} does not exist after the build: is ${entry}.ts included by tsconfig.build.json?`);

  // Own process group: a terminal's Ctrl-C reaches only this process, which passes it on exactly once
  // (a second SIGINT would cut short a graceful shutdown).
  const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  // If this process dies for any other reason, do not leave the child behind.
  process.on('exit', () => child.kill('SIGKILL'));
  return exitCodeOf(await waitForExit(child));
});
