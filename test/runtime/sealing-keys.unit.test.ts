import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultPayloadConverter } from '@temporalio/common';
import { ConfigError, loadConfig } from '../../config/config';
import { failureConverter } from '../../apps/runtime/sealing/failure-converter';
import { loadSealingKeys, SealingKeyError } from '../../apps/runtime/sealing/payload-sealing';

/**
 * Where the keys that seal Temporal payloads come from (issue 12): configuration or a file, never the repository;
 * the embedded profile generates one under its data directory like the development JWT secret; production starts
 * only with keys the operator provides. And a failure's message and stack trace leave the process as an encoded
 * attribute, which the codec seals like any payload, never as clear text beside it.
 */
describe('Temporal sealing keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casework-sealing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key into the data directory outside production (mode 600), and reads the same key after', () => {
    const file = join(dir, 'data', 'temporal-sealing-keys');
    const first = loadSealingKeys({ file, generate: true });
    expect(first.keys.get(first.current)).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSealingKeys({ file, generate: true });
    expect(again.current).toBe(first.current);
    expect(again.keys.get(again.current)).toEqual(first.keys.get(first.current));
    expect(readFileSync(file, 'utf8')).toMatch(/^dev-\d{4}-\d{2}-\d{2}=[A-Za-z0-9+/]{43}=\n$/);
  });

  it('the embedded profile points at ./data; production generates nothing and refuses to start without keys', () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(40) }).temporal.sealing.file).toBe(join('data', 'temporal-sealing-keys'));
    const embedded = loadConfig({ CASEWORK_DATA_DIR: join(dir, 'embedded'), JWT_SECRET: 'x'.repeat(40) });
    expect(embedded.temporal.sealing).toEqual({ file: join(dir, 'embedded', 'temporal-sealing-keys'), generate: true });
    const production = {
      NODE_ENV: 'production',
      CASEWORK_DATA_DIR: dir,
      OIDC_ISSUER: 'https://id.example',
      OIDC_JWKS_URL: 'https://id.example/jwks',
      OIDC_AUDIENCE: 'casework',
    };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/production seals Temporal payloads with keys the operator provides/);
    const fromFile = loadConfig({ ...production, TEMPORAL_SEALING_KEYS_FILE: '/run/secrets/temporal-sealing-keys' });
    expect(fromFile.temporal.sealing).toEqual({ file: '/run/secrets/temporal-sealing-keys', generate: false });
    expect(() => loadSealingKeys({ file: join(dir, 'absent'), generate: false })).toThrow(SealingKeyError);
  });

  it('reads a key file of several keys, the first sealing, and refuses a malformed one naming the file', () => {
    const file = join(dir, 'two-keys');
    writeFileSync(file, `k2=${Buffer.alloc(32, 2).toString('base64')}\nk1=${Buffer.alloc(32, 1).toString('base64')}\n`);
    const keys = loadSealingKeys({ file, generate: false });
    expect({ current: keys.current, ids: [...keys.keys.keys()] }).toEqual({ current: 'k2', ids: ['k2', 'k1'] });
    writeFileSync(file, `k1=${Buffer.alloc(16, 1).toString('base64')}\n`);
    expect(() => loadSealingKeys({ file, generate: false })).toThrow(`${file}: key "k1" has 16 bytes; AES-256 needs exactly 32`);
  });

  it('encodes a failure’s message and stack trace as an attribute payload: nothing of them stays in clear', () => {
    const error = new Error('the register records 440105199001011239 as 张三');
    const failure = failureConverter.errorToFailure(error, new DefaultPayloadConverter());
    expect(failure.message).not.toContain('440105199001011239');
    expect(failure.stackTrace ?? '').not.toContain('440105199001011239');
    expect(failure.encodedAttributes?.data).toBeDefined();
    expect(Buffer.from(failure.encodedAttributes!.data!).toString('utf8')).toContain('440105199001011239');
  });
});
