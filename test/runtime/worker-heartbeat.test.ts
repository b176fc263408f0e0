// The worker heartbeat on PGlite (the embedded profile's database): readiness finds a fresh row of its own
// task queue only, and loses it when the worker stops running or stops for good.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteEventStore } from '../../event-store/postgres';
import { createLogger } from '../../apps/runtime/logger';
import { assertWorkerHeartbeat, startWorkerHeartbeat } from '../../apps/runtime/worker-heartbeat';

describe('worker heartbeat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heartbeat-'));
  let store: Awaited<ReturnType<typeof createPgliteEventStore>>;
  beforeAll(async () => {
    store = await createPgliteEventStore({ dataDir: join(dir, 'pglite') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is missing before any worker started, present while one runs, gone when it stops', async () => {
    await expect(assertWorkerHeartbeat(store.sql, 'q1')).rejects.toThrow('no worker of task queue q1');
    let running = true;
    const heartbeat = await startWorkerHeartbeat(store.sql, 'q1', () => running, createLogger('warn', 'heartbeat-test'));
    await expect(assertWorkerHeartbeat(store.sql, 'q1')).resolves.toBeUndefined();
    await expect(assertWorkerHeartbeat(store.sql, 'q2')).rejects.toThrow('no worker of task queue q2');

    // A worker that no longer runs writes no more beats: its row ages out.
    running = false;
    await new Promise((r) => setTimeout(r, 1_500));
    await expect(assertWorkerHeartbeat(store.sql, 'q1', 1_000)).rejects.toThrow('no worker of task queue q1');
    running = true;
    await new Promise((r) => setTimeout(r, 1_500));
    await expect(assertWorkerHeartbeat(store.sql, 'q1', 1_000)).resolves.toBeUndefined();

    await heartbeat.stop();
    await expect(assertWorkerHeartbeat(store.sql, 'q1')).rejects.toThrow('no worker of task queue q1');
  }, 30_000);
});
