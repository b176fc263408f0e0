#!/usr/bin/env node
// `npm test [-- jest args]`: installs what is missing, runs the static checks when the whole suite is
// asked for (typecheck, lint, format check: scripts/lib/checks.mjs), provisions the Temporal CLI, then
// runs jest. test/support/global-setup.js starts one Temporal dev server for the run and checks PostgreSQL.
// `npm run test:unit` (`--unit`): only jest's `unit` project, which needs neither, so no Temporal CLI either.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runStaticChecks } from './lib/checks.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { ensureDevSecret } from './lib/dev-secret.mjs';
import { runMain } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { exitCodeOf, waitForExit } from './lib/processes.cjs';
import { ensureTemporalCli } from './lib/temporal-cli.mjs';

/** Whether jest is asked for part of the suite: a path pattern, or an option that picks tests by name or path. */
function selectsTests(args) {
  const selecting = /^(-t|--testNamePattern|--testPathPatterns?|--selectProjects|--findRelatedTests|-o|--onlyChanged|--changedSince)(=|$)/;
  return args.some((arg) => !arg.startsWith('-') || selecting.test(arg));
}

runMain(async () => {
  const unit = process.argv[2] === '--unit';
  const jestArgs = unit ? ['--selectProjects', 'unit', ...process.argv.slice(3)] : process.argv.slice(2);
  await ensureDependencies();
  // The whole suite (CI, the README's `npm test`) starts with the static checks; `npm test -- test/domain` stays quick.
  if (!unit && !selectsTests(process.argv.slice(2))) await runStaticChecks();
  ensureDevSecret();
  const env = unit ? process.env : { ...process.env, TEMPORAL_CLI: await ensureTemporalCli() };
  const jest = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
  // --experimental-vm-modules lets CommonJS test code (and PGlite inside it) use dynamic import().
  const nodeFlags = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'];
  const child = spawn(process.execPath, [...nodeFlags, jest, '--ci', ...jestArgs], { cwd: repoRoot, stdio: 'inherit', env });
  // jest shares our process group, so a terminal's Ctrl-C reaches it directly: just wait for it.
  // SIGTERM/SIGHUP usually target only us: pass them on so that jest's teardown still runs.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  return exitCodeOf(await waitForExit(child));
});
