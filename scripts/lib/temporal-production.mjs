// The production topology's Temporal, runnable here: the Temporal server (not the CLI's dev server) on
// PostgreSQL. Built once with `go install` into the cache (like the CLI), its schemas set up with its own
// SQL tool, started with a generated config. Used by benchmarks and fault runs that need a real server.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goInstall, findGo } from './go-install.mjs';
import { info, SetupError } from './log.mjs';
import { cacheDir } from './paths.mjs';
import temporalServer from './temporal-server.cjs';

const { DYNAMIC_CONFIG_FILE } = temporalServer;

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';

/** Where the server build lives: the two binaries and the schema folders of the same version. */
export function temporalServerDir() {
  return join(cacheDir(), 'temporal-server', TEMPORAL_SERVER_VERSION);
}

/** Paths of `temporal-server`, `temporal-sql-tool` and the PostgreSQL schemas; builds them once with Go. */
export async function ensureTemporalServer() {
  const dir = temporalServerDir();
  const paths = {
    server: join(dir, 'temporal-server'),
    sqlTool: join(dir, 'temporal-sql-tool'),
    schema: join(dir, 'schema', 'postgresql', 'v12'),
  };
  if (existsSync(paths.server) && existsSync(paths.sqlTool) && existsSync(paths.schema)) return paths;
  const go = findGo();
  if (!go) throw new SetupError(`Go is needed to build the Temporal server ${TEMPORAL_SERVER_VERSION} (install Go 1.25 or newer).`);
  await goInstall(go, {
    label: `the Temporal server ${TEMPORAL_SERVER_VERSION}`,
    packages: [`${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`],
    binaries: { server: 'temporal-server', sql: 'temporal-sql-tool' },
    targetDir: dir,
  });
  // The schemas ship in the module's source, which `go install` left in the module cache.
  const modCache = spawnSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  cpSync(join(modCache, `${MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12'), paths.schema, { recursive: true });
  return paths;
}

/**
 * Creates (if missing) and migrates the two databases the server needs on a PostgreSQL server:
 * `<prefix>` (history, tasks, namespaces) and `<prefix>_visibility`. Safe to run again.
 */
export function setupTemporalSchemas(paths, { host, port, user, password = '', prefix = 'temporal' }) {
  const databases = [
    { name: prefix, schema: join(paths.schema, 'temporal', 'versioned') },
    { name: `${prefix}_visibility`, schema: join(paths.schema, 'visibility', 'versioned') },
  ];
  for (const { name, schema } of databases) {
    const tool = (...args) => {
      const connection = ['--plugin', 'postgres12', '--ep', host, '-p', String(port), '-u', user, '--pw', password, '--db', name];
      const result = spawnSync(paths.sqlTool, [...connection, ...args], { encoding: 'utf8' });
      return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
    };
    const created = tool('create-database');
    if (!created.ok && !/already exists/.test(created.output)) throw new SetupError(`creating database ${name} failed:\n${created.output}`);
    // setup-schema with version 0.0 records the schema table; it fails harmlessly when it already exists.
    tool('setup-schema', '-v', '0.0');
    const updated = tool('update-schema', '-d', schema);
    if (!updated.ok) throw new SetupError(`migrating database ${name} failed:\n${updated.output}`);
  }
}

/** The server's configuration: every port derives from the frontend port, so several servers can run side by side. */
function serverConfig({ frontendPort, host, port, user, password, prefix, numHistoryShards, dynamicConfigFile }) {
  const sql = (databaseName, maxConns) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${databaseName}"
        connectAddr: "${host}:${port}"
        connectProtocol: "tcp"
        user: "${user}"
        password: "${password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (offset) => `
    rpc:
      grpcPort: ${frontendPort + offset}
      membershipPort: ${frontendPort + 100 + offset}
      bindOnLocalHost: true`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${numHistoryShards}
  datastores:
    default:${sql(prefix, 20)}
    visibility:${sql(`${prefix}_visibility`, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:${service(0)}
  history:${service(1)}
  matching:${service(2)}
  worker:${service(6)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${frontendPort}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${dynamicConfigFile}"
  pollInterval: "10s"
`;
}

/** Registers a namespace (the server has none of its own); an existing one is left as it is. */
export async function registerNamespace(address, namespace = 'default', retentionDays = 3) {
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: retentionDays * 86_400 },
    });
  } catch (error) {
    if (!/already/i.test(String(error?.message))) throw error;
  } finally {
    await connection.close();
  }
}

/**
 * Starts the server on PostgreSQL (schemas set up first) with its config and log under `dir`.
 * Returns the child process; the `default` namespace is registered by the caller once the frontend answers
 * (the server creates none by itself): see `registerNamespace`.
 */
export async function startTemporalServer({ dir, frontendPort = 7233, postgres, numHistoryShards = 4, stdio }) {
  // The server records each service's membership port (frontend + 100 + offset) in a smallint column: a
  // higher port makes it exit at start with "out of range for type smallint".
  if (frontendPort + 106 > 32_767) throw new SetupError(`Temporal frontend port ${frontendPort} is too high: choose one up to 32661`);
  const paths = await ensureTemporalServer();
  const db = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '', prefix: 'temporal', ...postgres };
  setupTemporalSchemas(paths, db);
  mkdirSync(join(dir, 'config'), { recursive: true });
  const dynamicConfigFile = join(dir, 'config', 'dynamicconfig.yaml');
  writeFileSync(join(dir, 'config', 'development.yaml'), serverConfig({ frontendPort, numHistoryShards, dynamicConfigFile, ...db }));
  // The same settings as the dev server we test on, so that the two differ only in their storage.
  copyFileSync(DYNAMIC_CONFIG_FILE, dynamicConfigFile);
  const log = openSync(join(dir, 'server.log'), 'a');
  info(
    `Starting the Temporal server ${TEMPORAL_SERVER_VERSION} on 127.0.0.1:${frontendPort} (PostgreSQL ${db.host}:${db.port}/${db.prefix}); log: ${join(dir, 'server.log')}`,
  );
  return spawn(paths.server, ['--root', dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], {
    stdio: stdio ?? ['ignore', log, log],
  });
}
