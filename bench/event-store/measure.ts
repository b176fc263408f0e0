/** Small timing helpers for the event-store benchmark. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Runs `workers` loops concurrently until each has done `perWorker` iterations. */
export async function inParallel(workers: number, perWorker: number, body: (worker: number, i: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) await body(w, i);
    }),
  );
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

/** One line per figure: value, unit, and its ratio to the baseline measured in the same run. */
export function report(label: string, value: number, unit: string, baseline?: { label: string; value: number }, target?: string): void {
  const ratio = baseline ? `  = ${(value / baseline.value).toFixed(2)}x ${baseline.label}` : '';
  console.log(`${label.padEnd(44)} ${fmt(value).padStart(12)} ${unit}${ratio}${target ? `  (target ${target})` : ''}`);
}
