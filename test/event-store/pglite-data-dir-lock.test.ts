// Two processes on one PGlite folder corrupt it for good: the folder belongs to one process at a time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteEventStore, DataDirLockedError } from '../../event-store/postgres';

describe('PGlite data folder lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'casework-lock-'));
  const dataDir = join(root, 'pglite');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second opening while the first holds the folder, naming the process, and frees it on close', async () => {
    const first = await createPgliteEventStore({ dataDir });
    try {
      const second = createPgliteEventStore({ dataDir });
      await expect(second).rejects.toThrow(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.pid`)).toBe(false);
    const reopened = await createPgliteEventStore({ dataDir });
    await reopened.ping();
    await reopened.close();
  });

  it('takes over a lock whose process is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid; // ran and exited
    writeFileSync(`${dataDir}.pid`, `${gone}\n${hostname()}\n2026-01-01T00:00:00.000Z\n`);
    const store = await createPgliteEventStore({ dataDir });
    await store.ping();
    await store.close();
    expect(existsSync(`${dataDir}.pid`)).toBe(false);
  });
});
