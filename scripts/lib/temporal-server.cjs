// The Temporal development server (`temporal server start-dev`) and readiness checks for any Temporal
// frontend. Used by `npm start` and by the jest global setup (hence CommonJS: jest can require it as is).
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { createServer, connect } = require('node:net');
const { hasExited } = require('./processes.cjs');

/** Splits "host:port" into { host, port }. */
function parseAddress(address) {
  const at = address.lastIndexOf(':');
  if (at < 0) throw new Error(`Temporal address "${address}" must be host:port`);
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(address.slice(at + 1)) };
}

/** True when something accepts TCP connections on host:port. */
function isPortOpen({ host, port }, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * True when a Temporal frontend answers at `address` and knows `namespace`. Throws nothing: any failure
 * (not listening, not Temporal, namespace not registered yet) is `false`, with the reason in `lastError`.
 */
async function isTemporalServing(address, namespace = 'default', state = {}) {
  if (!(await isPortOpen(parseAddress(address)))) {
    state.lastError = new Error(`nothing listens on ${address}`);
    return false;
  }
  const { Connection } = require('@temporalio/client');
  let connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 2_000 });
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch (error) {
    state.lastError = error;
    return false;
  } finally {
    await connection?.close().catch(() => {});
  }
}

/**
 * Polls until the frontend at `address` serves `namespace`. Fails after `timeoutMs`, or at once if
 * `child` (the server process we started) exits meanwhile.
 */
async function waitForTemporal(address, { namespace = 'default', timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  const state = {};
  for (;;) {
    if (child && hasExited(child)) {
      throw new Error(`the Temporal server exited (code ${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (await isTemporalServing(address, namespace, state)) return;
    if (Date.now() > deadline) {
      throw new Error(`Temporal at ${address} not ready after ${timeoutMs / 1000} s: ${state.lastError?.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The Temporal settings every server casework starts runs with (the file says each one's why). */
const DYNAMIC_CONFIG_FILE = join(__dirname, '..', '..', 'config', 'temporal-dynamic-config.yaml');

/** Those settings as the dev server's flags. */
function devServerConfigFlags() {
  // Required here, not at the top: `npm start` loads this file before it installs the dependencies.
  const { parse } = require('yaml');
  const settings = parse(readFileSync(DYNAMIC_CONFIG_FILE, 'utf8'));
  return Object.entries(settings).flatMap(([key, constraints]) => {
    // The dev server takes one value per setting, for the whole server: a setting scoped to a namespace or a task
    // queue could not be passed on as it is.
    if (!Array.isArray(constraints) || constraints.length !== 1 || Object.keys(constraints[0]).join() !== 'value') {
      throw new Error(`${DYNAMIC_CONFIG_FILE}: ${key} must have exactly one value and no constraints for the development server`);
    }
    return ['--dynamic-config-value', `${key}=${JSON.stringify(constraints[0].value)}`];
  });
}

/**
 * Spawns `temporal server start-dev` in its own process group (so a terminal's Ctrl-C reaches only the
 * parent, which then stops things in order). `options` are extra CLI flags; `stdio` as for spawn.
 */
function startDevServer(cli, { ip = '127.0.0.1', port, namespace = 'default', flags = [], stdio = 'inherit' }) {
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--namespace', namespace, ...devServerConfigFlags(), ...flags];
  const child = spawn(cli, args, { stdio, detached: true });
  child.commandLine = [cli, ...args].join(' ');
  return child;
}

module.exports = { parseAddress, isPortOpen, freePort, isTemporalServing, waitForTemporal, startDevServer, devServerConfigFlags, DYNAMIC_CONFIG_FILE };
