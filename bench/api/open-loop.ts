/**
 * Open-loop load: requests start on a fixed schedule whatever the answers, and latency counts from the
 * scheduled start, so a slow server cannot slow the load down and hide its own queueing
 * (autocannon drives closed loops of connections, hence this small generator).
 */
export interface LoadResult {
  offeredRate: number;
  achievedRate: number;
  completed: number;
  failed: number;
  p50: number;
  p99: number;
  p999: number;
  /** Per kind of command (open, accept, approve…), when the sender names it. */
  byKind: Map<string, KindLatency>;
}

/**
 * `p50`/`p99`: from the scheduled start (queueing in the generator included). `serviceP50`/`serviceP99`:
 * from the moment the request went out to its answer — on loopback, the time the server took.
 */
export interface KindLatency {
  count: number;
  failed: number;
  p50: number;
  p99: number;
  serviceP50: number;
  serviceP99: number;
  /** Every answered command's time from send to answer (ms), to pool kinds. */
  serviceMs: number[];
}

/** What one arrival did: a plain boolean, or which command it sent and how long the server took to answer. */
export type Sent = boolean | { ok: boolean; kind: string; serviceMs: number };

export async function runOpenLoop(rate: number, seconds: number, send: () => Promise<Sent>): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const latencies: number[] = [];
  const kinds = new Map<string, { latencies: number[]; service: number[]; failed: number }>();
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const record = (sent: Sent, scheduled: number) => {
    const ok = typeof sent === 'boolean' ? sent : sent.ok;
    const latency = performance.now() - scheduled;
    if (ok) latencies.push(latency);
    else failed++;
    if (typeof sent === 'boolean') return;
    const kind = kinds.get(sent.kind) ?? { latencies: [], service: [], failed: 0 };
    kinds.set(sent.kind, kind);
    if (!ok) return void kind.failed++;
    kind.latencies.push(latency);
    kind.service.push(sent.serviceMs);
  };
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send()
        .then((sent) => record(sent, scheduled))
        .catch(() => void failed++)
        .then(() => undefined),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  const byKind = new Map<string, KindLatency>();
  for (const [name, k] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
    byKind.set(name, {
      count: k.latencies.length,
      failed: k.failed,
      p50: quantile(k.latencies, 0.5),
      p99: quantile(k.latencies, 0.99),
      serviceP50: quantile(k.service, 0.5),
      serviceP99: quantile(k.service, 0.99),
      serviceMs: k.service,
    });
  }
  return {
    offeredRate: rate,
    achievedRate: latencies.length / elapsed,
    completed: latencies.length,
    failed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    p999: quantile(latencies, 0.999),
    byKind,
  };
}

export function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** Sustainable: at most 1% refused or failed, throughput kept up, and p99 under a second. */
export const sustained = (r: LoadResult) => r.failed <= (r.completed + r.failed) * 0.01 && r.achievedRate >= r.offeredRate * 0.9 && r.p99 < 1000;

export const format = (r: LoadResult) =>
  `offered ${r.offeredRate.toFixed(0)}/s achieved ${r.achievedRate.toFixed(1)}/s failed ${r.failed} ` +
  `p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms p99.9 ${r.p999.toFixed(1)} ms`;

/** One line per kind of command: how many, and its latencies from the schedule and from the send. */
export const formatKinds = (r: LoadResult) =>
  [...r.byKind]
    .map(
      ([kind, k]) =>
        `  ${kind.padEnd(20)} ${String(k.count).padStart(5)} ok ${String(k.failed).padStart(3)} failed  ` +
        `p50 ${k.p50.toFixed(1)} ms p99 ${k.p99.toFixed(1)} ms  (server: p50 ${k.serviceP50.toFixed(1)} ms p99 ${k.serviceP99.toFixed(1)} ms)`,
    )
    .join('\n');
