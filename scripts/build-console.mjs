#!/usr/bin/env node
// Builds the web console into dist/console: node scripts/build-console.mjs [--if-stale]
// (--if-stale: only when its sources or the API contract changed since the last build; the test setup uses it).
import { ensureDependencies } from './lib/deps.mjs';
import { buildConsole, ensureConsoleBuilt } from './lib/console-build.mjs';
import { runMain } from './lib/log.mjs';

runMain(async () => {
  await ensureDependencies();
  if (process.argv.includes('--if-stale')) await ensureConsoleBuilt();
  else await buildConsole();
});
