#!/usr/bin/env node
// One-time (and idempotent) setup: npm dependencies, the development JWT secret, the Temporal CLI.
//   npm run setup
import { join } from 'node:path';
import { ensureDependencies } from './lib/deps.mjs';
import { devSecretFile, ensureDevSecret } from './lib/dev-secret.mjs';
import { runMain } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { ensureTemporalCli } from './lib/temporal-cli.mjs';

runMain(async () => {
  await ensureDependencies();
  ensureDevSecret();
  const temporal = await ensureTemporalCli();
  console.log(`npm dependencies  ${join(repoRoot, 'node_modules')}`);
  console.log(`JWT secret        ${process.env.JWT_SECRET ? 'from JWT_SECRET' : devSecretFile()}`);
  console.log(`Temporal CLI      ${temporal}`);
  console.log('Ready: `npm start` runs the embedded profile, `npm test` the tests.');
});
