#!/usr/bin/env node
// Compiles the TypeScript sources into dist/ (incremental), then bundles the workflows into
// dist/workflow-bundle.js for production workers, and builds the web console into dist/console: node scripts/build.mjs
import { buildTypeScript } from './lib/build.mjs';
import { buildConsole } from './lib/console-build.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { runMain } from './lib/log.mjs';
import { buildWorkflowBundle } from './lib/workflow-bundle.mjs';

runMain(async () => {
  await ensureDependencies();
  await buildTypeScript();
  await buildWorkflowBundle();
  await buildConsole();
});
