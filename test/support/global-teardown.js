// Jest global teardown: removes the run's workflow bundle and stops the Temporal dev server that global-setup.js
// started (if it started one).
// It runs in the same process as the setup, which left the child process in globalThis.
const { rmSync } = require('node:fs');
const { stopProcess } = require('../../scripts/lib/processes.cjs');

const STATE_KEY = '__caseworkTemporalDevServer';

module.exports = async function globalTeardown() {
  const bundle = globalThis.__caseworkTestWorkflowBundle;
  if (bundle) rmSync(bundle, { force: true });
  const state = globalThis[STATE_KEY];
  if (!state) return;
  delete globalThis[STATE_KEY];
  // The server runs in its own process group: signal the group so nothing it spawned survives.
  await stopProcess(state.child, { signal: 'SIGTERM', timeoutMs: 10_000, group: true });
  process.removeListener('exit', state.killServer);
  process.removeListener('SIGINT', state.onSignal);
  process.removeListener('SIGTERM', state.onSignal);
  rmSync(state.logFile, { force: true });
};
