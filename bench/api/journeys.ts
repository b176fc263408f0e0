import type { CaseType } from '../../domain';
import { caseSamples, sampleEntries, type SampleCaller, type SampleStep } from '../../test/support/case-samples';
import type { Sent } from './open-loop';

/** A realistic mix of every registered case type, each a sequence of HTTP commands a caseworker sends. */
export interface Step {
  token: SampleCaller;
  /** Absent: open a case; a second opening in a journey is the child of the case so far (its `parentCaseId`). */
  action?: string;
  body: unknown;
  /**
   * An opening lodged under a parent recorded into the store beforehand, not sent (the sample's `parent.recorded`: a
   * residence permit in its endorsement window): which sample. The driver takes a parent it recorded before the load
   * step and lodges that sample's opening for the parent's person.
   */
  recordedParent?: CaseType;
}

/**
 * Journeys counted by the type of the case they open first. A sample's applicant is told apart by `n` through the
 * three-digit sequence of an ID number, so a person comes back after 1,000 of a type's openings — and an open case
 * of the same type about the same person is a possible duplicate, which the caseworker must review before accepting
 * (a 409 the benchmark would count as a failure). Counted over all types together, a person would come back after
 * 1,000 journeys of any type, well within one run. A child's journey counts under its parent's type: both cases are
 * about one person, and the parent's type's own journeys draw from the same count.
 */
const opened = new Map<string, number>();
const steps = (path: SampleStep[]) => path.map((step): Step => ({ token: step.caller, action: step.action, body: step.body ?? {} }));
/**
 * A journey of one type: its sample opening, with an applicant of its own (no possible duplicates), and its path;
 * a child type's journey opens its parent first and takes it along the parent's path.
 */
const journey = (type: keyof typeof caseSamples): Step[] => {
  const sample = caseSamples[type];
  const first = sample.parent && !sample.parent.recorded ? sample.parent.body(0).type : type;
  const i = (opened.get(first) ?? 0) + 1;
  opened.set(first, i);
  if (sample.parent?.recorded) return [{ token: 'window', body: sample.body(i), recordedParent: type }, ...steps(sample.path)];
  const parent: Step[] = sample.parent ? [{ token: 'window', body: sample.parent.body(i) }, ...steps(sample.parent.path)] : [];
  return [...parent, { token: 'window', body: sample.body(i) }, ...steps(sample.path)];
};

/** Weighted after the figures of domain.md §6 (each sample's weight): hukou and ID cards dominate, visas are fewer. */
const MIX = sampleEntries().map(([type, sample]) => [type, sample.weight] as const);
const TOTAL = MIX.reduce((s, [, w]) => s + w, 0);

/**
 * How many recorded parents of each sample `arrivals` arrivals may need at most: every arrival may start a journey
 * (each starts with one arrival), of a type in proportion to its weight.
 */
export function recordedParentsFor(arrivals: number): Map<CaseType, number> {
  const needed = new Map<CaseType, number>();
  for (const [type, w] of MIX) if (caseSamples[type].parent?.recorded) needed.set(type, Math.ceil((arrivals * w) / TOTAL) + 1);
  return needed;
}

export function nextJourney(i: number): Step[] {
  let k = i % TOTAL;
  for (const [type, w] of MIX) {
    if (k < w) return journey(type);
    k -= w;
  }
  return journey(MIX[0][0]);
}

/**
 * Turns journeys into arrivals: each arrival sends the next step of a journey whose previous step has
 * answered and whose case offers it (`offered`), or starts a new journey. `start` says what it sent and returns the journey in flight
 * (undefined: refused); `advance` sends its next step and returns what is left of it (undefined: finished).
 */
export function journeyArrivals<J>(
  start: (n: number) => Promise<{ sent: Sent; journey?: J }>,
  advance: (journey: J) => Promise<{ sent: Sent; left?: J }>,
  offered: (journey: J) => boolean = () => true,
  prepare?: Arrivals['prepare'],
): Arrivals {
  let ready: J[] = [];
  let started = 0;
  const send = async () => {
    // A journey whose case does not offer its next step yet (a card still in production) waits; the arrival goes
    // to the next journey that can move, or starts a new one, as a caseworker turns to the next applicant.
    const at = ready.findIndex(offered);
    const next = at < 0 ? undefined : ready.splice(at, 1)[0];
    if (next === undefined) {
      const { sent, journey } = await start(started++);
      if (journey !== undefined) ready.push(journey);
      return sent;
    }
    const { sent, left } = await advance(next);
    if (left !== undefined) ready.push(left);
    return sent;
  };
  // Journeys left over from an overloaded step would otherwise fill the next one with actions only.
  return Object.assign(send, { reset: () => void (ready = []), ...(prepare ? { prepare } : {}) });
}

/**
 * The next arrival's command; `reset` forgets the journeys in flight, so that a step starts with openings as in steady
 * state; `prepare` readies, before a step and outside its timing, what its arrivals may need (recorded parents).
 */
export type Arrivals = (() => Promise<Sent>) & { reset?: () => void; prepare?: (arrivals: number) => Promise<void> };

/** Runs one command and says how long it took from send to answer, under the command's kind. */
export async function timed<T>(kind: string, fn: () => Promise<T>, ok: (value: T) => boolean): Promise<{ sent: Sent; value: T }> {
  const sentAt = performance.now();
  const value = await fn();
  return { sent: { ok: ok(value), kind, serviceMs: performance.now() - sentAt }, value };
}
