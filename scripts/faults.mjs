#!/usr/bin/env node
// `npm run test:faults`: the fault suite (test/faults/main.ts), run from the TypeScript sources like the
// processes it starts. Needs Go (the Temporal server is built once into the cache) and the PostgreSQL
// server binaries (initdb, pg_ctl); not part of `npm test`. FAULTS_MINUTES, FAULTS_ROUNDS, FAULTS_LOOPS tune it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies } from './lib/deps.mjs';
import { runMain } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { exitCodeOf, waitForExit } from './lib/processes.cjs';
import { ensureTemporalServer } from './lib/temporal-production.mjs';

runMain(async () => {
  await ensureDependencies();
  await ensureTemporalServer();
  const child = spawn(process.execPath, ['-r', join(repoRoot, 'test/support/register-ts.js'), join(repoRoot, 'test/faults/main.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  // The suite shares our process group, so a terminal's Ctrl-C reaches it directly; it stops what it started.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill('SIGTERM'));
  return exitCodeOf(await waitForExit(child));
});
