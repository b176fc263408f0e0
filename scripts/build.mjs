#!/usr/bin/env node
// Compiles the TypeScript sources into dist/ (incremental): node scripts/build.mjs
import { buildTypeScript } from './lib/build.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { runMain } from './lib/log.mjs';

runMain(async () => {
  await ensureDependencies();
  await buildTypeScript();
});
