import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/config';

/** Production seals Temporal payloads: a key, made up for the test (base64 of 32 bytes). */
const SEALED = { TEMPORAL_SEALING_KEYS: `k1=${Buffer.alloc(32, 7).toString('base64')}` };
import { createTokenVerifier } from '../../apps/api/auth/token-verifier';
import { ConsoleAssets } from '../../apps/api/console/console-assets';
import { ConsoleController } from '../../apps/api/console/console.controller';
import { consoleOptions } from '../../apps/api/console/console-options';
import { apiControllers } from '../../apps/api/openapi/dump';
import { openApiDocument } from '../../apps/api/openapi/document';
import { ProblemError } from '../../apps/api/problem/problem';

/**
 * The console's server side without a server: how it signs in per configuration (development tokens
 * only where they are enabled; OpenID Connect with PKCE in production), which files it serves, and that
 * the typed client committed in console/ matches the API's current OpenAPI document.
 */
const ROOT = join(__dirname, '..', '..');
const OIDC = { OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_JWKS_URL: 'https://id.example.gov.cn/jwks', OIDC_AUDIENCE: 'casework' };

describe('console sign-in settings', () => {
  it('mints development tokens the API accepts, for the chosen role and office, within 12 hours', async () => {
    const cfg = loadConfig({ JWT_SECRET: 'unit-test-secret-of-at-least-32-bytes' });
    const controller = new ConsoleController(consoleOptions(cfg));
    expect(controller.config()).toEqual({ signIn: 'dev' });
    const { token, expiresAt } = await controller.devToken({ role: 'supervisor', office: '440000', sub: 'inspector-liu' });
    const { principal, expiresAt: exp } = await createTokenVerifier(cfg.auth)(token);
    expect(principal).toMatchObject({ id: 'inspector-liu', role: 'supervisor', office: '440000' });
    expect(exp).toBe(Date.parse(expiresAt));
    expect(exp - Date.now()).toBeLessThanOrEqual(12 * 3_600_000);
  });

  it('has no development tokens with OpenID Connect: the route answers 404 and the page signs in with PKCE at the issuer', async () => {
    const cfg = loadConfig({ ...OIDC, ...SEALED, NODE_ENV: 'production', CONSOLE_OIDC_CLIENT_ID: 'casework-console' });
    const controller = new ConsoleController(consoleOptions(cfg));
    expect(controller.config()).toEqual({ signIn: 'oidc', oidc: { authority: OIDC.OIDC_ISSUER, clientId: 'casework-console', scope: 'openid profile' } });
    const refused = await controller.devToken({ role: 'admin', office: '000000' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemError);
    expect(refused).toMatchObject({ status: 404 });
  });

  it('says what to set when production has no client id for the console', () => {
    const controller = new ConsoleController(consoleOptions(loadConfig({ ...OIDC, ...SEALED, NODE_ENV: 'production' })));
    expect(controller.config()).toEqual({ signIn: 'unavailable', detail: expect.stringContaining('CONSOLE_OIDC_CLIENT_ID') });
  });
});

describe('console assets', () => {
  it('serves only the files of the build, whatever the path asks for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-assets-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {}');
    const assets = new ConsoleAssets(dir);
    expect(assets.built).toBe(true);
    expect(assets.get('assets/index-abc.js')?.contentType).toMatch(/^application\/javascript/);
    for (const path of ['assets/../index.html', '../package.json', 'assets/%2e%2e/index.html', '/etc/passwd']) expect(assets.get(path)).toBeUndefined();
    expect(new ConsoleAssets(join(dir, 'missing')).built).toBe(false);
  });
});

describe('the typed client', () => {
  it('is generated from the current OpenAPI document (run `npm run build` after changing the API)', () => {
    // In a process of its own: openapi-typescript loads modules lazily, which jest's module sandbox would outlive.
    const script = `import { schemaText } from ${JSON.stringify(join(ROOT, 'scripts', 'lib', 'console-build.mjs'))};
let input = '';
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(await schemaText(JSON.parse(input)));`;
    const expected = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      input: JSON.stringify(openApiDocument(apiControllers())),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(readFileSync(join(ROOT, 'console', 'src', 'api', 'schema.d.ts'), 'utf8')).toBe(expected);
  }, 30_000);
});
