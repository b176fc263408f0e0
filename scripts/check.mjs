#!/usr/bin/env node
// `npm run check`: typecheck, lint and format check (the checks `npm test` runs before the whole suite).
import { runStaticChecks } from './lib/checks.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { runMain } from './lib/log.mjs';

runMain(async () => {
  await ensureDependencies();
  await runStaticChecks();
});
