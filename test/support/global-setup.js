// Jest global setup, once per run (before any worker starts, so process.env set here reaches the tests):
// - JWT_SECRET: a random one for this run unless set;
// - PostgreSQL: checks TEST_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
//   and exports TEST_DATABASE_URL;
// - Temporal: with TEMPORAL_ADDRESS set, checks that server; otherwise starts ONE dev server
//   (in memory, headless) on a free port and exports TEMPORAL_ADDRESS. global-teardown.js stops it;
// - the web console: built into dist/console when missing or stale (the API serves it, browser tests drive it);
// - Chromium and a CJK font for the browser tests: each installed with apt-get when missing and we are root;
// - the case workflows bundled once for the whole run (CASEWORK_TEST_WORKFLOW_BUNDLE), which every test system's
//   worker loads instead of running webpack itself.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, openSync, closeSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const server = require('../../scripts/lib/temporal-server.cjs');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const STATE_KEY = '__caseworkTemporalDevServer';

module.exports = async function globalSetup() {
  checkVmModules();
  process.env.JWT_SECRET ||= randomBytes(32).toString('base64url');
  await checkPostgres();
  buildConsoleIfStale();
  ensureChromium();
  await provideTemporal();
  await bundleWorkflowsOnce();
};

const BUNDLE_KEY = '__caseworkTestWorkflowBundle';

/**
 * Why once per run: a test system's worker that bundles at start runs webpack over the whole domain (tens of
 * seconds of CPU each); with thirty-odd suites on a loaded two-core machine that alone pushed system starts past
 * the hook timeout. The bundle is made from the sources of this run, so it is never stale, with the options a
 * worker bundling at start uses (apps/runtime/temporal.ts: the shared domain preloaded, the sealing failure
 * converter that every test system's data converter names).
 */
async function bundleWorkflowsOnce() {
  if (process.env.CASEWORK_TEST_WORKFLOW_BUNDLE) return;
  const { bundleWorkflowCode, DefaultLogger } = require('@temporalio/worker');
  const root = join(__dirname, '..', '..');
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'workflows', 'index.ts'),
    preloadModules: [join(root, 'workflows', 'shared-domain.ts')],
    failureConverterPath: join(root, 'apps', 'runtime', 'sealing', 'failure-converter.ts'),
    logger: new DefaultLogger('WARN'),
  });
  const file = join(tmpdir(), `casework-test-workflows-${process.pid}-${randomBytes(4).toString('hex')}.js`);
  writeFileSync(file, code);
  globalThis[BUNDLE_KEY] = file;
  process.env.CASEWORK_TEST_WORKFLOW_BUNDLE = file;
}

/** The API serves dist/console: a fresh clone (or a changed console or API contract) builds it first. */
function buildConsoleIfStale() {
  const cwd = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['scripts/build-console.mjs', '--if-stale'], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

const CHROMIUM = '/usr/bin/chromium';
/** The CJK font the screenshots need (Debian's fonts-wqy-microhei); without it Chinese pages render as boxes. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * The browser tests drive Debian's Chromium with a CJK font. Each is checked on its own (a machine may have
 * Chromium but not the font): as root the missing ones are installed, otherwise the message says how.
 */
function ensureChromium() {
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(existsSync(CJK_FONT) ? [] : ['fonts-wqy-microhei'])];
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    // Without the font the pages still work (only the screenshots suffer): say so, but run the tests.
    if (!missing.includes('chromium')) {
      process.stderr.write(`[casework] No CJK font at ${CJK_FONT}: screenshots show boxes for Chinese text (sudo apt-get install -y fonts-wqy-microhei).\n`);
      return;
    }
    throw new Error(`The browser tests (test/console) need Chromium at ${CHROMIUM}: install it with \`sudo apt-get install -y ${missing.join(' ')}\`.`);
  }
  process.stderr.write(`[casework] Installing for the browser tests: apt-get install -y ${missing.join(' ')}...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: ['ignore', 'inherit', 'inherit'], env });
  try {
    install();
  } catch {
    // A fresh machine's package lists may be empty or stale.
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'], env });
    install();
  }
}

/**
 * PGlite's Emscripten glue calls `import()`, which jest's VM sandbox allows only with Node's
 * --experimental-vm-modules (without it the test worker crashes). scripts/test.mjs passes the flag, and
 * jest's workers inherit it; a bare `jest` run is told how to add it.
 */
function checkVmModules() {
  const flag = '--experimental-vm-modules';
  if (process.execArgv.includes(flag) || (process.env.NODE_OPTIONS ?? '').includes(flag)) return;
  throw new Error(`The integration tests load PGlite, which needs node ${flag} under jest: run \`npm test\`, or NODE_OPTIONS=${flag} npx jest.`);
}

async function checkPostgres() {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redact(url)}: ${error.message}\n` +
        'The tests need a PostgreSQL server: start one (on Debian: pg_ctlcluster <version> main start) ' +
        'or point TEST_DATABASE_URL / DATABASE_URL at one.',
    );
  } finally {
    await client.end().catch(() => {});
  }
  process.env.TEST_DATABASE_URL = url;
}

async function provideTemporal() {
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';

  if (process.env.TEMPORAL_ADDRESS) {
    const address = process.env.TEMPORAL_ADDRESS;
    try {
      await server.waitForTemporal(address, { namespace, timeoutMs: 10_000 });
    } catch (error) {
      throw new Error(`TEMPORAL_ADDRESS=${address} is set, but ${error.message}. Unset it to let the tests start their own dev server.`);
    }
    return;
  }

  const cli = process.env.TEMPORAL_CLI || findTemporalCli();
  const port = await server.freePort();
  const address = `127.0.0.1:${port}`;
  const logFile = join(tmpdir(), `casework-test-temporal-${port}.log`);
  const log = openSync(logFile, 'w');
  const child = server.startDevServer(cli, {
    port,
    namespace,
    flags: ['--headless', '--log-level', 'error'],
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref(); // jest must not wait for it; global-teardown.js stops it
  // If jest ends without running the teardown (crash, bail, Ctrl-C), do not leave the server behind.
  // (It runs in its own process group, so a terminal's Ctrl-C does not reach it by itself.)
  const killServer = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const onSignal = (signal) => {
    killServer();
    process.removeListener(signal, onSignal);
    // Nobody else handles it: let the signal do what it would have done without us.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', killServer);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  globalThis[STATE_KEY] = { child, killServer, onSignal, logFile };

  try {
    await server.waitForTemporal(address, { namespace, timeoutMs: 60_000, child });
  } catch (error) {
    throw new Error(`Could not start the Temporal dev server (${child.commandLine}): ${error.message}\n${tail(logFile)}`);
  }
  process.env.TEMPORAL_ADDRESS = address;
  process.env.TEMPORAL_NAMESPACE = namespace;
}

/** `npm test` passes TEMPORAL_CLI; a bare `jest` asks the setup script's lookup (it may build the CLI once). */
function findTemporalCli() {
  const script =
    'import { ensureTemporalCli } from "./scripts/lib/temporal-cli.mjs"; ensureTemporalCli().then((path) => console.log(path), (error) => { console.error(error.message); process.exit(1); });';
  const cwd = join(__dirname, '..', '..');
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
