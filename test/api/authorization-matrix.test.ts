import type { CaseType } from '../../domain';
import { caseSamples, sampleEntries } from '../support/case-samples';
import { lodgeableSample } from '../support/sample-parents';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import {
  APPLICANT_NAME,
  expiredToken,
  forgedToken,
  hukouBody,
  NATIONAL,
  openSettled,
  OTHER_OFFICE,
  OTHER_PROVINCE,
  OWN,
  problemDefects,
  raw,
  readEventStream,
  type RawResponse,
} from './support/fixtures';

/**
 * Every route of api.md × every role × where the caller sits relative to the case (its own office,
 * another office of the same province, another province, and national for supervisors and SLA monitors),
 * plus callers without a valid token. Each cell asserts the exact status; some also what the caller sees.
 *
 * The case under test is an online hukou migration lodged by applicant A at 440106 (move-out office 440105).
 * Applicants "own / other office / other province" are applicant A and two other applicants.
 *
 * Every registered case type also gets its opening, read and list cells, on its sample opening
 * (test/support/case-samples.ts) lodged at the window of 440106: a new type is in the matrix with its sample. A child
 * whose parent no run takes far enough over HTTP (the residence permit endorsement: the permit's window opens eleven
 * months after the issue) is lodged under a parent recorded into the store, and its cells are judged once it completed.
 */

type Role = 'caseworker' | 'supervisor' | 'sla-monitor' | 'applicant' | 'admin';
type Where = 'own' | 'other-office' | 'other-province' | 'national';
interface Caller {
  key: string;
  role?: Role;
  where?: Where;
  sub?: string;
  token?: string;
}

const OFFICE_OF: Record<Where, string> = { own: OWN, 'other-office': OTHER_OFFICE, 'other-province': OTHER_PROVINCE, national: NATIONAL };
const SHORT: Record<Role, string> = { caseworker: 'cw', supervisor: 'sup', 'sla-monitor': 'mon', applicant: 'app', admin: 'adm' };
const APPLICANT_SUB: Record<Where, string> = { own: 'applicant-a', 'other-office': 'applicant-b', 'other-province': 'applicant-c', national: 'applicant-n' };

const PLACES: [Role, Where[]][] = [
  ['caseworker', ['own', 'other-office', 'other-province']],
  ['supervisor', ['own', 'other-office', 'other-province', 'national']],
  ['sla-monitor', ['own', 'other-office', 'other-province', 'national']],
  ['applicant', ['own', 'other-office', 'other-province']],
  ['admin', ['own', 'other-office', 'other-province']],
];
const WHERE_SHORT: Record<Where, string> = { own: 'own', 'other-office': 'oo', 'other-province': 'op', national: 'nat' };
const CALLER_KEYS = [...PLACES.flatMap(([role, wheres]) => wheres.map((w) => `${SHORT[role]}/${WHERE_SHORT[w]}`)), 'anon', 'forged', 'expired'];

/** Expected statuses: a default per role, and exceptions per caller key. */
type Expect = Partial<Record<Role | 'anon' | 'bad-token', number>> & Record<string, number>;

interface Route {
  name: string;
  /** Mutating routes get a fresh case for cells that are expected to succeed, so cells do not disturb each other. */
  freshCaseOnSuccess?: boolean;
  call(caller: Caller, ctx: { caseId: string }): Promise<RawResponse>;
  /** Per role and caller key, or a rule per caller (for a case whose offices are known only once it is open). */
  expect: Expect | ((caller: Caller) => number);
  /** An extra check on a successful answer; returns what is wrong, or null. */
  check?(caller: Caller, r: RawResponse, ctx: { caseId: string }): string | null;
}

