import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { SignJWT } from 'jose';
import { bareWorkflow, ping } from './bare-workflow';
import { nextJourney, type Step } from './journeys';
import { format, runOpenLoop, sustained, type LoadResult } from './open-loop';
import { ensureTemporal, startServerProfile } from './server-profile';

/**
 * bench/api: open-loop load of a realistic mix of the four case types over HTTP on the server profile
 * (PostgreSQL store, API and worker as separate processes), beside the ceiling measured in the same
 * run on the same Temporal server: a bare workflow answering an update with no work.
 */
const RATES = (process.env.BENCH_RATES ?? '10,20,40,60,80,100').split(',').map(Number);
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
  });
  try {
    const http = await httpDriver(`http://127.0.0.1:${port}`, secret);
    console.log(`# bench/api — ${SECONDS} s per step, rates ${RATES.join(', ')} commands/s`);
    const ceiling = await measureCeiling(temporal.address);
    const ours = await stepUp('casework (HTTP → update → append → projections)', http.sendNext);
    const ceilingMax = maxSustained(ceiling);
    const ourMax = maxSustained(ours);
    const at70 = await runOpenLoop(Math.max(1, Math.round(ourMax * 0.7)), SECONDS, http.sendNext);
    console.log(`\n## results`);
    console.log(`ratio to ceiling (max sustainable commands/s): ${(ourMax / ceilingMax).toFixed(2)}x  (${ourMax} vs ${ceilingMax}; target >= 0.6x)`);
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

async function stepUp(label: string, send: () => Promise<boolean>): Promise<LoadResult[]> {
  console.log(`\n## ${label}`);
  await runOpenLoop(RATES[0], 3, send); // warm-up, not reported: caches, JIT, first workflow tasks
  const results: LoadResult[] = [];
  for (const rate of RATES) {
    const r = await runOpenLoop(rate, SECONDS, send);
    results.push(r);
    console.log(format(r) + (sustained(r) ? '' : '  (not sustained)'));
    if (!sustained(r)) break;
  }
  return results;
}

/** The same Temporal server, a bare workflow per 100 updates, updates that do nothing. */
async function measureCeiling(address: string): Promise<LoadResult[]> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('./bare-workflow'),
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address }) });
  const handles = await Promise.all(
    Array.from({ length: 50 }, () => client.workflow.start(bareWorkflow, { taskQueue, workflowId: `bare-${randomUUID()}` })),
  );
  let i = 0;
  const send = async () => (await handles[i++ % handles.length].executeUpdate(ping, { args: [i] })) >= 0;
  try {
    return await stepUp('ceiling (bare workflow update)', send);
  } finally {
    await Promise.all(handles.map((h) => h.terminate().catch(() => undefined)));
    worker.shutdown();
    await running;
    await client.connection.close();
  }
}

/** Drives journeys: each arrival sends the next step of a case whose previous step answered, or opens one. */
async function httpDriver(base: string, secret: string) {
  const key = new TextEncoder().encode(secret);
  const token = (office: string) =>
    new SignJWT({ roles: ['caseworker'], office }).setProtectedHeader({ alg: 'HS256' }).setSubject(`bench-${office}`)
      .setIssuer('casework-dev').setAudience('casework').setExpirationTime('2h').sign(key);
  const tokens: Record<Step['token'], string> = { window: await token('440106'), origin: await token('310101'), residence: await token('440104') };
  const ready: { caseId: string; steps: Step[] }[] = [];
  let journeys = 0;
  const post = (path: string, step: Step) =>
    fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${tokens[step.token]}`, 'content-type': 'application/json' }, body: JSON.stringify(step.body) });
  return {
    async sendNext(): Promise<boolean> {
      const next = ready.shift();
      if (!next) {
        const [open, ...rest] = nextJourney(journeys++);
        const res = await post('/cases', open);
        if (res.status !== 201) return false;
        ready.push({ caseId: ((await res.json()) as { caseId: string }).caseId, steps: rest });
        return true;
      }
      const [step, ...rest] = next.steps;
      const res = await post(`/cases/${next.caseId}/actions/${step.action}`, step);
      await res.arrayBuffer();
      if (rest.length > 0) ready.push({ caseId: next.caseId, steps: rest });
      return res.status === 200;
    },
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
