// A well-behaved client of the API: an Idempotency-Key on every POST, the same key again after a 503, a
// timeout or a lost connection (after Retry-After), and a wait for an action to be offered before sending
// it. It drives cases of every registered type to completion and records every attempt for the verdict.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { idFromKey } from '../../apps/api/idempotency/idempotency';
import type { EventStore, NewEvent } from '../../event-store/types';
import type { AckedCommand } from './verify';
import { recordedParentBatch, SAMPLE_OFFICES, sampleEntries, type RecordingClock, type SampleCaller } from '../support/case-samples';

/** Who acts: each a caseworker of one office (subjects are fixed: a command's id derives from them). */
export const CALLERS = {
  window: { sub: 'faults-window', office: SAMPLE_OFFICES.window, roles: ['caseworker'] },
  origin: { sub: 'faults-origin', office: SAMPLE_OFFICES.origin, roles: ['caseworker'] },
  supervisor: { sub: 'faults-supervisor', office: '000000', roles: ['supervisor'] },
} as const;
export type Caller = keyof typeof CALLERS;

/** One HTTP attempt of a command. */
export interface Attempt {
  command: string;
  caseId: string;
  commandId: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  retryAfter?: string | null;
  contentType?: string;
  /** What happened when no answer came (ECONNREFUSED, ECONNRESET, timeout, ...). */
  error?: string;
}

interface Step {
  caller: SampleCaller;
  action: string;
  body?: unknown;
}
interface Journey {
  type: string;
  opener: Caller;
  body: unknown;
  steps: Step[];
  /**
   * A child type's parent: opened and taken along its steps first, or, where the sample records it (a residence permit
   * in its endorsement window), appended to the store as a case lodged long ago; the child is lodged with its id in
   * `parentCaseId`.
   */
  parent?: { type: string; body: unknown; steps: Step[]; recorded?: (clock: RecordingClock) => { caseId: string; streamId: string; batch: NewEvent[] } };
}

let serial = 0;

/**
 * Every registered case type along its main path to completion (test/support/case-samples.ts), each opening with an
 * applicant of its own, as at a real window, so that none is flagged as a possible duplicate of another open case and
 * held for a review the journey does not do.
 */
export const JOURNEYS: Array<() => Journey> = sampleEntries().map(([type, sample]) => () => {
  const n = ++serial;
  return {
    type,
    opener: 'window',
    body: sample.body(n),
    steps: sample.path.map((step) => ({ caller: step.caller, action: step.action, body: step.body })),
    ...(sample.parent
      ? {
          parent: {
            type: sample.parent.body(n).type,
            body: sample.parent.body(n),
            steps: sample.parent.path,
            ...(sample.parent.recorded ? { recorded: (clock: RecordingClock) => recordedParentBatch(sample, n, clock) } : {}),
          },
        }
      : {}),
  };
});

/** Actions that unblock a case when an automated task failed for good: the client sends them when offered. */
const REMEDIES = ['recheck-records', 'retry-production'];

export interface ClientOptions {
  baseUrl: string;
  secret: string;
  /** How long the client waits for an answer before it gives up on that attempt and retries (ms). */
  timeoutMs: number;
  /** Pause between a journey's commands (ms): sets the load. */
  thinkMs: number;
  /** The system's event store, where a recorded parent is appended (the suite's server runs business time at scale 1). */
  store: EventStore;
}

