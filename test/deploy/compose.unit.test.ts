import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository, without types
const temporalServer = require('../../scripts/lib/temporal-server.cjs') as { DYNAMIC_CONFIG_FILE: string; devServerConfigFlags(): string[] };

/**
 * docker-compose.yml's security invariants (issue 12), checked on the parsed file (there is no Docker here to
 * run `docker compose config`): Temporal only on an internal network, with no published port and mTLS
 * required; the API and the worker connect with their client certificate; the Temporal UI on loopback, with
 * its own certificate, pointed at the codec server whose CORS admits it; every published port on loopback;
 * the certificates and keys come from a git-ignored folder; and every reference resolves, as the Compose
 * specification requires.
 */
describe('docker-compose.yml', () => {
  const root = join(__dirname, '..', '..');
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
    networks: Record<string, { internal?: boolean } | null>;
    secrets: Record<string, { file: string }>;
    volumes: Record<string, unknown>;
    configs: Record<string, { file: string }>;
    [key: string]: unknown;
  };
  interface Service {
    configs?: { source: string; target: string }[];
    image?: string;
    ports?: string[];
    networks?: string[];
    secrets?: string[];
    environment?: Record<string, string>;
    depends_on?: string[] | Record<string, unknown>;
    volumes?: string[];
    healthcheck?: { test: string[] };
    entrypoint?: string[];
    command?: string[];
  }
  const services = compose.services;
  const env = (name: string) => services[name].environment ?? {};
  const secretFile = (service: string, path: string) => {
    const m = /^\/run\/secrets\/(.+)$/.exec(path);
    expect(m).not.toBeNull();
    expect(services[service].secrets).toContain(m![1]);
    return compose.secrets[m![1]].file;
  };

  it('uses only what the Compose specification defines, and every reference resolves', () => {
    expect(Object.keys(compose).filter((k) => !k.startsWith('x-'))).toEqual(expect.arrayContaining(['services', 'networks', 'secrets', 'volumes']));
    for (const key of Object.keys(compose))
      expect(['name', 'services', 'networks', 'volumes', 'secrets', 'configs'].includes(key) || key.startsWith('x-')).toBe(true);
    for (const [name, s] of Object.entries(services)) {
      for (const n of s.networks ?? []) expect({ name, network: n, defined: n in compose.networks }).toEqual({ name, network: n, defined: true });
      for (const x of s.secrets ?? []) expect({ name, secret: x, defined: x in compose.secrets }).toEqual({ name, secret: x, defined: true });
      for (const d of Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}))
        expect({ name, dependsOn: d, defined: d in services }).toEqual({ name, dependsOn: d, defined: true });
      const named = (s.volumes ?? []).map((v) => v.split(':')[0]).filter((source) => !source.startsWith('.') && !source.startsWith('/'));
      for (const source of named) expect({ name, volume: source, defined: source in compose.volumes }).toEqual({ name, volume: source, defined: true });
    }
  });

  it('keeps Temporal on an internal network, with no published port, and requires client certificates', () => {
    const temporal = services.temporal;
    expect(temporal.ports ?? []).toEqual([]);
    expect(temporal.networks).toContain('temporal');
    expect(compose.networks.temporal?.internal).toBe(true);
    for (const n of temporal.networks ?? []) expect({ network: n, internal: compose.networks[n]?.internal }).toEqual({ network: n, internal: true });
    expect(env('temporal').TEMPORAL_TLS_REQUIRE_CLIENT_AUTH).toBe('true');
    for (const v of [
      'TEMPORAL_TLS_SERVER_CERT',
      'TEMPORAL_TLS_SERVER_KEY',
      'TEMPORAL_TLS_FRONTEND_CERT',
      'TEMPORAL_TLS_FRONTEND_KEY',
      'TEMPORAL_TLS_CLIENT1_CA_CERT',
    ]) {
      expect(secretFile('temporal', env('temporal')[v])).toMatch(/^\.\/secrets\/temporal-tls\//);
    }
    expect(services.temporal.healthcheck!.test.join(' ')).toMatch(/--tls-cert-path .*--tls-key-path/);
    // Only the services holding a client certificate share its network.
    const onTemporalNetwork = Object.entries(services)
      .filter(([, s]) => s.networks?.includes('temporal'))
      .map(([n]) => n)
      .sort();
    expect(onTemporalNetwork).toEqual(['api', 'temporal', 'temporal-ui', 'worker']);
  });

  it('connects the API and the worker to Temporal with their client certificate', () => {
    for (const name of ['api', 'worker']) {
      const e = env(name);
      expect(e.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(e.TEMPORAL_TLS_SERVER_NAME).toBe('temporal');
      expect(secretFile(name, e.TEMPORAL_TLS_CA_FILE)).toBe('./secrets/temporal-tls/ca.pem');
      expect(secretFile(name, e.TEMPORAL_TLS_CERT_FILE)).toBe('./secrets/temporal-tls/client.pem');
      expect(secretFile(name, e.TEMPORAL_TLS_KEY_FILE)).toBe('./secrets/temporal-tls/client.key');
    }
    // Nobody mounts the CA's key.
    expect(Object.values(compose.secrets).map((s) => s.file)).not.toContain('./secrets/temporal-tls/ca.key');
  });

  it('serves the Temporal UI on loopback, with its certificate, signed-in users and the codec server', () => {
    const ui = env('temporal-ui');
    expect(services['temporal-ui'].ports!.every((p) => p.startsWith('127.0.0.1:'))).toBe(true);
    expect(secretFile('temporal-ui', ui.TEMPORAL_TLS_CERT)).toBe('./secrets/temporal-tls/ui.pem');
    expect(secretFile('temporal-ui', ui.TEMPORAL_TLS_KEY)).toBe('./secrets/temporal-tls/ui.key');
    expect(ui.TEMPORAL_AUTH_ENABLED).toBe('true');
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\$\{API_PORT:-3000\}\/codec$/);
    expect(ui.TEMPORAL_CODEC_PASS_ACCESS_TOKEN).toBe('true');
    // The API admits the UI's origin (and only it) to the codec server.
    const uiOrigin = `http://127.0.0.1:${/^'?127\.0\.0\.1:(\$\{TEMPORAL_UI_PORT:-8080\})/.exec(services['temporal-ui'].ports![0])![1]}`;
    expect(env('api').CODEC_CORS_ORIGINS).toBe(uiOrigin);
  });

  it('publishes every port on loopback only', () => {
    for (const [name, s] of Object.entries(services))
      for (const p of s.ports ?? []) expect({ name, port: p, loopback: p.startsWith('127.0.0.1:') }).toEqual({ name, port: p, loopback: true });
  });

  // Issue 12: the payload sealing keys from a file, never from the repository nor from an environment variable
  // (`docker inspect` shows a container's environment; a Compose secret is a file under /run/secrets/<name>).
  it('gives the sealing keys to the API and the worker only, as a secret file from the git-ignored folder', () => {
    for (const name of ['api', 'worker']) {
      const e = env(name);
      expect(e).not.toHaveProperty('TEMPORAL_SEALING_KEYS');
      expect(secretFile(name, e.TEMPORAL_SEALING_KEYS_FILE)).toBe('./secrets/temporal-sealing-keys');
    }
    const holders = Object.entries(services)
      .filter(([, s]) => s.secrets?.includes('temporal-sealing-keys'))
      .map(([n]) => n)
      .sort();
    expect(holders).toEqual(['api', 'worker']);
    const ignored = execFileSync('git', ['check-ignore', 'secrets/temporal-sealing-keys'], { cwd: root, encoding: 'utf8' });
    expect(ignored.trim()).toBe('secrets/temporal-sealing-keys');
  });

  it('has no secret value written in it: every secret-like setting is required from outside, none has a default', () => {
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const secretLike = /PASSWORD|PWD|SECRET|SEALING|_KEY\b|TOKEN/;
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (!secretLike.test(key) || /_FILE$|^TEMPORAL_TLS_/.test(key) || key === 'TEMPORAL_CODEC_PASS_ACCESS_TOKEN') continue;
        // Only an interpolation that fails when unset (${VAR:?…}): never a literal, never a default.
        expect({ name, key, required: /^\$\{[A-Z_]+:\?[^}]*\}$/.test(String(value)) }).toEqual({ name, key, required: true });
      }
    }
    expect(text).not.toMatch(/\$\{[A-Z_]*(PASSWORD|SECRET|SEALING)[A-Z_]*:-/);
    // No key material in the file itself (a PEM block, or a 32-byte key in base64).
    expect(text).not.toMatch(/-----BEGIN|[A-Za-z0-9+/]{43}=/);
  });

  // Issue 12: the database password and the Temporal UI's OIDC client secret from secret files too. Services whose
  // image reads a setting only from the environment get it from the file as their container starts.
  it('gives the database password to each service that needs it as a secret file, never as an environment value', () => {
    const holders = Object.entries(services)
      .filter(([, s]) => s.secrets?.includes('postgres-password'))
      .map(([n]) => n)
      .sort();
    expect(holders).toEqual(['api', 'postgresql', 'temporal', 'worker']);
    expect(compose.secrets['postgres-password'].file).toBe('./secrets/postgres-password');
    expect(secretFile('postgresql', env('postgresql').POSTGRES_PASSWORD_FILE)).toBe('./secrets/postgres-password');
    for (const name of ['api', 'worker']) {
      expect(secretFile(name, env(name).DATABASE_PASSWORD_FILE)).toBe('./secrets/postgres-password');
      // The URL names the user but holds no password: the file's is put in at start-up.
      const url = new URL(env(name).DATABASE_URL);
      expect({ user: url.username, password: url.password }).toEqual({ user: 'casework', password: '' });
    }
    // Temporal's image has no file option: its entrypoint exports POSTGRES_PWD from the file, then runs the image's own.
    expect(env('temporal')).not.toHaveProperty('POSTGRES_PWD');
    const entry = services.temporal.entrypoint!.join(' ');
    expect(entry).toContain('POSTGRES_PWD="$$(cat /run/secrets/postgres-password)"');
    expect(entry).toContain('exec /etc/temporal/entrypoint.sh "$$@"');
    expect(services.temporal.command).toEqual(['autosetup']);
    for (const [name, s] of Object.entries(services))
      for (const [key, value] of Object.entries(s.environment ?? {}))
        expect({ name, key, fromEnvironment: /POSTGRES_PASSWORD\b/.test(String(value)) }).toEqual({ name, key, fromEnvironment: false });
  });

  it('gives the Temporal UI its OIDC client secret as a secret file, to it alone', () => {
    const ui = services['temporal-ui'];
    expect(env('temporal-ui')).not.toHaveProperty('TEMPORAL_AUTH_CLIENT_SECRET');
    expect(env('temporal-ui').TEMPORAL_AUTH_CLIENT_ID).toMatch(/^\$\{TEMPORAL_UI_OIDC_CLIENT_ID:\?/);
    expect(compose.secrets['temporal-ui-oidc-client-secret'].file).toBe('./secrets/temporal-ui-oidc-client-secret');
    const holders = Object.entries(services)
      .filter(([, s]) => s.secrets?.includes('temporal-ui-oidc-client-secret'))
      .map(([n]) => n);
    expect(holders).toEqual(['temporal-ui']);
    const entry = ui.entrypoint!.join(' ');
    expect(entry).toContain('TEMPORAL_AUTH_CLIENT_SECRET="$$(cat /run/secrets/temporal-ui-oidc-client-secret)"');
    expect(entry).toContain('exec ./start-ui-server.sh');
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/\$\{(POSTGRES_PASSWORD|TEMPORAL_UI_OIDC_CLIENT_SECRET)\b/);
    const ignored = execFileSync('git', ['check-ignore', 'secrets/postgres-password', 'secrets/temporal-ui-oidc-client-secret'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(ignored.trim().split('\n')).toHaveLength(2);
  });

  it('keeps the Temporal UI off the public network: its only published port is on loopback, Temporal itself publishes none', () => {
    const ui = services['temporal-ui'];
    expect(ui.ports).toHaveLength(1);
    expect(ui.ports![0]).toMatch(/^127\.0\.0\.1:/);
    // Its other network is the internal one, shared only with Temporal and casework.
    expect((ui.networks ?? []).filter((n) => !compose.networks[n]?.internal)).toEqual(['ui']);
    expect(
      Object.entries(services)
        .filter(([, s]) => s.networks?.includes('ui'))
        .map(([n]) => n),
    ).toEqual(['temporal-ui']);
    expect(services.temporal.ports ?? []).toEqual([]);
  });

  it('runs Temporal with the settings the development and test servers run with', () => {
    const mounted = services.temporal.configs?.find((c) => c.target === env('temporal').DYNAMIC_CONFIG_FILE_PATH);
    expect(mounted).toBeDefined();
    expect(compose.configs[mounted!.source].file).toBe('./config/temporal-dynamic-config.yaml');
    // Scripts and this file name the same file: an opening's first workflow task is read from the transfer queue
    // at the rate it sets.
    expect(join(root, compose.configs[mounted!.source].file)).toBe(temporalServer.DYNAMIC_CONFIG_FILE);
    expect(temporalServer.devServerConfigFlags()).toEqual(expect.arrayContaining(['history.transferProcessorMaxPollRPS=200']));
  });

  it('takes certificates and keys from a git-ignored folder, and the repository holds none', () => {
    const ignored = execFileSync('git', ['check-ignore', 'secrets/temporal-tls/client.key', 'secrets/temporal-tls/ca.key'], { cwd: root, encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toHaveLength(2);
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
    expect(tracked.filter((f) => /(^|\/)secrets\/|\.(key|pem)$/.test(f))).toEqual([]);
  });
});
