import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config/config';
import { startCasework, type Running } from '../../apps/runtime/compose';
import { createLogger } from '../../apps/runtime/logger';
import { freshSchema } from '../support/system';

/** Readiness: 503 while no worker polls the case task queue (commands could not be answered), 200 once one does. */
describe('GET /health on the server profile', () => {
  const running: Running[] = [];
  afterAll(async () => {
    for (const r of running.reverse()) await r.stop();
  });

  it('is 503 naming the missing worker, then 200 when a worker process part starts', async () => {
    const config = loadConfig({
      ...process.env,
      PORT: '0',
      CASEWORK_DATA_DIR: mkdtempSync(join(tmpdir(), 'health-')),
      EVENT_STORE: 'postgres',
      ...(await freshSchema()),
      TEMPORAL_TASK_QUEUE: `health-${randomUUID()}`,
      JWT_SECRET: 'health-test-secret',
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

    running.push(await startCasework(config, { api: false, worker: true, projections: false }, log));
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${api.url}/health`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  }, 120_000);
});
