import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { SignJWT } from 'jose';
import { bareWorkflow, ping } from './bare-workflow';
import { journeyArrivals, nextJourney, type Step } from './journeys';
import { formatCpu, pidsNamed, startCpuMeter, type CpuGroups } from './cpu';
import { format, runOpenLoop, sustained, type LoadResult } from './open-loop';
import { ensureTemporal, startServerProfile } from './server-profile';

/**
 * bench/api: open-loop load of a realistic mix of the four case types over HTTP on the server profile
 * (PostgreSQL store, API and worker as separate processes), beside the ceiling measured in the same
 * run on the same Temporal server: a bare workflow answering an update with no work.
 */
const RATES = (process.env.BENCH_RATES ?? '10,20,30,40,50,60,80,100,130,160,200,250,300').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const temporal = await ensureTemporal();
  const secret = randomBytes(32).toString('base64url');
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const server = await startServerProfile({
    EVENT_STORE: 'postgres',
    DATABASE_URL,
    DATABASE_SCHEMA: `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
    JWT_SECRET: secret,
    PORT: port,
    REGISTRY_LATENCY_MS: '5',
    REGISTRY_FAILURE_RATE: '0',
    LOG_LEVEL: 'warn',
    // The load generator acts for a handful of callers at hundreds of commands per second.
    RATE_LIMIT_MAX: '100000000',
  });
  try {
    const http = await httpDriver(`http://127.0.0.1:${port}`, secret);
    const temporalPids = () => (temporal.child?.pid ? [temporal.child.pid] : [...pidsNamed('temporal'), ...pidsNamed('temporal-server')]);
    const [worker, api] = server.children;
    const ourCpu: CpuGroups = {
      worker: () => [worker.pid!],
      api: () => [api.pid!],
      temporal: temporalPids,
      postgres: () => pidsNamed('postgres'),
      'load generator': () => [process.pid],
    };
    const bareCpu: CpuGroups = { temporal: temporalPids, 'bench (client + bare worker)': () => [process.pid] };
    console.log(`# bench/api — ${SECONDS} s per step, rates ${RATES.join(', ')} commands/s`);
    console.log('# each step: latency from the scheduled start; CPU per command of every process involved (2 cores = 2000 ms/s)');
    const ceiling = await measureCeiling(temporal.address, 'updates', bareCpu);
    const shaped = await measureCeiling(temporal.address, 'journeys', bareCpu);
    const ours = await stepUp('casework (HTTP → update → append → projections)', http.sendNext, ourCpu);
    const ceilingMax = maxSustained(ceiling);
    const shapedMax = maxSustained(shaped);
    const ourMax = maxSustained(ours);
    const at70 = await measured(Math.max(1, Math.round(ourMax * 0.7)), http.sendNext, ourCpu);
    console.log(`\n## results`);
    console.log(
      `ratio to the ceiling (bare updates on running workflows): ${(ourMax / ceilingMax).toFixed(2)}x  (${ourMax} vs ${ceilingMax} commands/s; target >= 0.6x)`,
    );
    console.log(`ratio to bare journeys (same mix of workflow starts and updates): ${(ourMax / shapedMax).toFixed(2)}x  (${ourMax} vs ${shapedMax})`);
    console.log(`at 70% of our max (${at70.offeredRate}/s): ${format(at70)}  (target p99 < 150 ms)`);
    console.log(`\n## where the time goes (server-side mean per route, from /metrics)`);
    console.log(await serverSideMeans(`http://127.0.0.1:${port}/metrics`));
  } finally {
    await server.stop();
    temporal.child?.kill('SIGINT');
  }
}

/** Mean server-side latency per route: separates time in the API from time queued before it. */
async function serverSideMeans(url: string): Promise<string> {
  const text = await (await fetch(url)).text();
  const sums = new Map<string, { sum: number; count: number }>();
  for (const m of text.matchAll(/^casework_http_request_duration_seconds_(sum|count)\{method="(\w+)",route="([^"]+)",status="(\d+)"\} ([\d.e+-]+)$/gm)) {
    const key = `${m[2]} ${m[3]} ${m[4]}`;
    const entry = sums.get(key) ?? { sum: 0, count: 0 };
    entry[m[1] as 'sum' | 'count'] += Number(m[5]);
    sums.set(key, entry);
  }
  return [...sums].map(([k, v]) => `${k}: ${v.count} requests, mean ${((v.sum / v.count) * 1000).toFixed(1)} ms`).join('\n');
}

