import { setTimeout as sleep } from 'node:timers/promises';

export interface SimulationOptions {
  /** Typical answer time in ms (actual: 0.5x to 1.5x). */
  latencyMs?: number;
  /** Share of calls that fail with a transient error (the activity retries them). */
  transientFailureRate?: number;
  random?: () => number;
}

export class RegistryUnavailable extends Error {
  constructor(registry: string) {
    super(`the ${registry} register did not answer (transient)`);
    this.name = 'RegistryUnavailable';
  }
}

/** Stands in for a remote government register: slow sometimes, briefly unavailable sometimes. */
export async function simulatedCall<T>(registry: string, options: SimulationOptions, answer: () => T): Promise<T> {
  const random = options.random ?? Math.random;
  const latency = (options.latencyMs ?? 30) * (0.5 + random());
  await sleep(latency);
  if (random() < (options.transientFailureRate ?? 0)) throw new RegistryUnavailable(registry);
  return answer();
}
