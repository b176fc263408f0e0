// Readiness follows the worker, on the real processes of the server profile (API and worker as separate
// processes on PostgreSQL, against the test run's Temporal server): a frozen worker (SIGSTOP) turns
// /health 503 within 5 s and a thawed one (SIGCONT) turns it 200 again, while /health/live stays 200 all
// along; and after a worker is killed and replaced, a command on a case the old worker last ran completes
// in well under the SDK's default 10 s sticky-queue timeout.
import { randomUUID } from 'node:crypto';
import { startCaseworkProcess, waitUntilHealthy, type CaseworkProcess } from '../support/casework-process';
import { serverProfile, type ServerProfile } from '../support/server-profile';
import { portVisaBody } from '../api/support/fixtures';

const OFFICE = '440106';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function status(url: string): Promise<number> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (r) => r.status,
    () => 0,
  );
}

/** Polls /health every 100 ms until it answers `wanted`; returns how long that took, checking /health/live each round. */
async function untilHealth(base: string, wanted: number, timeoutMs: number): Promise<{ elapsedMs: number; liveStatuses: Set<number> }> {
  const started = Date.now();
  const liveStatuses = new Set<number>();
  while (Date.now() - started < timeoutMs) {
    const [health, live] = await Promise.all([status(`${base}/health`), status(`${base}/health/live`)]);
    liveStatuses.add(live);
    if (health === wanted) return { elapsedMs: Date.now() - started, liveStatuses };
    await sleep(100);
  }
  throw new Error(`/health did not answer ${wanted} within ${timeoutMs} ms`);
}

async function post(base: string, token: string, path: string, body: unknown): Promise<{ status: number; body: { caseId?: string } }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { caseId?: string } };
}

describe('readiness follows a worker process', () => {
  const started: CaseworkProcess[] = [];
  let profile: ServerProfile;
  let base: string;
  let worker: CaseworkProcess;
  let api: CaseworkProcess;

  beforeAll(async () => {
    profile = await serverProfile('health');
    base = profile.base;
    worker = startCaseworkProcess('worker', profile.env);
    api = startCaseworkProcess('api', profile.env);
    started.push(worker, api);
    await waitUntilHealthy(`${base}/health`, api);
  }, 180_000);

  afterAll(async () => {
    for (const p of started) {
      if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
      p.child.kill('SIGCONT');
      p.child.kill('SIGKILL');
      await p.exited;
    }
  });

  it('a frozen worker turns /health 503 within 5 s and 200 again once it runs; /health/live stays 200', async () => {
    worker.child.kill('SIGSTOP');
    const frozen = await untilHealth(base, 503, 10_000);
    const problem = await (await fetch(`${base}/health`)).json();
    expect(problem).toMatchObject({ status: 503, components: { worker: 'down', eventStore: 'up', temporal: 'up' } });
    expect(frozen.elapsedMs).toBeLessThan(5_000);

    worker.child.kill('SIGCONT');
    const thawed = await untilHealth(base, 200, 10_000);
    expect(thawed.elapsedMs).toBeLessThan(5_000);
    expect([...frozen.liveStatuses, ...thawed.liveStatuses].every((s) => s === 200)).toBe(true);
  }, 60_000);

  it('after the worker is killed and replaced, a command on a case the old one ran completes in well under 10 s', async () => {
    const token = await profile.token('caseworker', OFFICE, 'officer-li');
    const opened = await post(base, token, '/cases', portVisaBody());
    expect(opened.status).toBe(201);

    worker.child.kill('SIGKILL');
    await worker.exited;
    await untilHealth(base, 503, 10_000);
    worker = startCaseworkProcess('worker', profile.env);
    started.push(worker);
    await untilHealth(base, 200, 120_000);

    const sentAt = Date.now();
    const action = await post(base, token, `/cases/${opened.body.caseId}/actions/request-materials`, { items: ['return ticket'] });
    const tookMs = Date.now() - sentAt;
    expect(action.status).toBe(200);
    // The old worker's sticky queue holds the case's next task until stickyQueueScheduleToStartTimeout (3 s).
    expect(tookMs).toBeLessThan(6_000);
  }, 180_000);
});
