#!/usr/bin/env node
// `npm start`: the embedded profile. Installs what is missing, builds, starts the Temporal dev server
// (SQLite under ./data/temporal) and one casework process (API + worker + projections on PGlite under
// ./data/pglite). Ctrl-C stops the app first, then the dev server. Data survives restarts.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildTypeScript } from './lib/build.mjs';
import { ensureConsoleBuilt } from './lib/console-build.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { devSecretFile, ensureDevSecret } from './lib/dev-secret.mjs';
import { info, runMain, SetupError } from './lib/log.mjs';
import { dataDir, repoRoot } from './lib/paths.mjs';
import { hasExited, stopProcess } from './lib/processes.cjs';
import { ensureTemporalCli } from './lib/temporal-cli.mjs';
import { isPortOpen, isTemporalServing, parseAddress, startDevServer, waitForTemporal } from './lib/temporal-server.cjs';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const children = { app: undefined, temporal: undefined };
let stopping = false;

runMain(async () => {
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('exit', killAll); // last resort: never leave a child behind
  try {
    await start();
  } catch (error) {
    if (stopping) return new Promise(() => {}); // a shutdown is under way and will exit
    throw error;
  }
});

async function start() {
  await ensureDependencies();
  ensureDevSecret();
  const cli = await ensureTemporalCli();
  await buildTypeScript();
  await ensureConsoleBuilt();

  const data = dataDir();
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  const temporalUi = await ensureTemporal(cli, address, namespace, data);

  const port = process.env.PORT || '3000';
  const app = spawn(process.execPath, [join(repoRoot, 'dist/apps/embedded/main.js')], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true, // own process group: only we decide when it gets SIGINT, and only once
    env: {
      ...process.env,
      EVENT_STORE: 'pglite',
      CASEWORK_DATA_DIR: data,
      PGLITE_DIR: resolve(repoRoot, process.env.PGLITE_DIR || join(data, 'pglite')),
      ...(process.env.JWT_SECRET ? {} : { JWT_SECRET_FILE: devSecretFile() }),
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      PORT: port,
    },
  });
  children.app = app;
  app.on('exit', (code, signal) => {
    if (!stopping) void shutdown(code || 1, `casework exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
  });
  await printBannerWhenUp(`http://127.0.0.1:${port}`, temporalUi, app);
}

/** Reuses a Temporal server already answering at `address`, or starts the dev server there. Returns the UI URL. */
async function ensureTemporal(cli, address, namespace, data) {
  const { host, port } = parseAddress(address);
  if (await isPortOpen({ host, port })) {
    const state = {};
    if (!(await isTemporalServing(address, namespace, state))) {
      throw new SetupError(
        `Port ${port} is in use, but no Temporal server with namespace "${namespace}" answers at ${address} ` +
          `(${state.lastError?.message}). Stop what uses the port, or point TEMPORAL_ADDRESS at a Temporal server.`,
      );
    }
    info(`A Temporal server is already running at ${address}: reusing it (it is not stopped on exit).`);
    return `its own Web UI (for a dev server on ${port}: http://${host}:${port + 1000})`;
  }
  if (!LOCAL_HOSTS.has(host)) throw new SetupError(`No Temporal server answers at TEMPORAL_ADDRESS=${address}.`);

  const dbDir = join(data, 'temporal');
  mkdirSync(dbDir, { recursive: true });
  const uiPort = port + 1000;
  const temporal = startDevServer(cli, {
    ip: host === 'localhost' ? '127.0.0.1' : host,
    port,
    namespace,
    flags: ['--db-filename', join(dbDir, 'temporal.db'), '--ui-port', String(uiPort), '--log-level', 'error'],
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.temporal = temporal;
  temporal.on('exit', (code, signal) => {
    if (!stopping) void shutdown(1, `The Temporal dev server exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
  });
  info(`Starting the Temporal dev server: ${temporal.commandLine}`);
  try {
    await waitForTemporal(address, { namespace, timeoutMs: 120_000, child: temporal });
  } catch (error) {
    throw new SetupError(error.message);
  }
  info(`Temporal dev server ready at ${address}.`);
  return `http://${host}:${uiPort}`;
}

/** Waits until the API answers (any status: /health says 503 until everything runs), then prints the banner. */
async function printBannerWhenUp(apiUrl, temporalUi, app) {
  const deadline = Date.now() + 120_000;
  while (!hasExited(app) && Date.now() < deadline) {
    try {
      await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (hasExited(app) || stopping) return;
  const token = 'npm run --silent token -- --role caseworker --office 440106';
  console.log(
    [
      '',
      'casework is running (embedded profile)',
      `  API          ${apiUrl}   (OpenAPI UI ${apiUrl}/docs, health ${apiUrl}/health)`,
      `  Console      ${apiUrl}/console   (development sign-in: choose a role and an office)`,
      `  Temporal UI  ${temporalUi}`,
      `  Token        ${token}`,
      `  Try          curl -H "Authorization: Bearer $(${token})" ${apiUrl}/queues/440106`,
      `  Data         ${dataDir()} (kept between runs)`,
      '  Stop         Ctrl-C',
      '',
    ].join('\n'),
  );
}

function onSignal(signal) {
  if (stopping) {
    info(`${signal} again: killing everything now.`);
    process.exit(130); // the 'exit' handler SIGKILLs the children
  }
  void shutdown(0, `${signal}: stopping casework, then the Temporal dev server (${signal} again to force)...`);
}

/** Stops the app (SIGINT, up to 15 s), then the dev server we started (SIGINT, up to 15 s), then exits. */
async function shutdown(code, reason) {
  stopping = true;
  info(reason);
  if (children.app) await stopProcess(children.app, { signal: 'SIGINT', timeoutMs: 15_000, group: true });
  if (children.temporal) await stopProcess(children.temporal, { signal: 'SIGINT', timeoutMs: 15_000, group: true });
  process.exit(code);
}

function killAll() {
  for (const child of [children.app, children.temporal]) {
    if (child && !hasExited(child)) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
