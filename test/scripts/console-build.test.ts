import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('building the web console (scripts/lib/console-build.mjs)', () => {
  // `npm start` builds the console, then starts casework with its own environment: a NODE_ENV the bundler set
  // there made a fresh clone's first start run as production (and refuse to start without sealing keys).
  it('leaves the environment of the process that builds it as it was', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'casework-console-'));
    try {
      const script = `
        import { buildConsole } from ${JSON.stringify(join(root, 'scripts', 'lib', 'console-build.mjs'))};
        const before = process.env.NODE_ENV ?? null;
        await buildConsole({ outDir: process.argv[1] });
        process.stdout.write(JSON.stringify({ before, after: process.env.NODE_ENV ?? null }));`;
      const { NODE_ENV: _unset, ...env } = process.env;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, outDir], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr).not.toMatch(/failed/);
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ before: null, after: null });
      // It did build: the page and its stamp are there.
      expect(existsSync(join(outDir, 'index.html'))).toBe(true);
      expect(existsSync(join(outDir, '.build-stamp'))).toBe(true);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 150_000);
});
