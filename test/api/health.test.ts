import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config/config';
import { startCasework, type Running } from '../../apps/runtime/compose';
import { createLogger } from '../../apps/runtime/logger';
import { freshSchema } from '../support/system';

/**
 * Readiness: 503 while no worker of the case task queue keeps its heartbeat (commands could not be answered),
 * 200 once one does, 503 again as soon as it stops; liveness is 200 throughout, as it checks no dependency.
 */
describe('GET /health on the server profile', () => {
  const running: Running[] = [];
  afterAll(async () => {
    for (const r of running.reverse()) await r.stop();
  });

  it('is 503 naming the missing worker, 200 while a worker part runs, 503 once it stops; live stays 200', async () => {
    const config = loadConfig({
      ...process.env,
      PORT: '0',
      CASEWORK_DATA_DIR: mkdtempSync(join(tmpdir(), 'health-')),
      EVENT_STORE: 'postgres',
      ...(await freshSchema()),
      TEMPORAL_TASK_QUEUE: `health-${randomUUID()}`,
      JWT_SECRET: 'health-test-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    });
    const log = createLogger('warn', 'health-test');
    const api = await startCasework(config, { api: true, worker: false, projections: true }, log);
    running.push(api);

    const before = await fetch(`${api.url}/health`);
    expect(before.status).toBe(503);
    expect(before.headers.get('content-type')).toContain('application/problem+json');
    const problem = await before.json();
    expect(problem).toMatchObject({ status: 503, components: { temporal: 'up', eventStore: 'up', worker: 'down' } });
    const live = await fetch(`${api.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'up' });

    const worker = await startCasework(config, { api: false, worker: true, projections: false }, log);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${api.url}/health`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);

    // A stopping worker deletes its heartbeat first: readiness does not wait for the row to age out.
    await worker.stop();
    expect((await fetch(`${api.url}/health`)).status).toBe(503);
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  }, 120_000);
});
