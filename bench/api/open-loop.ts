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
}

export async function runOpenLoop(rate: number, seconds: number, send: () => Promise<boolean>): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send()
        .then((ok) => (ok ? latencies.push(performance.now() - scheduled) : failed++))
        .catch(() => void failed++)
        .then(() => undefined),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { offeredRate: rate, achievedRate: latencies.length / elapsed, completed: latencies.length, failed, p50: q(0.5), p99: q(0.99), p999: q(0.999) };
}

/** Sustainable: at most 1% refused or failed, throughput kept up, and p99 under a second. */
export const sustained = (r: LoadResult) => r.failed <= (r.completed + r.failed) * 0.01 && r.achievedRate >= r.offeredRate * 0.9 && r.p99 < 1000;

export const format = (r: LoadResult) =>
  `offered ${r.offeredRate.toFixed(0)}/s achieved ${r.achievedRate.toFixed(1)}/s failed ${r.failed} ` +
  `p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms p99.9 ${r.p999.toFixed(1)} ms`;
