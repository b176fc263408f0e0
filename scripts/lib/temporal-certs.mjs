// A development CA and the certificates for mTLS between casework and Temporal (docker-compose.yml):
//   ca.pem / ca.key         the CA that signs everything below (kept to sign more; no service mounts the key)
//   server.pem / server.key Temporal's frontend and internode certificate: temporal, localhost, 127.0.0.1
//   client.pem / client.key the API's and the worker's client certificate (CN casework)
//   ui.pem / ui.key         the Temporal UI's client certificate (CN temporal-ui)
// Made with the openssl command (present wherever Docker is); EC P-256 keys, valid for `days`.
// For development and trials only: a real installation takes its certificates from its own PKI.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CERT_FILES = ['ca.pem', 'ca.key', 'server.pem', 'server.key', 'client.pem', 'client.key', 'ui.pem', 'ui.key'];

const openssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

function key(path) {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
  // Readable by the containers' own users (the files are bind-mounted as they are on the host): the folder
  // is git-ignored and the CA's key is never mounted.
  chmodSync(path, 0o644);
}

function sign(dir, name, subject, extensions, days) {
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  key(join(dir, `${name}.key`));
  openssl(['req', '-new', '-key', join(dir, `${name}.key`), '-subj', subject, '-out', csr]);
  writeFileSync(ext, extensions);
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-CAcreateserial',
    '-days',
    String(days),
    '-sha256',
    '-extfile',
    ext,
    '-out',
    join(dir, `${name}.pem`),
  ]);
  rmSync(csr);
  rmSync(ext);
}

/** Writes a fresh CA and certificates into `dir`; refuses to overwrite existing ones unless `force`. */
export function generateTemporalCerts(dir, { days = 365, force = false, serverNames = ['temporal', 'localhost'] } = {}) {
  if (!force && existsSync(join(dir, 'ca.pem'))) {
    throw new Error(`${dir} already holds a CA: pass --force to replace it (every service then needs the new files)`);
  }
  mkdirSync(dir, { recursive: true });
  key(join(dir, 'ca.key'));
  chmodSync(join(dir, 'ca.key'), 0o600);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    join(dir, 'ca.key'),
    '-subj',
    '/CN=casework development CA for Temporal',
    '-days',
    String(days),
    '-sha256',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    join(dir, 'ca.pem'),
  ]);
  const leaf = (usage, san) =>
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      `extendedKeyUsage=${usage}`,
      ...(san ? [`subjectAltName=${san}`] : []),
      '',
    ].join('\n');
  // The server's certificate also authenticates it to the other Temporal services (internode), hence clientAuth.
  sign(dir, 'server', '/CN=temporal', leaf('serverAuth,clientAuth', [...serverNames.map((n) => `DNS:${n}`), 'IP:127.0.0.1'].join(',')), days);
  sign(dir, 'client', '/CN=casework', leaf('clientAuth', 'DNS:casework'), days);
  sign(dir, 'ui', '/CN=temporal-ui', leaf('clientAuth', 'DNS:temporal-ui'), days);
  rmSync(join(dir, 'ca.srl'), { force: true });
  return CERT_FILES.map((f) => join(dir, f));
}