function maxSustained(results: LoadResult[]): number {
  return Math.max(0, ...results.filter(sustained).map((r) => r.offeredRate));
}

async function stepUp(label: string, send: () => Promise<boolean>, cpu: CpuGroups): Promise<LoadResult[]> {
  console.log(`\n## ${label}`);
  await runOpenLoop(RATES[0], 3, send); // warm-up, not reported: caches, JIT, first workflow tasks
  const results: LoadResult[] = [];
  for (const rate of RATES) {
    const r = await measured(rate, send, cpu);
    results.push(r);
    if (!sustained(r)) break;
  }
  return results;
}

/** One step at a fixed rate, printed with the CPU each process spent per command. */
async function measured(rate: number, send: () => Promise<boolean>, cpu: CpuGroups): Promise<LoadResult> {
  const stop = startCpuMeter(cpu);
  const r = await runOpenLoop(rate, SECONDS, send);
  const used = stop?.();
  console.log(format(r) + (sustained(r) ? '' : '  (not sustained)'));
  if (used) console.log(`  CPU per command: ${formatCpu(used, r.completed + r.failed)}`);
  return r;
}

/**
 * The same Temporal server and bare workflows whose updates do nothing. `updates`: updates spread over
 * 50 running workflows (the ceiling the target refers to). `journeys`: the shape of the HTTP load — each
 * journey starts its workflow with its first update (update-with-start, like an opening), then sends one
 * update per further step — so the ratio to it isolates what casework adds to Temporal's own cost.
 */
async function measureCeiling(address: string, shape: 'updates' | 'journeys', cpu: CpuGroups): Promise<LoadResult[]> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('./bare-workflow'),
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address }) });
  const handles =
    shape === 'updates'
      ? await Promise.all(Array.from({ length: 50 }, () => client.workflow.start(bareWorkflow, { taskQueue, workflowId: `bare-${randomUUID()}`, args: [0] })))
      : [];
  let i = 0;
  const sendUpdate = async () => (await handles[i++ % handles.length].executeUpdate(ping, { args: [i] })) >= 0;
  const sendJourneyStep = journeyArrivals(
    async (n) => {
      const steps = nextJourney(n).length;
      const workflowId = `bare-${randomUUID()}`;
      const start = new WithStartWorkflowOperation(bareWorkflow, { workflowId, taskQueue, args: [steps], workflowIdConflictPolicy: 'USE_EXISTING' });
      await client.workflow.executeUpdateWithStart(ping, { args: [0], startWorkflowOperation: start });
      return { workflowId, left: steps - 1 };
    },
    async (j) => {
      await client.workflow.getHandle(j.workflowId).executeUpdate(ping, { args: [j.left] });
      return { ok: true, left: j.left > 1 ? { workflowId: j.workflowId, left: j.left - 1 } : undefined };
    },
  );
  const label =
    shape === 'updates'
      ? 'ceiling: bare workflow answering updates (50 running workflows)'
      : 'bare journeys: update-with-start, then updates (same mix as casework)';
  try {
    return await stepUp(label, shape === 'updates' ? sendUpdate : sendJourneyStep, cpu);
  } finally {
    await Promise.all(handles.map((h) => h.terminate().catch(() => undefined)));
    worker.shutdown();
    await running;
    await client.connection.close();
  }
}

/** Drives the casework journeys over HTTP as caseworkers of the offices involved. */
async function httpDriver(base: string, secret: string) {
  const key = new TextEncoder().encode(secret);
  const token = (office: string) =>
    new SignJWT({ roles: ['caseworker'], office })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`bench-${office}`)
      .setIssuer('casework-dev')
      .setAudience('casework')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(key);
  const tokens: Record<Step['token'], string> = { window: await token('440106'), origin: await token('310101'), residence: await token('440104') };
  const post = (path: string, step: Step) =>
    fetch(base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[step.token]}`, 'content-type': 'application/json' },
      body: JSON.stringify(step.body),
    });
  const sendNext = journeyArrivals(
    async (n) => {
      const [open, ...steps] = nextJourney(n);
      const res = await post('/cases', open);
      if (res.status !== 201) return undefined;
      return { caseId: ((await res.json()) as { caseId: string }).caseId, steps };
    },
    async ({ caseId, steps: [step, ...rest] }) => {
      const res = await post(`/cases/${caseId}/actions/${step.action}`, step);
      await res.arrayBuffer();
      return { ok: res.status === 200, left: rest.length > 0 ? { caseId, steps: rest } : undefined };
    },
  );
  return { sendNext };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