describe('authorization matrix: every route × role × office, exact statuses', () => {
  let sys: TestSystem;
  let caseId: string;
  let versionBefore: number;
  const callers: Caller[] = [];
  let caseworkerOwn: string;
  /** One sample case of each type, lodged by the caseworker of 440106, with its offices (receiving, handling, involved). */
  const samples = new Map<CaseType, { caseId: string; involved: string[] }>();

  beforeAll(async () => {
    sys = await startTestSystem('postgres');
    for (const [role, wheres] of PLACES) {
      for (const where of wheres) {
        const sub = role === 'applicant' ? APPLICANT_SUB[where] : `${role}-${where}`;
        callers.push({ key: `${SHORT[role]}/${WHERE_SHORT[where]}`, role, where, sub, token: await sys.token(role, OFFICE_OF[where], sub) });
      }
    }
    callers.push({ key: 'anon' }, { key: 'forged', token: await forgedToken() }, { key: 'expired', token: await expiredToken(sys) });
    caseworkerOwn = callers.find((c) => c.key === 'cw/own')!.token!;
    caseId = await openSettled(sys, callers.find((c) => c.key === 'app/own')!.token!, hukouBody('online'));
    // The read models must have the case before list, queue and board cells can be judged.
    const supervisor = callers.find((c) => c.key === 'sup/own')!.token!;
    await eventually(async () => (await sys.request('GET', '/cases', { token: caseworkerOwn })).body.items.some((c: any) => c.caseId === caseId));
    await eventually(async () => (await sys.request('GET', `/queues/${OWN}`, { token: caseworkerOwn })).body.items.some((c: any) => c.caseId === caseId));
    await eventually(async () => (await sys.request('GET', '/sla/board', { token: supervisor })).body.items.some((i: any) => i.caseId === caseId));
    versionBefore = (await sys.request('GET', `/cases/${caseId}`, { token: caseworkerOwn })).body.version;
    for (const [type, sample] of sampleEntries()) {
      const opened = await sys.request('POST', '/cases', { token: caseworkerOwn, body: await lodgeableSample(sys, sample, 1) });
      if (opened.status !== 201) throw new Error(`the ${type} sample was not opened: ${opened.status} ${opened.body.detail}`);
      const { receivingOffice, handlingOffice, involvedOffices } = opened.body;
      samples.set(type, { caseId: opened.body.caseId, involved: [receivingOffice, handlingOffice, ...involvedOffices] });
    }
    await eventually(async () => {
      const listed = (await sys.request('GET', '/cases?limit=200', { token: caseworkerOwn })).body.items.map((c: any) => c.caseId);
      return [...samples.values()].every((c) => listed.includes(c.caseId));
    });
    // A child of a recorded parent completes once that case, restored from its stream, has recorded it: judged then.
    for (const [type] of sampleEntries().filter(([, sample]) => sample.parent?.recorded)) {
      const view = async () => (await sys.request('GET', `/cases/${samples.get(type)!.caseId}`, { token: caseworkerOwn })).body;
      await eventually(async () => (await view()).status === 'completed', 30_000).catch(async () => {
        throw new Error(`the ${type} sample did not complete: ${JSON.stringify(await view())}`);
      });
    }
  }, 120_000);
  afterAll(() => sys?.stop());

  /** Who may know the case exists (GET /cases/{id} is 200 exactly for them). */
  const mayKnow = (c: Caller) =>
    (c.role === 'caseworker' && c.where === 'own') ||
    ((c.role === 'supervisor' || c.role === 'sla-monitor') && c.where !== 'other-province') ||
    (c.role === 'applicant' && c.where === 'own');

  const get = (path: string) => (c: Caller) => raw(sys, 'GET', path, { token: c.token });
  const post = (path: (ctx: { caseId: string }) => string, body?: (c: Caller) => unknown) => (c: Caller, ctx: { caseId: string }) =>
    raw(sys, 'POST', path(ctx), { token: c.token, body: body ? JSON.stringify(body(c)) : undefined });

  const checkMasked = (c: Caller, view: any): string | null => {
    if (c.role !== 'sla-monitor') return view.applicant.name === APPLICANT_NAME ? null : `name ${view.applicant.name}`;
    // An SLA monitor gets no name and no part of a number: not even 张* or 440105********1234.
    if (view.applicant.name !== '') return `a name ${view.applicant.name}`;
    if ('idNumber' in view.applicant || 'passportNo' in view.applicant) return `an id ${view.applicant.idNumber ?? view.applicant.passportNo}`;
    return null;
  };

  const routes: Route[] = [
    {
      name: 'POST /cases (window)',
      call: (c) => raw(sys, 'POST', '/cases', { token: c.token, body: JSON.stringify(hukouBody('window')) }),
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, 'cw/own': 201, supervisor: 403, 'sla-monitor': 403, applicant: 403, admin: 403 },
    },
    {
      name: 'POST /cases (online)',
      call: (c) => raw(sys, 'POST', '/cases', { token: c.token, body: JSON.stringify(hukouBody('online')) }),
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, supervisor: 403, 'sla-monitor': 403, applicant: 201, admin: 403 },
    },
    {
      name: 'GET /cases/{id}',
      call: (c, ctx) => raw(sys, 'GET', `/cases/${ctx.caseId}`, { token: c.token }),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 404,
        'cw/own': 200,
        supervisor: 200,
        'sup/op': 404,
        'sla-monitor': 200,
        'mon/op': 404,
        applicant: 404,
        'app/own': 200,
        admin: 403,
      },
      check: (c, r, ctx) => (r.body.caseId !== ctx.caseId ? 'other case' : checkMasked(c, r.body)),
    },
    {
      name: 'GET /cases/{id}/history',
      call: (c, ctx) => raw(sys, 'GET', `/cases/${ctx.caseId}/history`, { token: c.token }),
      expect: { anon: 401, 'bad-token': 401, caseworker: 404, 'cw/own': 200, supervisor: 200, 'sup/op': 404, 'sla-monitor': 403, applicant: 403, admin: 403 },
      check: (_c, r) => (r.body.events?.[0]?.type === 'CaseOpened' ? null : 'no CaseOpened first'),
    },
    {
      name: 'GET /cases/{id}/state?version=1',
      call: (c, ctx) => raw(sys, 'GET', `/cases/${ctx.caseId}/state?version=1`, { token: c.token }),
      expect: { anon: 401, 'bad-token': 401, caseworker: 404, 'cw/own': 200, supervisor: 200, 'sup/op': 404, 'sla-monitor': 403, applicant: 403, admin: 403 },
      check: (_c, r) => (r.body.version === 1 && r.body.status === 'submitted' ? null : `version ${r.body.version}`),
    },
    {
      name: 'GET /cases/{id}/integrity',
      call: (c, ctx) => raw(sys, 'GET', `/cases/${ctx.caseId}/integrity`, { token: c.token }),
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, supervisor: 200, 'sup/op': 404, 'sla-monitor': 403, applicant: 403, admin: 403 },
      check: (_c, r) => (r.body.ok === true ? null : 'not ok'),
    },
    {
      name: 'GET /cases',
      call: get('/cases?limit=200'),
      expect: { anon: 401, 'bad-token': 401, caseworker: 200, supervisor: 200, 'sla-monitor': 200, applicant: 200, admin: 403 },
      check: (c, r, ctx) => {
        const item = r.body.items.find((i: any) => i.caseId === ctx.caseId);
        if (Boolean(item) !== mayKnow(c)) return item ? 'lists a case it may not know' : 'misses the case';
        return item ? checkMasked(c, item) : null;
      },
    },
    {
      name: `GET /cases?office=${OWN}`,
      call: get(`/cases?office=${OWN}&limit=200`),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 403,
        'cw/own': 200,
        supervisor: 200,
        'sup/op': 403,
        'sla-monitor': 200,
        'mon/op': 403,
        applicant: 200,
        admin: 403,
      },
      check: (c, r, ctx) => (Boolean(r.body.items.find((i: any) => i.caseId === ctx.caseId)) === mayKnow(c) ? null : 'wrong items'),
    },
    {
      name: 'POST …/actions/accept',
      freshCaseOnSuccess: true,
      call: post(
        (ctx) => `/cases/${ctx.caseId}/actions/accept`,
        () => ({}),
      ),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 404,
        'cw/own': 200,
        supervisor: 403,
        'sup/op': 404,
        'sla-monitor': 403,
        applicant: 404,
        'app/own': 403,
        admin: 403,
      },
      check: (_c, r) => (r.body.status === 'accepted' ? null : `status ${r.body.status}`),
    },
    {
      name: 'POST …/actions/withdraw',
      freshCaseOnSuccess: true,
      call: post(
        (ctx) => `/cases/${ctx.caseId}/actions/withdraw`,
        () => ({ reason: 'changed my mind' }),
      ),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 404,
        'cw/own': 200,
        supervisor: 403,
        'sup/op': 404,
        'sla-monitor': 403,
        applicant: 404,
        'app/own': 200,
        admin: 403,
      },
      check: (_c, r) => (r.body.status === 'withdrawn' ? null : `status ${r.body.status}`),
    },
    {
      name: 'POST …/actions/assign',
      freshCaseOnSuccess: true,
      call: post(
        (ctx) => `/cases/${ctx.caseId}/actions/assign`,
        (c) => ({ assignee: c.sub ?? 'nobody' }),
      ),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 404,
        'cw/own': 200,
        supervisor: 200,
        'sup/op': 404,
        'sla-monitor': 403,
        applicant: 404,
        'app/own': 403,
        admin: 403,
      },
      check: (c, r) => (r.body.assignee === c.sub ? null : `assignee ${r.body.assignee}`),
    },
    {
      name: `GET /queues/${OWN}`,
      call: get(`/queues/${OWN}`),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 403,
        'cw/own': 200,
        supervisor: 200,
        'sup/op': 403,
        'sla-monitor': 403,
        applicant: 403,
        admin: 403,
      },
      check: (_c, r, ctx) => (r.body.items.some((i: any) => i.caseId === ctx.caseId) ? null : 'misses the case'),
    },
    {
      name: 'GET /sla/board',
      call: get('/sla/board'),
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, supervisor: 200, 'sla-monitor': 200, applicant: 403, admin: 403 },
      check: (c, r, ctx) => {
        const rows = r.body.items.filter((i: any) => i.caseId === ctx.caseId);
        if (rows.length > 0 !== mayKnow(c)) return rows.length ? 'shows a case outside the province' : 'misses the case';
        if (rows.some((i: any) => i.applicant !== (c.role === 'sla-monitor' ? '' : '张*'))) return 'unmasked applicant';
        return typeof r.body.totals === 'object' ? null : 'no totals';
      },
    },
    {
      name: `GET /sla/board?office=${OWN}`,
      call: get(`/sla/board?office=${OWN}`),
      expect: {
        anon: 401,
        'bad-token': 401,
        caseworker: 403,
        supervisor: 200,
        'sup/op': 403,
        'sla-monitor': 200,
        'mon/op': 403,
        applicant: 403,
        admin: 403,
      },
    },
    {
      name: 'GET /sla/alerts (SSE)',
      call: async (c) => {
        const r = await readEventStream(`${sys.url}/sla/alerts`, c.token, (text) => text.includes(': connected'), 5_000);
        return { status: r.status, contentType: r.contentType, body: r.body ?? r.received };
      },
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, supervisor: 200, 'sla-monitor': 200, applicant: 403, admin: 403 },
      check: (_c, r) => (r.contentType.startsWith('text/event-stream') ? null : r.contentType),
    },
    {
      name: 'GET /stats',
      call: get('/stats'),
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, supervisor: 200, 'sla-monitor': 200, applicant: 403, admin: 403 },
      check: (c, r) => (typeof r.body.total === 'number' && (c.where === 'other-province' ? true : r.body.total > 0) ? null : `total ${r.body.total}`),
    },
    {
      name: 'POST /admin/projections/{name}/rebuild',
      // One read model per admin cell: a second rebuild of the same one while it runs would be a 409.
      call: (c) =>
        raw(sys, 'POST', `/admin/projections/${{ own: 'stats', 'other-office': 'queues', 'other-province': 'sla' }[c.where as 'own'] ?? 'stats'}/rebuild`, {
          token: c.token,
        }),
      expect: { anon: 401, 'bad-token': 401, caseworker: 403, supervisor: 403, 'sla-monitor': 403, applicant: 403, admin: 202 },
    },
    ...sampleEntries().flatMap(([type, sample]): Route[] => {
      const shared = () => samples.get(type)!;
      // api.md: caseworkers of an involved office, supervisors and SLA monitors of its province or national; the
      // case's own applicant only (none of the applicants here lodged it).
      const mayKnowSample = (c: Caller) => {
        const offices = shared().involved;
        const office = OFFICE_OF[c.where!];
        const inProvince = office === NATIONAL || offices.some((o) => o.slice(0, 2) === office.slice(0, 2));
        if (c.role === 'caseworker') return offices.includes(office);
        return (c.role === 'supervisor' || c.role === 'sla-monitor') && inProvince;
      };
      const known = (c: Caller) => (!c.role ? 401 : c.role === 'admin' ? 403 : mayKnowSample(c) ? 200 : 404);
      const masked = (c: Caller, view: any): string | null => {
        const name = (sample.body(1).applicant as { name: string }).name;
        if (c.role !== 'sla-monitor') return view.applicant.name === name ? null : `name ${view.applicant.name}`;
        if (view.applicant.name !== '') return `a name ${view.applicant.name}`;
        return 'idNumber' in view.applicant || 'passportNo' in view.applicant ? 'an identifier' : null;
      };
      return [
        {
          name: `POST /cases (${type})`,
          call: async (c) =>
            raw(sys, 'POST', '/cases', {
              token: c.token,
              body: JSON.stringify(await lodgeableSample(sys, caseSamples[type], 100 + CALLER_KEYS.indexOf(c.key))),
            }),
          // Who may lodge at 440106 is checked before a child's parent is read: another office's caseworker gets the
          // same 403 for every type, and learns nothing of the parent.
          expect: {
            anon: 401,
            'bad-token': 401,
            caseworker: 403,
            'cw/own': 201,
            supervisor: 403,
            'sla-monitor': 403,
            applicant: 403,
            admin: 403,
          },
          check: (_c, r) => (r.body.type === type ? null : `type ${r.body.type}`),
        },
        {
          name: `GET /cases/{id} (${type})`,
          call: (c) => raw(sys, 'GET', `/cases/${shared().caseId}`, { token: c.token }),
          expect: known,
          check: (c, r) => (r.body.caseId !== shared().caseId ? 'other case' : masked(c, r.body)),
        },
        {
          name: `GET /cases?type=${type}`,
          call: get(`/cases?type=${type}&limit=200`),
          expect: { anon: 401, 'bad-token': 401, caseworker: 200, supervisor: 200, 'sla-monitor': 200, applicant: 200, admin: 403 },
          check: (c, r) => {
            if (r.body.items.some((i: any) => i.type !== type)) return 'lists another type';
            const item = r.body.items.find((i: any) => i.caseId === shared().caseId);
            if (Boolean(item) !== mayKnowSample(c)) return item ? 'lists a case it may not know' : 'misses the case';
            return item ? masked(c, item) : null;
          },
        },
      ];
    }),
    ...['/health', '/health/live', '/metrics', '/docs', '/docs-json', '/console', '/console/config'].map((path): Route => ({
      name: `GET ${path}`,
      call: get(path),
      expect: { anon: 200, 'bad-token': 200, caseworker: 200, supervisor: 200, 'sla-monitor': 200, applicant: 200, admin: 200 },
    })),
  ];

  const expected = (route: Route, c: Caller): number => {
    if (typeof route.expect === 'function') return route.expect(c);
    const byKey = route.expect[c.key];
    if (byKey !== undefined) return byKey;
    if (!c.role) return c.key === 'anon' ? route.expect.anon! : route.expect['bad-token']!;
    return route.expect[c.role]!;
  };

  it('answers every cell with the status api.md and the domain call for, as problem+json when refused', async () => {
    const grid = new Map<string, Map<string, string>>();
    const failures: string[] = [];
    for (const route of routes) {
      const row = new Map<string, string>();
      grid.set(route.name, row);
      // Cells of a row run concurrently; a mutating cell expected to succeed gets a case of its own.
      await Promise.all(
        callers.map(async (c) => {
          const want = expected(route, c);
          const ctx = {
            caseId:
              route.freshCaseOnSuccess && want < 300 ? await openSettled(sys, callers.find((x) => x.key === 'app/own')!.token!, hukouBody('online')) : caseId,
          };
          const r = await route.call(c, ctx);
          const defects = [...problemDefects(r)];
          if (r.status === want && r.status < 300 && route.check) {
            const wrong = route.check(c, r, ctx);
            if (wrong) defects.push(wrong);
          }
          const ok = r.status === want && defects.length === 0;
          row.set(c.key, ok ? String(r.status) : r.status === want ? `${r.status}!` : `${r.status}≠${want}`);
          if (!ok) failures.push(`${route.name} as ${c.key}: got ${r.status}, want ${want}${defects.length ? ` (${defects.join('; ')})` : ''}`);
        }),
      );
    }
    if (failures.length > 0)
      throw new Error(`${failures.length} cell(s) wrong (got≠want, ! = right status but wrong answer)\n${printMatrix(grid)}\n${failures.join('\n')}`);

    // allowedActions is what this caller may do now: exactly the probed actions that succeeded for them.
    const probed = ['accept', 'withdraw', 'assign'];
    for (const c of callers.filter((x) => grid.get('GET /cases/{id}')!.get(x.key) === '200')) {
      const allowed = (await sys.request('GET', `/cases/${caseId}`, { token: c.token })).body.allowedActions as string[];
      const succeeded = probed.filter((a) => grid.get(`POST …/actions/${a}`)!.get(c.key) === '200');
      expect({ caller: c.key, allowed: allowed.filter((a) => probed.includes(a)).sort() }).toEqual({ caller: c.key, allowed: succeeded.sort() });
    }
  }, 120_000);

  it('left the shared case exactly as it was: every refused action changed nothing', async () => {
    const view = await sys.request('GET', `/cases/${caseId}`, { token: caseworkerOwn });
    expect(view.body).toMatchObject({ status: 'submitted', version: versionBefore, assignee: null });
    const supervisor = await sys.token('supervisor', OWN);
    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor });
    expect(history.body.events).toHaveLength(versionBefore);
  });

  function printMatrix(grid: Map<string, Map<string, string>>): string {
    const nameWidth = Math.max(...[...grid.keys()].map((n) => n.length));
    const widths = CALLER_KEYS.map((k) => Math.max(k.length, ...[...grid.values()].map((row) => (row.get(k) ?? '').length)));
    const line = (first: string, cells: string[]) => [first.padEnd(nameWidth), ...cells.map((c, i) => c.padStart(widths[i]))].join(' ');
    return [
      line('', CALLER_KEYS),
      ...[...grid].map(([name, row]) =>
        line(
          name,
          CALLER_KEYS.map((k) => row.get(k) ?? '-'),
        ),
      ),
    ].join('\n');
  }
});
