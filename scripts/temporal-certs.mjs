#!/usr/bin/env node
// `npm run temporal:certs [-- --dir secrets/temporal-tls] [--days 365] [--force]`: a development CA and the
// certificates docker-compose.yml uses for mTLS between the API, the worker, the Temporal UI and Temporal
// (scripts/lib/temporal-certs.mjs). The folder is git-ignored: certificates and keys are never committed.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { info, runMain } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { generateTemporalCerts } from './lib/temporal-certs.mjs';

runMain(async () => {
  const { values } = parseArgs({
    options: { dir: { type: 'string', default: 'secrets/temporal-tls' }, days: { type: 'string', default: '365' }, force: { type: 'boolean', default: false } },
  });
  const dir = resolve(repoRoot, values.dir);
  const files = generateTemporalCerts(dir, { days: Number(values.days), force: values.force });
  info(`Wrote ${files.length} files to ${dir}: the CA, Temporal's server certificate and the client certificates of casework and the Temporal UI.`);
  return 0;
});
