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

/** The database password from a file (a Compose secret), put into DATABASE_URL at start-up (issue 12). */
describe('configuration of the database password', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casework-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { CASEWORK_DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40), EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://casework@postgresql:5432/casework' };
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const url = (env: Record<string, string>) => {
    const store = loadConfig({ ...base, ...env }).eventStore;
    return store.kind === 'postgres' ? store.url : store.kind === 'kurrentdb' ? store.readModelsUrl : '';
  };

  it('puts the password from DATABASE_PASSWORD_FILE into the URL, percent-encoded, without the final line break', () => {
    const u = new URL(url({ DATABASE_PASSWORD_FILE: file('pw', 'p@ss/w:rd %x\n') }));
    expect(decodeURIComponent(u.password)).toBe('p@ss/w:rd %x');
    expect({ user: u.username, host: u.host, db: u.pathname }).toEqual({ user: 'casework', host: 'postgresql:5432', db: '/casework' });
    // The read models of the KurrentDB profile connect with it too.
    const k = new URL(
      url({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://k:2113?tls=false', DATABASE_PASSWORD_FILE: file('pw2', 'secret') }),
    );
    expect(k.password).toBe('secret');
  });

  it('leaves DATABASE_URL as it is without the file', () => {
    expect(url({ DATABASE_URL: 'postgres://casework:inline@db:5432/casework' })).toBe('postgres://casework:inline@db:5432/casework');
  });

  it('refuses, saying what to do: an unreadable or empty file, a password in both places, no user, no URL', () => {
    expect(() => url({ DATABASE_PASSWORD_FILE: join(dir, 'missing') })).toThrow(`DATABASE_PASSWORD_FILE: cannot read ${join(dir, 'missing')}`);
    expect(() => url({ DATABASE_PASSWORD_FILE: file('empty', '\n') })).toThrow(/is empty/);
    const pw = file('pw3', 'secret');
    expect(() => url({ DATABASE_URL: 'postgres://casework:inline@db/casework', DATABASE_PASSWORD_FILE: pw })).toThrow(/keep the password in the file only/);
    expect(() => url({ DATABASE_URL: 'postgres://db/casework', DATABASE_PASSWORD_FILE: pw })).toThrow(/needs a user name/);
    expect(() => loadConfig({ ...base, DATABASE_URL: undefined, DATABASE_PASSWORD_FILE: pw })).toThrow(/DATABASE_URL is not/);
    const bad: Record<string, string>[] = [
      { DATABASE_PASSWORD_FILE: join(dir, 'missing') },
      { DATABASE_URL: 'postgres://casework:inline@db/casework', DATABASE_PASSWORD_FILE: pw },
    ];
    for (const env of bad) expect(() => url(env)).toThrow(ConfigError);
  });
});

/** Where the case worker runs the workflows' code (apps/runtime/workflow-sandbox): its main thread unless told. */
describe('configuration of the workflow threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casework-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { CASEWORK_DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) };

  it('runs them in the main thread by default, in n workflow threads when set', () => {
    expect(loadConfig(base).temporal.workflowThreads).toBe(0);
    expect(loadConfig({ ...base, TEMPORAL_WORKFLOW_THREADS: '2' }).temporal.workflowThreads).toBe(2);
  });

  it('refuses a count that is not a whole number from 0 to 64, naming the variable', () => {
    for (const value of ['-1', '1.5', 'two', '65']) {
      expect(() => loadConfig({ ...base, TEMPORAL_WORKFLOW_THREADS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, TEMPORAL_WORKFLOW_THREADS: value })).toThrow(/TEMPORAL_WORKFLOW_THREADS/);
    }
  });
});
