import { Client } from 'pg';
import { caseKindOf } from '../../domain';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, NATIONAL, openSettled, OTHER_OFFICE, OTHER_PROVINCE, OWN, portVisaBody, problemDefects, raw } from './support/fixtures';

/**
 * The behaviour of the remaining routes of api.md on the server profile (PostgreSQL): list filters and
 * paging, replayed states, integrity (and tampering), queues, the SLA board, statistics, rebuilds,
 * metrics, health, Idempotency-Key on every POST, and correlation ids.
 */
describe('routes of api.md (server profile)', () => {
  let sys: TestSystem;
  let caseworker: string;
  let otherCaseworker: string;
  let supervisor: string;
  let national: string;
  let monitor: string;
  let admin: string;
  const ids: Record<string, string> = {};

  const act = async (caseId: string, action: string, body: unknown = {}, token = caseworker, headers: Record<string, string> = {}) => {
    const r = await sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body, headers });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const history = async (caseId: string) => (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as any[];
  const view = async (caseId: string, token = supervisor) => (await sys.request('GET', `/cases/${caseId}`, { token })).body;

  beforeAll(async () => {
    sys = await startTestSystem('postgres');
    caseworker = await sys.token('caseworker', OWN, 'officer-li');
    otherCaseworker = await sys.token('caseworker', OTHER_OFFICE, 'officer-zhao');
    supervisor = await sys.token('supervisor', OWN);
    national = await sys.token('supervisor', NATIONAL);
    monitor = await sys.token('sla-monitor', OWN);
    admin = await sys.token('admin', OWN);
    // A small population: port visas (accepted at lodging) and hukou migrations at 440106 in several states, one hukou
    // migration at 440104 (no port visa office).
    [ids.pv1, ids.pv2, ids.pv3, ids.hk1, ids.hk2] = await Promise.all([
      openSettled(sys, caseworker, portVisaBody()),
      openSettled(sys, caseworker, portVisaBody()),
      openSettled(sys, caseworker, portVisaBody()),
      openSettled(sys, caseworker, hukouBody('window')),
      openSettled(sys, caseworker, hukouBody('window')),
    ]);
    const otherHukou = hukouBody('window');
    ids.other = await openSettled(sys, otherCaseworker, {
      ...otherHukou,
      receivingOffice: OTHER_OFFICE,
      details: { ...otherHukou.details, toOffice: OTHER_OFFICE },
    });
    await act(ids.hk1, 'request-materials', { items: ['marriage certificate'] });
    await act(ids.pv3, 'withdraw', { reason: 'travel cancelled' });
    // The list must reflect every case and the last actions (read models lag the log a little).
    await eventually(async () => {
      const items = (await sys.request('GET', '/cases?limit=200', { token: national })).body.items as any[];
      const status = (id: string) => items.find((c) => c.caseId === id)?.status;
      return (
        Object.values(ids).every((id) => status(id)) &&
        status(ids.pv1) === 'accepted' &&
        status(ids.hk1) === 'awaiting-materials' &&
        status(ids.pv3) === 'withdrawn'
      );
    });
  }, 120_000);
  afterAll(() => sys?.stop());

  describe('GET /cases', () => {
    const list = async (query: string, token = caseworker) => {
      const r = await sys.request('GET', `/cases?${query}`, { token });
      expect({ query, status: r.status }).toEqual({ query, status: 200 });
      return r.body as { items: any[]; nextCursor: string | null };
    };

    it('filters by type, status, office and SLA state, within the caller scope', async () => {
      const hukou = await list('type=hukou-migration&limit=200');
      expect(hukou.items.length).toBeGreaterThanOrEqual(2);
      expect(hukou.items.every((c) => c.type === 'hukou-migration')).toBe(true);
      expect(hukou.items.map((c) => c.caseId)).toEqual(expect.arrayContaining([ids.hk1, ids.hk2]));

      const accepted = await list('status=accepted&limit=200');
      expect(accepted.items.map((c) => c.caseId)).toContain(ids.pv1);
      expect(accepted.items.every((c) => c.status === 'accepted')).toBe(true);

      const both = await list('type=hukou-migration&status=awaiting-materials');
      expect(both.items.map((c) => c.caseId)).toEqual([ids.hk1]);

      // A caseworker lists their own office only; a supervisor may pick any office of the province.
      const mine = await list('limit=200');
      expect(mine.items.map((c) => c.caseId)).not.toContain(ids.other);
      const otherOffice = await list(`office=${OTHER_OFFICE}&limit=200`, supervisor);
      expect(otherOffice.items.map((c) => c.caseId)).toEqual([ids.other]);

      const onTrack = await list('sla=on-track&limit=200');
      expect(onTrack.items.length).toBeGreaterThan(0);
      for (const c of onTrack.items) expect(c.sla.map((s: any) => s.state)).toContain('on-track');
      const withdrawn = await list('sla=none&limit=200');
      expect(withdrawn.items.map((c) => c.caseId)).toContain(ids.pv3);
    });

    it('filters by cross-province routing, derived from the offices', async () => {
      // A move-in from Shanghai: its offices lie in two provinces. The population above lies in Guangdong only.
      const body = hukouBody('window');
      const across = await openSettled(sys, caseworker, { ...body, details: { ...body.details, fromOffice: OTHER_PROVINCE } });
      await eventually(async () => (await list('limit=200')).items.some((c) => c.caseId === across));
      const crossing = await list('crossProvince=true&limit=200');
      const within = await list('crossProvince=false&limit=200');
      expect(crossing.items.map((c) => c.caseId)).toEqual([across]);
      expect(within.items.map((c) => c.caseId)).toEqual(expect.arrayContaining([ids.pv1, ids.pv2, ids.pv3, ids.hk1, ids.hk2]));
      expect(within.items.every((c) => c.crossProvince === false)).toBe(true);
      // Together they are the whole list; with other filters they narrow it further.
      expect(crossing.items.length + within.items.length).toBe((await list('limit=200')).items.length);
      expect((await list('type=port-visa&crossProvince=true')).items).toEqual([]);
      expect((await list('type=hukou-migration&status=awaiting-materials&crossProvince=false')).items.map((c) => c.caseId)).toEqual([ids.hk1]);
      expect((await list('type=hukou-migration&status=awaiting-materials&crossProvince=true')).items).toEqual([]);
    });

    it('pages with an opaque cursor: newest first, every case exactly once, the last page without a cursor', async () => {
      const all = (await list('type=port-visa&limit=200')).items.map((c) => c.caseId);
      expect(all.length).toBeGreaterThanOrEqual(3);
      const opened = (await list('type=port-visa&limit=200')).items.map((c) => Date.parse(c.openedAt));
      expect(opened).toEqual([...opened].sort((a, b) => b - a));
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: any[]; nextCursor: string | null } = await list(`type=port-visa&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(1);
        walked.push(...page.items.map((c) => c.caseId));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(cursor).toBeNull();
      expect(walked).toEqual(all);
    });

    it('rejects bad parameters with 400 problem+json', async () => {
      const cursorOf = (text: string) => `cursor=${Buffer.from(text).toString('base64url')}`;
      const badCursors = [
        'not-a-cursor',
        '1|x',
        'March 7|00000000-0000-4000-8000-000000000000',
        '-030507-02-16T19:16:27.036Z|00000000-0000-4000-8000-000000000000',
      ];
      for (const query of [
        'limit=0',
        'limit=201',
        'limit=ten',
        'type=passport',
        'status=lost',
        'office=4401',
        'sla=red',
        'crossProvince=yes',
        'crossProvince=',
        'colour=red',
        ...badCursors.map(cursorOf),
      ]) {
        const r = await raw(sys, 'GET', `/cases?${query}`, { token: caseworker });
        expect({ query, status: r.status, defects: problemDefects(r) }).toEqual({ query, status: 400, defects: [] });
      }
    });
  });

  describe('GET /cases/{caseId}/state', () => {
    it('replays the case as it was right after each version, agreeing with history and ending at the current view', async () => {
      const caseId = await openSettled(sys, caseworker, portVisaBody());
      await act(caseId, 'request-materials', { items: ['hotel booking'] });
      await act(caseId, 'supplement', { items: ['hotel booking'] });
      const events = await history(caseId);
      expect(events.length).toBeGreaterThanOrEqual(5);
      // Accepted at lodging: back to the decision after the supplement (docs/domain.md §4).
      const statusAfter: Record<string, string> = {
        CaseOpened: 'submitted',
        CaseAccepted: 'accepted',
        MaterialsRequested: 'awaiting-materials',
        MaterialsSupplemented: 'accepted',
      };
      let status = '';
      for (const [i, e] of events.entries()) {
        status = statusAfter[e.type] ?? status;
        const r = await sys.request('GET', `/cases/${caseId}/state?version=${e.version}`, { token: supervisor });
        expect(r.status).toBe(200);
        expect({ version: r.body.version, status: r.body.status, records: r.body.records.length }).toEqual({
          version: e.version,
          status,
          records: events.slice(0, i + 1).filter((x) => x.type === 'RecordsVerified').length,
        });
      }
      const last = await sys.request('GET', `/cases/${caseId}/state?version=${events.length}`, { token: supervisor });
      expect(last.body).toEqual(await view(caseId));
    });

    it('replays the case as it was at an instant', async () => {
      const caseId = await openSettled(sys, caseworker, portVisaBody());
      await act(caseId, 'assign', { assignee: 'officer-li' });
      const events = await history(caseId);
      for (const e of events) {
        const at = e.metadata.at as string;
        const expected = Math.max(...events.filter((x) => Date.parse(x.metadata.at) <= Date.parse(at)).map((x) => x.version));
        const r = await sys.request('GET', `/cases/${caseId}/state?at=${encodeURIComponent(at)}`, { token: supervisor });
        expect({ at, status: r.status, version: r.body.version }).toEqual({ at, status: 200, version: expected });
      }
      const before = new Date(Date.parse(events[0].metadata.at) - 60_000).toISOString();
      expect((await sys.request('GET', `/cases/${caseId}/state?at=${before}`, { token: supervisor })).status).toBe(404);
      const later = await sys.request('GET', `/cases/${caseId}/state?at=${encodeURIComponent('2100-01-01T00:00:00Z')}`, { token: supervisor });
      expect(later.body.version).toBe(events.length);
      // Caseworkers of an involved office may replay too.
      expect((await sys.request('GET', `/cases/${caseId}/state?version=1`, { token: caseworker })).status).toBe(200);
    });

    it('answers 400 for a missing, doubled or malformed parameter and 404 for a version not reached yet', async () => {
      const caseId = ids.pv2;
      const current = (await view(caseId)).version;
      const cases: [string, number][] = [
        ['', 400],
        ['version=1&at=2024-01-01T00:00:00Z', 400],
        ['version=0', 400],
        ['version=-1', 400],
        ['version=1.5', 400],
        ['version=x', 400],
        ['at=yesterday', 400],
        ['at=%2B275760-09-13T00%3A00%3A00.000Z', 400],
        ['at=0000-01-01T00%3A00%3A00Z', 400],
        ['version=2147483648', 400],
        ['version=1e21', 400],
        ['colour=red&version=1', 400],
        [`version=${current + 1}`, 404],
        ['version=2147483647', 404],
        [`version=${current}`, 200],
      ];
      for (const [query, status] of cases) {
        const r = await raw(sys, 'GET', `/cases/${caseId}/state?${query}`, { token: supervisor });
        expect({ query, status: r.status, defects: problemDefects(r) }).toEqual({ query, status, defects: [] });
      }
    });
  });

  describe('GET /cases/{caseId}/integrity', () => {
    it('is ok for an untouched case, and reports the first broken version after a row of es_events is tampered with', async () => {
      const caseId = await openSettled(sys, caseworker, portVisaBody());
      const events = await history(caseId);
      const intact = await sys.request('GET', `/cases/${caseId}/integrity`, { token: supervisor });
      expect(intact.status).toBe(200);
      expect(intact.body).toEqual(expect.objectContaining({ ok: true, checkedEvents: events.length }));
      expect(intact.body.firstBrokenVersion).toBeUndefined();

      const store = sys.config.eventStore;
      if (store.kind !== 'postgres') throw new Error('this test needs the postgres profile');
      const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      try {
        // Forge the acceptance receipt (version 2, lodged with the opening), bypassing any append-only trigger.
        const tampered = events.find((e) => e.type === 'CaseAccepted')!.version;
        await db.query('SET session_replication_role = replica');
        const updated = await db.query(
          `UPDATE "${store.schema}".es_events SET data = jsonb_set(data, '{receiptNumber}', '"SL-FORGED"') WHERE stream_id = $1 AND version = $2`,
          [`case-${caseId}`, tampered],
        );
        expect(updated.rowCount).toBe(1);
        const broken = await sys.request('GET', `/cases/${caseId}/integrity`, { token: supervisor });
        expect(broken.status).toBe(200);
        expect(broken.body).toMatchObject({ ok: false, checkedEvents: tampered - 1, firstBrokenVersion: tampered });
      } finally {
        await db.end();
      }
      // Only supervisors check integrity.
      expect((await sys.request('GET', `/cases/${caseId}/integrity`, { token: caseworker })).status).toBe(403);
    });
  });

  describe('GET /queues/{office}', () => {
    it('lists the cases waiting for the office, most urgent first, and nothing it does not have to act on', async () => {
      // A hukou case opened before a port visa: the port visa's 4-hour decision deadline (from lodging) is nearer.
      const hukou = await openSettled(sys, caseworker, hukouBody('window'));
      const visa = await openSettled(sys, caseworker, portVisaBody());
      const queue = await eventually(async () => {
        const r = await sys.request('GET', `/queues/${OWN}`, { token: caseworker });
        const items = r.body.items as any[];
        const at = (id: string) => items.findIndex((c) => c.caseId === id);
        return at(hukou) >= 0 && at(visa) >= 0 && items.find((c) => c.caseId === visa).status === 'accepted' ? items : null;
      });
      expect(queue.findIndex((c) => c.caseId === visa)).toBeLessThan(queue.findIndex((c) => c.caseId === hukou));
      const nearest = (c: any) => Math.min(...c.sla.filter((s: any) => s.state !== 'stopped' && s.state !== 'paused').map((s: any) => Date.parse(s.deadline)));
      const deadlines = queue.map(nearest);
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
      // Waiting on the applicant (materials requested), closed, or at another office: not in this queue.
      const queued = queue.map((c) => c.caseId);
      for (const id of [ids.hk1, ids.pv3, ids.other]) expect(queued).not.toContain(id);
      expect(queue.every((c) => c.allowedActions.length > 0)).toBe(true);
      const otherQueue = await sys.request('GET', `/queues/${OTHER_OFFICE}`, { token: supervisor });
      expect(otherQueue.body.items.map((c: any) => c.caseId)).toContain(ids.other);
      expect((await raw(sys, 'GET', '/queues/44010x', { token: supervisor })).status).toBe(400);
      // Cross-province routing narrows the queue: a move-in from Shanghai, the port visa and local move-in within one province.
      const body = hukouBody('window');
      const fromShanghai = await openSettled(sys, caseworker, { ...body, details: { ...body.details, fromOffice: OTHER_PROVINCE } });
      const queueOf = async (query: string) =>
        ((await sys.request('GET', `/queues/${OWN}?${query}`, { token: caseworker })).body.items as any[]).map((c) => c.caseId as string);
      const across = await eventually(async () => ((await queueOf('crossProvince=true')).includes(fromShanghai) ? queueOf('crossProvince=true') : null));
      const within = await queueOf('crossProvince=false');
      expect(across).not.toContain(visa);
      expect(across).not.toContain(hukou);
      expect(within).toEqual(expect.arrayContaining([visa, hukou]));
      expect(within).not.toContain(fromShanghai);
      const bad = await raw(sys, 'GET', `/queues/${OWN}?crossProvince=maybe`, { token: caseworker });
      expect({ status: bad.status, defects: problemDefects(bad) }).toEqual({ status: 400, defects: [] });
    });
  });

  describe('GET /sla/board', () => {
    it('shows each running clock with its state, totals that add up, and masked applicants', async () => {
      const board = (await sys.request('GET', '/sla/board', { token: monitor })).body;
      expect(board.items.length).toBeGreaterThan(0);
      const counted: Record<string, number> = { 'on-track': 0, 'at-risk': 0, breached: 0, paused: 0 };
      for (const item of board.items) {
        expect(item).toEqual(
          expect.objectContaining({ caseId: expect.any(String), clock: expect.any(String), deadline: expect.any(String), escalation: expect.any(Number) }),
        );
        expect(['on-track', 'at-risk', 'breached', 'paused']).toContain(item.state);
        expect(typeof item.remainingWorkingDays).toBe('number');
        expect(item.applicant).toBe(''); // an SLA monitor sees no name, not even a masked one
        counted[item.state] += 1;
      }
      expect(board.totals).toEqual(counted);
      // A supervisor's board names the applicant masked.
      const names = (await sys.request('GET', '/sla/board', { token: await sys.token('supervisor', OWN) })).body.items.map((i: any) => i.applicant);
      expect(names).toContain('张*');
      expect(names).not.toContain('张三');
      // Nearest deadline first.
      const deadlines = board.items.map((i: any) => Date.parse(i.deadline));
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
      // Closed cases are off the board; filters narrow it.
      expect(board.items.map((i: any) => i.caseId)).not.toContain(ids.pv3);
      const hukouOnly = (await sys.request('GET', '/sla/board?type=hukou-migration', { token: monitor })).body;
      expect(hukouOnly.items.length).toBeGreaterThan(0);
      expect(hukouOnly.items.every((i: any) => i.type === 'hukou-migration')).toBe(true);
      const otherOffice = (await sys.request('GET', `/sla/board?office=${OTHER_OFFICE}`, { token: supervisor })).body;
      expect(otherOffice.items.map((i: any) => i.caseId)).toEqual([ids.other]);
      expect(Object.values(otherOffice.totals).reduce((a: number, b) => a + (b as number), 0)).toBe(1);
    });
  });

  describe('GET /stats', () => {
    it('counts by type, channel, status and cross-province, agreeing with the list', async () => {
      await eventually(async () => {
        const stats = (await sys.request('GET', '/stats', { token: national })).body;
        const items = (await sys.request('GET', '/cases?limit=200', { token: national })).body.items as any[];
        const tally = (key: (c: any) => string) => items.reduce<Record<string, number>>((acc, c) => ({ ...acc, [key(c)]: (acc[key(c)] ?? 0) + 1 }), {});
        const expected = {
          total: items.length,
          byType: tally((c) => c.type),
          byChannel: tally((c) => c.channel),
          byStatus: tally((c) => c.status),
          byCrossProvince: tally((c) => String(c.crossProvince)),
          byKind: tally((c) => caseKindOf(c.type)),
        };
        return JSON.stringify(sorted(stats)) === JSON.stringify(sorted(expected));
      });
      const mine = (await sys.request('GET', '/stats', { token: monitor })).body;
      expect(mine.byType['port-visa']).toBeGreaterThanOrEqual(3);
      expect(mine.byChannel.window).toBe(mine.total);
    });
  });

  describe('POST /admin/projections/{name}/rebuild', () => {
    it('answers 202, keeps serving the same read model during and after the rebuild, and stays live', async () => {
      // Cases opened by earlier tests may still be moving (a register check retried as a regular activity appends
      // its RecordsVerified seconds later), so "the same read model" means: no case disappears or goes back to an
      // earlier version while the rebuild runs, and afterwards the list agrees with each case's own view.
      const snapshot = async () => {
        const items = (await sys.request('GET', '/cases?limit=200', { token: national })).body.items as any[];
        return new Map(items.map((c) => [c.caseId as string, { version: c.version as number, status: c.status as string }]));
      };
      const before = await snapshot();
      const notBehind = (now: Map<string, { version: number }>) =>
        [...before].filter(([id, was]) => (now.get(id)?.version ?? -1) < was.version).map(([id]) => id);
      for (const name of ['cases', 'stats']) {
        const r = await sys.request('POST', `/admin/projections/${name}/rebuild`, { token: admin });
        expect(r.status).toBe(202);
        expect(r.body).toMatchObject({ projection: name });
      }
      for (let i = 0; i < 5; i++) {
        const now = await snapshot();
        expect({ size: now.size, behind: notBehind(now) }).toEqual({ size: before.size, behind: [] });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The rebuild finishes: the projection takes another one (a rebuild still running would be a 409).
      await eventually(async () => (await sys.request('POST', '/admin/projections/cases/rebuild', { token: admin })).status === 202);
      const views = async () =>
        new Map(
          await Promise.all(
            [...before.keys()].map(async (id) => {
              const view = (await sys.request('GET', `/cases/${id}`, { token: national })).body;
              return [id, { version: view.version as number, status: view.status as string }] as const;
            }),
          ),
        );
      await eventually(async () => {
        const [listed, own] = [await snapshot(), await views()];
        return [...own].every(([id, v]) => listed.get(id)?.version === v.version && listed.get(id)?.status === v.status);
      });
      // The statistics rebuilt agree with the list, as GET /stats does before any rebuild.
      await eventually(async () => {
        const stats = (await sys.request('GET', '/stats', { token: national })).body;
        const items = (await sys.request('GET', '/cases?limit=200', { token: national })).body.items as any[];
        const byStatus = items.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }), {});
        return stats.total === items.length && JSON.stringify(sorted(stats.byStatus)) === JSON.stringify(sorted(byStatus));
      });
      // And it is live afterwards: a new case shows up.
      const fresh = await openSettled(sys, caseworker, portVisaBody());
      await eventually(async () => (await snapshot()).has(fresh));
      const unknown = await raw(sys, 'POST', '/admin/projections/passports/rebuild', { token: admin });
      expect({ status: unknown.status, defects: problemDefects(unknown) }).toEqual({ status: 404, defects: [] });
    });
  });

  describe('GET /metrics and GET /health', () => {
    it('exposes request latency and projection lag in Prometheus text', async () => {
      const r = await raw(sys, 'GET', '/metrics');
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^text\/plain/);
      const text = String(r.body);
      expect(text).toMatch(/^# TYPE casework_http_request_duration_seconds histogram$/m);
      expect(text).toMatch(/^casework_http_request_duration_seconds_bucket\{.*route="\/cases\/:caseId".*\} \d+/m);
      expect(text).toMatch(/^# TYPE casework_projection_lag_events gauge$/m);
      for (const name of ['cases', 'queues', 'sla', 'stats'])
        expect(text).toMatch(new RegExp(`^casework_projection_lag_events\\{projection="${name}"\\} \\d+`, 'm'));
    });

    it('answers 200 with every component up', async () => {
      const r = await sys.request('GET', '/health');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'up', components: { temporal: 'up', eventStore: 'up', projections: 'up' } });
    });
  });

  describe('Idempotency-Key', () => {
    it('POST /cases: the same key and body return the same case and version and open nothing more; another body is 422', async () => {
      const key = { 'idempotency-key': `open-${Date.now()}` };
      const first = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody(), headers: key });
      const again = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody(), headers: key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.caseId).toBe(first.body.caseId);
      expect(again.body.version).toBe(first.body.version);
      expect(again.headers.get('location')).toBe(`/cases/${first.body.caseId}`);
      const events = await history(first.body.caseId);
      expect(events.filter((e) => e.type === 'CaseOpened')).toHaveLength(1);
      const other = await raw(sys, 'POST', '/cases', { token: caseworker, body: JSON.stringify(hukouBody('window')), headers: key });
      expect({ status: other.status, defects: problemDefects(other) }).toEqual({ status: 422, defects: [] });
      // The same key means something else for another caller.
      const theirs = await sys.request('POST', '/cases', { token: await sys.token('caseworker', OWN, 'officer-sun'), body: portVisaBody(), headers: key });
      expect(theirs.status).toBe(201);
      expect(theirs.body.caseId).not.toBe(first.body.caseId);
    });

    it('POST …/actions: a retry returns the original result even after the case moved on; another body is 422', async () => {
      const caseId = await openSettled(sys, caseworker, portVisaBody());
      const key = { 'idempotency-key': `materials-${caseId}` };
      const first = await act(caseId, 'request-materials', { items: ['return ticket'] }, caseworker, key);
      const retry = await act(caseId, 'request-materials', { items: ['return ticket'] }, caseworker, key);
      expect(retry).toEqual(first);
      await act(caseId, 'supplement', { items: ['return ticket'] });
      const late = await act(caseId, 'request-materials', { items: ['return ticket'] }, caseworker, key);
      expect(late.version).toBe(first.version);
      expect((await history(caseId)).filter((e) => e.type === 'MaterialsRequested')).toHaveLength(1);
      const other = await raw(sys, 'POST', `/cases/${caseId}/actions/request-materials`, {
        token: caseworker,
        body: JSON.stringify({ items: ['visa photo'] }),
        headers: key,
      });
      expect({ status: other.status, defects: problemDefects(other) }).toEqual({ status: 422, defects: [] });
      const otherAction = await raw(sys, 'POST', `/cases/${caseId}/actions/assign`, { token: caseworker, body: '{"assignee":"officer-li"}', headers: key });
      expect(otherAction.status).toBe(422);
    });

    it('POST /admin/projections/{name}/rebuild: the same key returns the original answer; another projection under it is 422', async () => {
      const key = { 'idempotency-key': `rebuild-${Date.now()}` };
      const first = await sys.request('POST', '/admin/projections/queues/rebuild', { token: admin, headers: key });
      const again = await sys.request('POST', '/admin/projections/queues/rebuild', { token: admin, headers: key });
      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.body).toEqual(first.body);
      const other = await raw(sys, 'POST', '/admin/projections/sla/rebuild', { token: admin, headers: key });
      expect({ status: other.status, defects: problemDefects(other) }).toEqual({ status: 422, defects: [] });
      const withBody = await raw(sys, 'POST', '/admin/projections/queues/rebuild', { token: admin, body: '{"force":true}' });
      expect(withBody.status).toBe(400);
    });

    it('refuses a malformed key with 400 on every POST, changing nothing', async () => {
      const caseId = ids.pv2;
      const before = (await view(caseId)).version;
      const posts: [string, string, string, string][] = [
        ['/cases', caseworker, JSON.stringify(portVisaBody()), 'caseworker'],
        [`/cases/${caseId}/actions/assign`, caseworker, JSON.stringify({ assignee: 'officer-li' }), 'caseworker'],
        ['/admin/projections/stats/rebuild', admin, '{}', 'admin'],
      ];
      for (const bad of ['', 'k'.repeat(129), 'tab\tinside', 'ünïcode']) {
        for (const [path, token, body] of posts) {
          const headerValue = Buffer.from(bad, 'utf8').toString('latin1'); // what a client would put on the wire
          const r = await raw(sys, 'POST', path, { token, body, headers: { 'idempotency-key': headerValue } });
          expect({ path, key: bad, status: r.status, defects: problemDefects(r) }).toEqual({ path, key: bad, status: 400, defects: [] });
        }
      }
      expect((await view(caseId)).version).toBe(before);
      const ok = await raw(sys, 'POST', `/cases/${caseId}/actions/assign`, {
        token: caseworker,
        body: '{"assignee":"officer-li"}',
        headers: { 'idempotency-key': 'k'.repeat(128) },
      });
      expect(ok.status).toBe(200);
    });
  });

  describe('errors on every POST', () => {
    it('answers malformed JSON, unknown fields and wrong types 400, other media types 415, bodies over 64 KiB 413: problem+json, nothing changed', async () => {
      const caseId = await openSettled(sys, caseworker, portVisaBody());
      const before = await history(caseId);
      const huge = (body: object) => JSON.stringify({ ...body, padding: 'x'.repeat(70 * 1024) });
      const routes: [string, string, object, object, object][] = [
        // path, token, a valid body, the same with an unknown field, the same with a wrong type
        ['/cases', caseworker, portVisaBody(), { ...portVisaBody(), colour: 'red' }, { ...portVisaBody(), materials: 'passport' }],
        [`/cases/${caseId}/actions/request-materials`, caseworker, { items: ['x'] }, { items: ['x'], colour: 'red' }, { items: 'x' }],
        ['/admin/projections/stats/rebuild', admin, {}, { colour: 'red' }, []],
      ];
      for (const [path, token, valid, unknownField, wrongType] of routes) {
        const cases: [string, string, string | undefined, number][] = [
          ['malformed JSON', '{"items": [', 'application/json', 400],
          ['unknown field', JSON.stringify(unknownField), 'application/json', 400],
          ['wrong type', JSON.stringify(wrongType), 'application/json', 400],
          ['text/plain', JSON.stringify(valid), 'text/plain', 415],
          ['over 64 KiB', huge(valid), 'application/json', 413],
        ];
        for (const [what, body, contentType, status] of cases) {
          const r = await raw(sys, 'POST', path, { token, body, contentType });
          expect({ path, what, status: r.status, defects: problemDefects(r) }).toEqual({ path, what, status, defects: [] });
        }
      }
      expect(await history(caseId)).toEqual(before);
    });
  });

  describe('correlation id', () => {
    it('carries x-correlation-id from the request into the metadata of the events it caused, and echoes it', async () => {
      const opened = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody(), headers: { 'x-correlation-id': 'open-abc-1' } });
      expect(opened.headers.get('x-correlation-id')).toBe('open-abc-1');
      const caseId = opened.body.caseId;
      const assigned = await sys.request('POST', `/cases/${caseId}/actions/assign`, {
        token: caseworker,
        body: { assignee: 'officer-li' },
        headers: { 'x-correlation-id': 'abc-123' },
      });
      expect(assigned.status).toBe(200);
      expect(assigned.headers.get('x-correlation-id')).toBe('abc-123');
      const events = await history(caseId);
      expect(events.find((e) => e.type === 'CaseOpened').metadata.correlationId).toBe('open-abc-1');
      const caused = events.filter((e) => e.metadata.correlationId === 'abc-123').map((e) => e.type);
      expect(caused).toContain('CaseAssigned');
      for (const e of events)
        expect(e.metadata).toEqual(
          expect.objectContaining({
            actor: expect.any(String),
            role: expect.any(String),
            office: expect.any(String),
            at: expect.any(String),
            commandId: expect.any(String),
            correlationId: expect.any(String),
          }),
        );
      // A request without one (or with an unusable one) gets a fresh id.
      const plain = await sys.request('GET', `/cases/${caseId}`, { token: caseworker, headers: { 'x-correlation-id': 'no spaces allowed' } });
      expect(plain.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}
