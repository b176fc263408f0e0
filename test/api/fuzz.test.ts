import fc from 'fast-check';
import { idFromKey } from '../../apps/api/idempotency/idempotency';
import { startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, NATIONAL, openSettled, OTHER_OFFICE, OTHER_PROVINCE, OWN, portVisaBody, problemDefects, raw, type RawResponse } from './support/fixtures';

/**
 * Property-based fuzzing of bodies, path and query parameters: whatever arrives, the API never answers
 * 5xx, every error is problem+json without internals, and a refused request changes nothing.
 * Runs are bounded so the file stays well under 90 s; FUZZ_RUNS scales them (e.g. FUZZ_RUNS=10 for a long soak).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), endOnFailure: true });
const timeout = (ms: number) => ms * Math.max(1, SCALE);

const KNOWN_STATUSES = [200, 201, 400, 401, 403, 404, 405, 409, 413, 415, 422];
const CLOSED = ['completed', 'not-accepted', 'refused', 'withdrawn'];

/** Valid payloads of every action (for near-valid mutations); the type-specific ones of the case types used here. */
const ACTION_BODIES: Record<string, object> = {
  'request-materials': { items: ['return ticket'] },
  supplement: { items: ['return ticket'] },
  accept: {},
  'refuse-acceptance': { reason: 'incomplete' },
  assign: { assignee: 'caseworker-own' },
  'pause-clock': { kind: 'hearing', reason: 'hearing requested' },
  'resume-clock': {},
  'extend-deadline': { workingDays: 5, reason: 'complex case' },
  approve: {},
  refuse: { reason: 'no', legalBasis: '出境入境管理法 art 21' },
  withdraw: { reason: 'changed plans' },
  'confirm-move-out': {},
  'register-settlement': {},
};
const ACTIONS = Object.keys(ACTION_BODIES);
/** Actions that would end the fuzzed case early; kept rarer so the case stays open for most runs. */
const CLOSING = new Set(['withdraw', 'refuse', 'refuse-acceptance', 'approve']);

// ---- arbitraries -------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Every node of a JSON value, as a path from the root. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}

const hugeString = fc.integer({ min: 1_000, max: 90_000 }).map((n) => '字'.repeat(Math.ceil(n / 3)));
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.constant([]), fc.constant({}));
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'wrong-type', 'delete', 'unknown-key', 'huge', '__proto__', 'constructor', 'prototype'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), wrongType),
  huge: hugeString,
});

/** A valid body with exactly one thing changed, as JSON text (the prototype keys are own properties in the text). */
function mutate(base: Json, m: { at: number; op: string; value: unknown; huge: string }): string {
  const body = structuredClone<Json>(base);
  const paths = pathsOf(body);
  const path = paths[m.at % paths.length];
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const nodeAt = (p: Path) => p.reduce<any>((node, k) => node[k], body);
  const node = nodeAt(path);
  const container: any = node && typeof node === 'object' && !Array.isArray(node) ? node : path.length ? nodeAt(parentPath) : body;
  const set = (value: unknown) => {
    if (path.length === 0) return value;
    nodeAt(parentPath)[last] = value;
    return body;
  };
  switch (m.op) {
    case 'replace':
      return JSON.stringify(set(m.value));
    case 'wrong-type':
      return JSON.stringify(set(typeof node === 'string' ? 42 : typeof node === 'number' ? String(node) : 'text'));
    case 'delete':
      if (path.length === 0) return '';
      if (Array.isArray(nodeAt(parentPath))) nodeAt(parentPath).splice(last, 1);
      else delete nodeAt(parentPath)[last];
      return JSON.stringify(body);
    case 'unknown-key':
      if (container && typeof container === 'object' && !Array.isArray(container)) container.colour = m.value;
      return JSON.stringify(body);
    case 'huge':
      return JSON.stringify(set(m.huge));
    default: {
      // __proto__ / constructor / prototype as an own key of some object in the body.
      const target = container && typeof container === 'object' && !Array.isArray(container) ? container : body;
      const polluting = m.op === 'constructor' ? { prototype: { polluted: true } } : { polluted: true };
      Object.defineProperty(target, m.op, { value: polluting, enumerable: true, configurable: true, writable: true });
      return JSON.stringify(body);
    }
  }
}

/** Bodies as text: arbitrary JSON, non-JSON, near-valid mutations of `valid`, deep nesting, huge ones. */
const bodyText = (valid: Json) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(JSON.stringify(valid)) }, // as is: keeps the case moving, so state rules (409) get their turn
    { weight: 6, arbitrary: mutation.map((m) => mutate(valid, m)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, // mostly not JSON at all
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 5_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 2_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)) },
    { weight: 1, arbitrary: hugeString.map((s) => JSON.stringify({ ...(valid as object), materials: [s] })) },
  );

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/merge-patch+json'),
  },
);

/** Percent-encodes every byte outside the unreserved set (works for any string, lone surrogates included). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');

/** A path segment: an encoded random string, or one of the raw shapes routers trip over. */
const segment = (good: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...good) },
    {
      weight: 3,
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 60 })
        .filter((s) => s.length > 0)
        .map(pct),
    },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%00', '%E0%A4%A', '..', '.', '%2e%2e', 'a%2Fb', ';x=1', '%20', 'x'.repeat(300), '0'.repeat(6), '1e5', '-1'),
    },
  );

const queryKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('type', 'status', 'office', 'sla', 'limit', 'cursor', 'version', 'at') },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'x[y]', 'a.b') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const queryValue = fc.oneof(
  fc.constantFrom(
    'port-visa',
    'hukou-migration',
    'submitted',
    'accepted',
    'on-track',
    'breached',
    OWN,
    OTHER_OFFICE,
    NATIONAL,
    '1',
    '0',
    '-1',
    '200',
    '201',
    '1.5',
    '1e3',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 40 })).map(([a, b]) => Buffer.from(`${a}|${b}`).toString('base64url')),
  fc.date({ noInvalidDate: true }).map((d) => Buffer.from(`${d.toISOString()}|00000000-0000-4000-8000-000000000000`).toString('base64url')),
  fc.integer({ min: 100, max: 2_000 }).map((n) => 'q'.repeat(n)),
);
/** A query string; repeated keys make arrays. Sometimes raw, unencoded garbage. */
const queryString = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()) },
  { weight: 1, arbitrary: fc.constantFrom('a=%', '%%%', '=&=&', 'limit=%E0%A4%A', 'office[]=440106', 'cursor', '&&&&', 'version=1&version=2', 'at=1&at=2') },
);

// ---- the tests ----------------------------------------------------------------------------------------

const DESCRIBE = 'fuzzing the API: never a 5xx, always problem+json, a refusal changes nothing';
describe(DESCRIBE, () => {
  let sys: TestSystem;
  const tokens: Record<string, string> = {};
  let supervisor: string;

  beforeAll(async () => {
    sys = await startTestSystem('postgres');
    const callers: [string, 'caseworker' | 'supervisor' | 'sla-monitor' | 'applicant' | 'admin', string][] = [
      ['caseworker-own', 'caseworker', OWN],
      ['caseworker-other', 'caseworker', OTHER_OFFICE],
      ['supervisor-own', 'supervisor', OWN],
      ['supervisor-far', 'supervisor', OTHER_PROVINCE],
      ['sla-monitor', 'sla-monitor', OWN],
      ['applicant', 'applicant', OWN],
      ['admin', 'admin', OWN],
    ];
    for (const [sub, role, office] of callers) tokens[sub] = await sys.token(role, office, sub);
    supervisor = await sys.token('supervisor', NATIONAL, 'supervisor-national');
  }, 120_000);
  afterAll(() => sys?.stop());

  /** Statuses seen per test, printed at the end: a fuzzer that only ever meets 400 proves little. */
  const seen = new Map<string, Map<number, number>>();
  afterAll(() => {
    const lines = [...seen].map(
      ([name, counts]) =>
        `${name}: ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([st, c]) => `${st}×${c}`)
          .join(' ')}`,
    );
    process.stdout.write(`fuzz statuses\n${lines.join('\n')}\n`);
  });
  const count = (status: number) => {
    const name = expect
      .getState()
      .currentTestName!.slice(DESCRIBE.length + 1)
      .split(':')[0];
    const counts = seen.get(name) ?? new Map<number, number>();
    seen.set(name, counts.set(status, (counts.get(status) ?? 0) + 1));
  };

  /** What the request must satisfy whatever it was. */
  function wellBehaved(r: RawResponse, what: string): void {
    count(r.status);
    if (r.status >= 500 || !KNOWN_STATUSES.includes(r.status)) throw new Error(`${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    const defects = problemDefects(r);
    if (defects.length) throw new Error(`${what} → ${r.status} is not a clean problem: ${defects.join('; ')} ${JSON.stringify(r.body).slice(0, 300)}`);
    if (({} as Record<string, unknown>).polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined) {
      throw new Error(`${what} polluted Object.prototype`);
    }
  }

  const versionOf = async (caseId: string) => {
    const [view, history] = await Promise.all([
      sys.request('GET', `/cases/${caseId}`, { token: supervisor }),
      sys.request('GET', `/cases/${caseId}/history`, { token: supervisor }),
    ]);
    return { version: view.body.version as number, events: history.body.events.length as number, status: view.body.status as string };
  };

  it(
    'POST /cases: any body is answered without a 5xx, and a refused opening writes no case',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom<[string, Json]>(
              ['caseworker-own', portVisaBody() as Json],
              ['caseworker-own', hukouBody('window') as Json],
              ['applicant', hukouBody('online') as Json],
            )
            .chain(([sub, valid]) => fc.tuple(fc.constant(sub), bodyText(valid))),
          fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...Object.keys(tokens)) }, { weight: 4, arbitrary: fc.constant('') }),
          contentType,
          async ([sub0, text], otherCaller, type) => {
            const sub = otherCaller || sub0;
            // Every request carries an Idempotency-Key, which fixes the case id it would create.
            const key = `fuzz-${process.pid}-${n++}`;
            const r = await raw(sys, 'POST', '/cases', { token: tokens[sub], body: text, contentType: type, headers: { 'idempotency-key': key } });
            wellBehaved(r, `POST /cases as ${sub} with ${type} ${text.slice(0, 200)}`);
            const caseId = idFromKey(sub, key);
            if (r.status === 201) {
              if (r.body.caseId !== caseId) throw new Error('an opening with a key must create the case the key names');
            } else {
              const after = await sys.request('GET', `/cases/${caseId}`, { token: supervisor });
              if (after.status !== 404) throw new Error(`a refused opening (${r.status}) left case ${caseId} behind`);
            }
          },
        ),
        runs(50),
      );
    },
    timeout(60_000),
  );

  it(
    'POST /cases/{id}/actions/{action}: any action, body and caller; a refused one leaves version and history unchanged',
    async () => {
      let caseId = '';
      let before = { version: 0, events: 0, status: '' };
      const freshCase = async () => {
        caseId = await openSettled(sys, tokens['caseworker-own'], portVisaBody());
        before = await versionOf(caseId);
      };
      await freshCase();
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof({ weight: 6, arbitrary: fc.constantFrom(...ACTIONS.filter((a) => !CLOSING.has(a))) }, { weight: 1, arbitrary: fc.constantFrom(...CLOSING) })
            .chain((action) => fc.tuple(fc.constant(action), fc.option(bodyText(ACTION_BODIES[action] as Json), { freq: 6, nil: undefined }))),
          fc.oneof({ weight: 4, arbitrary: fc.constant('caseworker-own') }, { weight: 2, arbitrary: fc.constantFrom(...Object.keys(tokens)) }),
          async ([action, text], sub) => {
            if (CLOSED.includes(before.status)) await freshCase();
            const r = await raw(sys, 'POST', `/cases/${caseId}/actions/${action}`, { token: tokens[sub], body: text });
            wellBehaved(r, `${action} as ${sub} with ${text?.slice(0, 200)}`);
            const after = await versionOf(caseId);
            if (r.status === 200) {
              if (!(r.body.version > before.version && after.version === r.body.version && after.events === r.body.version)) {
                throw new Error(
                  `an accepted ${action} answered version ${r.body.version}, the case has ${after.version} (${after.events} events), was ${before.version}`,
                );
              }
            } else if (after.version !== before.version || after.events !== before.events) {
              throw new Error(
                `a refused ${action} (${r.status}) changed the case: version ${before.version} → ${after.version}, events ${before.events} → ${after.events}`,
              );
            }
            before = after;
          },
        ),
        runs(110),
      );
    },
    timeout(70_000),
  );

  it(
    'action route with random case ids and action names: never a 5xx',
    async () => {
      const caseId = await openSettled(sys, tokens['caseworker-own'], portVisaBody());
      await fc.assert(
        fc.asyncProperty(
          segment([caseId, '00000000-0000-4000-8000-000000000000']),
          segment(ACTIONS),
          fc.constantFrom(...Object.keys(tokens)),
          async (id, action, sub) => {
            const r = await raw(sys, 'POST', `/cases/${id}/actions/${action}`, { token: tokens[sub], body: '{}' });
            wellBehaved(r, `POST /cases/${id}/actions/${action} as ${sub}`);
          },
        ),
        runs(50),
      );
    },
    timeout(60_000),
  );

  it(
    'GET /cases, /cases/{id}/state, /queues/{office}, /sla/board: any path and query parameters, never a 5xx',
    async () => {
      const caseId = await openSettled(sys, tokens['caseworker-own'], portVisaBody());
      const readers = ['caseworker-own', 'supervisor-own', 'supervisor-far', 'sla-monitor', 'applicant', 'admin'];
      const request = fc.oneof(
        queryString.map((q) => `/cases?${q}`),
        fc.tuple(segment([caseId]), queryString).map(([id, q]) => `/cases/${id}/state?${q}`),
        fc
          .tuple(
            segment([caseId]),
            fc.oneof(
              fc.oneof(fc.nat({ max: 20 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53, 1e21)).map((v) => `version=${v}`),
              fc.date({ noInvalidDate: true }).map((d) => `at=${encodeURIComponent(d.toISOString())}`),
            ),
          )
          .map(([id, q]) => `/cases/${id}/state?${q}`),
        segment([OWN, OTHER_OFFICE, OTHER_PROVINCE, NATIONAL, '44010', '4401066']).map((o) => `/queues/${o}`),
        queryString.map((q) => `/sla/board?${q}`),
      );
      await fc.assert(
        fc.asyncProperty(
          request,
          fc.oneof({ weight: 3, arbitrary: fc.constantFrom('caseworker-own', 'supervisor-own') }, { weight: 2, arbitrary: fc.constantFrom(...readers) }),
          async (path, sub) => {
            const r = await raw(sys, 'GET', path, { token: tokens[sub] });
            wellBehaved(r, `GET ${path} as ${sub}`);
            if (r.status === 200 && !path.includes('/state?') && !Array.isArray(r.body.items)) throw new Error(`GET ${path}: no items`);
          },
        ),
        runs(200),
      );
    },
    timeout(60_000),
  );
});