export interface CaseRecord {
  caseId: string;
  type: string;
  completed: boolean;
  /** Why the journey stopped short, if it did. */
  abandoned?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Client {
  readonly attempts: Attempt[] = [];
  readonly acked: AckedCommand[] = [];
  readonly cases: CaseRecord[] = [];
  /** Every 5xx answer, reads included: each must be a 503 with Retry-After. */
  readonly serverErrors: Array<{ request: string; at: number; status: number; retryAfter: string | null; contentType: string }> = [];
  /** 4xx answers a well-behaved client did not expect (the journey is abandoned on them). */
  readonly unexpected: string[] = [];
  private tokens = new Map<Caller, string>();
  private inFlightCount = 0;

  constructor(private readonly options: ClientOptions) {}

  token(caller: Caller): string {
    return this.tokens.get(caller)!;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  async init(): Promise<void> {
    for (const [name, caller] of Object.entries(CALLERS) as Array<[Caller, (typeof CALLERS)[Caller]]>) {
      const token = await new SignJWT({ roles: [...caller.roles], office: caller.office })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(caller.sub)
        .setIssuer('casework-dev')
        .setAudience('casework')
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(new TextEncoder().encode(this.options.secret));
      this.tokens.set(name, token);
    }
  }

  /** One request; no answer becomes `{ error }`. */
  private async request(method: string, path: string, caller: Caller, body?: unknown, key?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${this.tokens.get(caller)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    try {
      const res = await fetch(this.options.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await res.text();
      if (res.status >= 500) {
        this.serverErrors.push({
          request: `${method} ${path}`,
          at: Date.now(),
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          contentType: res.headers.get('content-type') ?? '',
        });
      }
      if (process.env.FAULTS_DEBUG) process.stderr.write(`${method} ${path} ${res.status} ${method === 'GET' ? '' : text.slice(0, 120)}\n`);
      let json: any;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      return { status: res.status, body: json, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') ?? '' };
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      const name = (e as Error).name;
      return { error: name === 'TimeoutError' ? 'timeout' : (cause?.code ?? name ?? 'error') };
    }
  }

  /** A read, retried while the system is unavailable, until `until` (then undefined). */
  private async read(path: string, caller: Caller, until: () => boolean): Promise<any> {
    while (!until()) {
      const r = await this.request('GET', path, caller);
      if (r.status === 200) return r.body;
      await sleep(r.status === 503 ? 1_000 : 500);
    }
    return undefined;
  }

  /**
   * Sends one command until it is answered for good: the same key after 503, 429, a timeout or no answer;
   * after 409, the case's history says whether an earlier attempt took effect (the case moved on). Returns
   * the case view, or undefined when the command was refused or time ran out.
   */
  private async command(caseId: string, command: string, caller: Caller, path: string, body: unknown, stopAt: () => boolean): Promise<any> {
    const key = randomUUID();
    const commandId = idFromKey(CALLERS[caller].sub, key);
    const id = caseId || commandId; // an opening's case id is the command's id (apps/api/cases/cases.controller.ts)
    for (let attempt = 1; ; attempt++) {
      if (stopAt()) return undefined;
      const startedAt = Date.now();
      this.inFlightCount += 1;
      const r = await this.request('POST', path, caller, body, key);
      this.inFlightCount -= 1;
      this.attempts.push({
        command,
        caseId: id,
        commandId,
        startedAt,
        endedAt: Date.now(),
        status: r.status,
        retryAfter: r.retryAfter,
        contentType: r.contentType,
        error: r.error,
      });
      if (r.status !== undefined && r.status >= 200 && r.status < 300) {
        this.acked.push({ caseId: id, commandId, command });
        return r.body;
      }
      if (r.status === 409 && caseId) {
        // Not offered (any more): an earlier attempt may have done it and its answer was lost.
        const history = await this.read(`/cases/${caseId}/history`, 'supervisor', stopAt);
        if (history?.events?.some((e: { metadata: { commandId: string } }) => e.metadata.commandId === commandId)) {
          this.acked.push({ caseId: id, commandId, command });
          return this.read(`/cases/${caseId}`, caller, stopAt);
        }
        if (attempt > 20) {
          this.unexpected.push(`${command} on ${caseId}: 409 ${r.body?.detail}`);
          return undefined;
        }
        await sleep(1_000);
        continue;
      }
      if (r.status === undefined || r.status === 503 || r.status === 429) {
        const wait = r.retryAfter ? Math.min(Number(r.retryAfter) * 1_000, 5_000) : 1_000;
        await sleep(Number.isFinite(wait) ? wait : 1_000);
        continue;
      }
      this.unexpected.push(`${command} on ${caseId || '(new case)'}: ${r.status} ${r.body?.detail ?? ''}`);
      return undefined;
    }
  }

  /** Opens one case (after its parent, if it has one) and takes it to completion, or stops trying at `stopAt`. */
  async drive(make: () => Journey, stopAt: () => boolean): Promise<void> {
    const journey = make();
    let body = journey.body;
    if (journey.parent?.recorded) {
      const parent = await this.record(journey.parent.type, journey.parent.recorded({ now: Date.now(), timeScale: 1 }), stopAt);
      if (!parent) return;
      body = { ...(journey.body as object), parentCaseId: parent };
    } else if (journey.parent) {
      // The parent only has to get as far as the child needs; it is judged (stuck) only if it stopped short of that.
      const opened = await this.command('', 'open', journey.opener, '/cases', journey.parent.body, stopAt);
      if (!opened) return;
      const parent: CaseRecord = { caseId: opened.caseId, type: journey.parent.type, completed: false };
      if ((await this.follow(parent, journey.parent.steps, stopAt)) === undefined) return void this.cases.push(parent);
      body = { ...(journey.body as object), parentCaseId: parent.caseId };
    }
    const opened = await this.command('', 'open', journey.opener, '/cases', body, stopAt);
    if (!opened) return;
    const record: CaseRecord = { caseId: opened.caseId, type: journey.type, completed: false };
    this.cases.push(record);
    if ((await this.follow(record, journey.steps, stopAt)) === undefined) return;
    let final = await this.read(`/cases/${record.caseId}`, 'supervisor', stopAt);
    // A filing (a loss report) has no step: it completes by itself once its register effect is recorded.
    for (let i = 0; final && final.status === 'accepted' && journey.steps.length === 0 && i < 120 && !stopAt(); i++) {
      await sleep(500);
      final = await this.read(`/cases/${record.caseId}`, 'supervisor', stopAt);
    }
    record.completed = final?.status === 'completed';
    if (!record.completed) record.abandoned = `ended in status ${final?.status}`;
  }

  /**
   * Appends a recorded parent's stream, again after an error (the database stopped): the same batch, which the store
   * takes once. Judged like the cases the client opened: its integrity, and that the run restoring it (when its child
   * tells it) writes after what was recorded. Undefined when time ran out first.
   */
  private async record(type: string, recorded: { caseId: string; streamId: string; batch: NewEvent[] }, stopAt: () => boolean): Promise<string | undefined> {
    for (;;) {
      if (stopAt()) return undefined;
      try {
        await this.options.store.append(recorded.streamId, recorded.batch, { expectedVersion: 'no-stream' });
        this.cases.push({ caseId: recorded.caseId, type: `${type} (recorded)`, completed: true });
        return recorded.caseId;
      } catch (e) {
        if (process.env.FAULTS_DEBUG) process.stderr.write(`recording ${type} ${recorded.caseId}: ${String(e)}\n`);
        await sleep(1_000);
      }
    }
  }

  /** Sends each step once the case offers it; undefined when it stopped short (`record.abandoned` says why). */
  private async follow(record: CaseRecord, steps: Step[], stopAt: () => boolean): Promise<true | undefined> {
    for (const step of steps) {
      await sleep(this.options.thinkMs);
      // Wait until the case offers the action (register checks and card production land on their own).
      for (;;) {
        const view = await this.read(`/cases/${record.caseId}`, step.caller, stopAt);
        if (!view) return void (record.abandoned = `stopped waiting for ${step.action}`);
        const allowed: string[] = view.allowedActions ?? [];
        if (allowed.includes(step.action)) break;
        const remedy = REMEDIES.find((a) => allowed.includes(a));
        if (remedy) {
          if (!(await this.command(record.caseId, remedy, step.caller, `/cases/${record.caseId}/actions/${remedy}`, {}, stopAt))) return;
          continue;
        }
        await sleep(500);
      }
      const view = await this.command(record.caseId, step.action, step.caller, `/cases/${record.caseId}/actions/${step.action}`, step.body ?? {}, stopAt);
      if (!view) return void (record.abandoned ??= `${step.action} not done`);
    }
    return true;
  }

  /** `loops` journeys at a time, the case types in turn, starting new ones until `stopStarting()`. */
  async run(loops: number, stopStarting: () => boolean, stopAt: () => boolean): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: loops }, async (_, i) => {
        await sleep(i * 300);
        while (!stopStarting() && !stopAt()) await this.drive(JOURNEYS[next++ % JOURNEYS.length], stopAt);
      }),
    );
  }
}
