#!/usr/bin/env node
// `npm run temporal:server [-- --port 7633 --database-url postgres://postgres@127.0.0.1:5432 --dir data/temporal-server]`:
// the Temporal server as production runs it (on PostgreSQL, not the dev server's SQLite), for benchmarks and
// fault runs. Builds it once, sets up its two databases, registers the `default` namespace, runs until Ctrl-C.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { runMain, info } from './lib/log.mjs';
import { dataDir } from './lib/paths.mjs';
import { stopProcess, waitForExit, exitCodeOf } from './lib/processes.cjs';
import { registerNamespace, startTemporalServer } from './lib/temporal-production.mjs';
import { waitForTemporal, isPortOpen } from './lib/temporal-server.cjs';

runMain(async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7633' },
      'database-url': { type: 'string', default: process.env.TEMPORAL_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432' },
      dir: { type: 'string', default: resolve(dataDir(), 'temporal-server') },
      namespace: { type: 'string', default: 'default' },
    },
  });
  const port = Number(values.port);
  const url = new URL(values['database-url']);
  const address = `127.0.0.1:${port}`;
  if (await isPortOpen({ host: '127.0.0.1', port })) throw new Error(`port ${port} is in use: choose another with --port`);
  const server = await startTemporalServer({
    dir: resolve(values.dir),
    frontendPort: port,
    postgres: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password),
      ...(url.pathname.length > 1 ? { prefix: url.pathname.slice(1) } : {}),
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void stopProcess(server));
  await waitForTemporal(address, { namespace: 'temporal-system', timeoutMs: 120_000, child: server });
  await registerNamespace(address, values.namespace);
  await waitForTemporal(address, { namespace: values.namespace, timeoutMs: 60_000, child: server });
  info(`Temporal server ready at ${address} (namespace ${values.namespace}); Ctrl-C stops it.`);
  return exitCodeOf(await waitForExit(server));
});
