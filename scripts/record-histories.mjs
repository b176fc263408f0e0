#!/usr/bin/env node
// `npm run record-histories`: records the workflow histories the replay test replays that next/ lacks
// (test/fixtures/histories/next/*.json). It runs test/workflows/replay.workflow.test.ts with
// RECORD_HISTORIES=1 through the usual test runner (which starts a Temporal dev server): each missing
// scenario runs on the current workflow code, its history is written, then every fixture is replayed.
// A history once written is never rewritten (delete one of next/ to record it again).
// Re-record only for an intended change: a history recorded by the new code proves nothing about
// cases that are still running on the old one (use workflow patching / versioning for those).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runMain } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { exitCodeOf, waitForExit } from './lib/processes.cjs';

runMain(async () => {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'test.mjs'), 'test/workflows/replay', ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, RECORD_HISTORIES: '1' },
  });
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  return exitCodeOf(await waitForExit(child));
});
