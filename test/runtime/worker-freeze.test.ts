// A worker that is frozen for longer than a workflow activation may take (SIGSTOP: a VM paused by its host,
// a container throttled, a debugger) must carry on when it runs again. The SDK's per-activation watchdog
// measures wall time, so a freeze in the middle of an activation looks to it like a workflow stuck in a
// loop; with its 5 s default it terminated the activation, and on Node 20 that corrupts the async-hook
// stack and aborts the whole process. This freezes the real worker process (server profile) for 7 s,
// several times, while openings are in flight, and asserts that it is still alive and that every opening
// that was acknowledged reached the worker.
import { randomUUID } from 'node:crypto';
import { startCaseworkProcess, waitUntilHealthy, type CaseworkProcess } from '../support/casework-process';
import { serverProfile, type ServerProfile } from '../support/server-profile';
import { hukouBody, OWN } from '../api/support/fixtures';

const FREEZES = 6;
const FREEZE_MS = 7_000;
const CLIENTS = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a frozen worker process', () => {
  const started: CaseworkProcess[] = [];
  let profile: ServerProfile;
  let base: string;
  let worker: CaseworkProcess;
  let token: string;
  /** Whether the clients keep sending: until the freezes are over, or the worker has died. */
  let running = false;

  beforeAll(async () => {
    profile = await serverProfile('freeze', { RATE_LIMIT_MAX: '100000' });
    base = profile.base;
    worker = startCaseworkProcess('worker', profile.env);
    const api = startCaseworkProcess('api', profile.env);
    started.push(worker, api);
    await waitUntilHealthy(`${base}/health`, api);
    token = await profile.token('caseworker', OWN, 'officer-freeze');
  }, 180_000);

  afterAll(async () => {
    for (const p of started) {
      if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
      p.child.kill('SIGCONT');
      p.child.kill('SIGKILL');
      await p.exited;
    }
  });

  /** Opens one case, sending the same Idempotency-Key again after a 503 or a timeout, as a well-behaved client does. */
  async function open(): Promise<string | undefined> {
    const key = randomUUID();
    for (let attempt = 0; attempt < 20; attempt++) {
      const res = await fetch(`${base}/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(hukouBody('window')),
        signal: AbortSignal.timeout(15_000),
      }).catch(() => undefined);
      if (res?.status === 201) return ((await res.json()) as { caseId: string }).caseId;
      if (!running) return undefined;
      if (res && res.status !== 503) throw new Error(`opening answered ${res.status}: ${await res.text()}`);
      await sleep(500);
    }
    return undefined;
  }

  it(`survives ${FREEZES} freezes of ${FREEZE_MS / 1000} s under load, and every acknowledged opening reached it`, async () => {
    running = true;
    // A worker that died ends the load at once (and the test with its log), rather than retrying into the timeout.
    void worker.exited.then(() => (running = false));
    const opened: string[] = [];
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (running) {
        const caseId = await open();
        if (caseId) opened.push(caseId);
      }
    });

    for (let i = 0; i < FREEZES && running; i++) {
      await sleep(1_500);
      worker.child.kill('SIGSTOP');
      await sleep(FREEZE_MS);
      worker.child.kill('SIGCONT');
    }
    await sleep(3_000);
    running = false;
    await Promise.all(clients);

    const alive = worker.child.exitCode === null && worker.child.signalCode === null;
    expect({ alive, log: alive ? '' : worker.output().slice(-3_000) }).toEqual({ alive: true, log: '' });
    expect(opened.length).toBeGreaterThan(FREEZES);

    // Every acknowledged opening is in the store and agrees with the workflow's own record.
    const supervisor = await profile.token('supervisor', OWN, 'supervisor-freeze');
    for (const caseId of opened) {
      const res = await fetch(`${base}/cases/${caseId}/integrity`, { headers: { authorization: `Bearer ${supervisor}` } });
      expect({ caseId, status: res.status, ok: ((await res.json()) as { ok?: boolean }).ok }).toEqual({ caseId, status: 200, ok: true });
    }
  }, 240_000);
});
