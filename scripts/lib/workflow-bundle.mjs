// Bundles the compiled workflow code (dist/workflows) into dist/workflow-bundle.js, the file production
// workers load (apps/runtime/temporal.ts) instead of running webpack at every start.
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';
import { info } from './log.mjs';

export const WORKFLOW_BUNDLE_FILE = join(repoRoot, 'dist', 'workflow-bundle.js');

export async function buildWorkflowBundle() {
  const require = createRequire(join(repoRoot, 'package.json'));
  const { bundleWorkflowCode, DefaultLogger } = require('@temporalio/worker');
  info('Bundling the workflow code (bundleWorkflowCode)...');
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(join(repoRoot, 'dist', 'workflows')),
    // As the worker's data converter (apps/runtime/temporal.ts): failures leave the sandbox with their
    // message and stack in an encoded attribute, which the sealing codec seals.
    failureConverterPath: require.resolve(join(repoRoot, 'dist', 'apps', 'runtime', 'sealing', 'failure-converter')),
    // As the worker bundling at start (CASE_WORKFLOW_PRELOAD in apps/runtime/temporal.ts): the domain is
    // evaluated once per worker thread and shared by its workflows (workflows/shared-domain.ts).
    preloadModules: [require.resolve(join(repoRoot, 'dist', 'workflows', 'shared-domain'))],
    logger: new DefaultLogger('WARN'),
  });
  await writeFile(WORKFLOW_BUNDLE_FILE, code);
  info(`Wrote ${WORKFLOW_BUNDLE_FILE} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
