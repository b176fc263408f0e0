import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';

/** Start-up refuses what would weaken tokens: a short development signing secret (issue 12). */
describe('configuration of token signing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casework-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { CASEWORK_DATA_DIR: dir };

  it('refuses a JWT_SECRET shorter than 32 bytes, saying how long it is and what to do', () => {
    for (const secret of ['', 'short', 'x'.repeat(31)]) {
      expect(() => loadConfig({ ...base, JWT_SECRET: secret })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, JWT_SECRET: secret })).toThrow(
        new RegExp(`^JWT_SECRET has ${Buffer.byteLength(secret)} bytes; a token signing secret needs at least 32: unset JWT_SECRET`),
      );
    }
  });

  it('counts bytes, not characters, and accepts 32 of them', () => {
    expect(loadConfig({ ...base, JWT_SECRET: 'x'.repeat(32) }).auth.kind).toBe('dev');
    // 12 CJK characters are 36 bytes of UTF-8.
    expect(loadConfig({ ...base, JWT_SECRET: '公安机关户籍管理办证中心' }).auth.kind).toBe('dev');
    expect(() => loadConfig({ ...base, JWT_SECRET: '户籍' })).toThrow(/has 6 bytes/);
  });

  it('refuses a short secret file too, naming the file', () => {
    const file = join(dir, 'short-secret');
    writeFileSync(file, 'too-short\n');
    expect(() => loadConfig({ ...base, JWT_SECRET_FILE: file })).toThrow(`the secret in ${file} has 9 bytes`);
  });

  it('reads the longest token lifetime, 12 h unless set', () => {
    expect(loadConfig({ ...base, JWT_SECRET: 'x'.repeat(40) }).tokenMaxLifetimeSeconds).toBe(43_200);
    expect(loadConfig({ ...base, JWT_SECRET: 'x'.repeat(40), TOKEN_MAX_LIFETIME_HOURS: '0.5' }).tokenMaxLifetimeSeconds).toBe(1800);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'x'.repeat(40), TOKEN_MAX_LIFETIME_HOURS: '0' })).toThrow(ConfigError);
  });
});
