import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, hukouBody, openSettled, OTHER_OFFICE, OTHER_PROVINCE, OWN, portVisaBody, problemDefects, raw } from './support/fixtures';

/**
 * Finding a case (issue 12): caseworkers and supervisors look a case up by a receipt or document number
 * it issued, or by the applicant's ID or passport number — exact match, within their scope, and every
 * find in the case's access log.
 */
describe('finding a case by an identifier', () => {
  let sys: TestSystem;
  let caseworker: string;
  let hukou: string;
  let visa: string;
  let receipt: string;
  let document: string;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    caseworker = await sys.token('caseworker', OWN, 'officer-zhou');
    hukou = await openSettled(sys, caseworker, hukouBody('window'));
    const refused = await sys.request('POST', `/cases/${hukou}/actions/refuse-acceptance`, { token: caseworker, body: { reason: 'materials incomplete' } });
    receipt = refused.body.receipts[0].number;
    visa = await openSettled(sys, caseworker, portVisaBody());
    const approved = await sys.request('POST', `/cases/${visa}/actions/approve`, { token: caseworker, body: {} });
    document = approved.body.documents[0].number;
    // The look-up reads the case list, which follows the events within moments.
    await eventually(async () => {
      const r = await sys.request('POST', '/cases/lookup', { token: caseworker, body: { document } });
      return r.body.items?.length === 1;
    });
  }, 120_000);
  afterAll(() => sys?.stop());

  const lookUp = async (token: string, body: unknown) => raw(sys, 'POST', '/cases/lookup', { token, body: JSON.stringify(body) });
  const ids = (r: { body: any }) => (r.body.items as any[]).map((c) => c.caseId);

  it('finds a case by receipt, document, ID or passport number, exactly, with POST or GET', async () => {
    expect(typeof receipt).toBe('string');
    expect(ids(await lookUp(caseworker, { receipt }))).toEqual([hukou]);
    expect(ids(await lookUp(caseworker, { document }))).toEqual([visa]);
    expect(ids(await lookUp(caseworker, { idNumber: APPLICANT_ID }))).toEqual([hukou]);
    expect(ids(await lookUp(caseworker, { passportNo: 'c01x00t47' }))).toEqual([visa]); // written in small letters
    expect(ids(await raw(sys, 'GET', `/cases?idNumber=${APPLICANT_ID}`, { token: caseworker }))).toEqual([hukou]);
    expect(ids(await raw(sys, 'GET', `/cases?receipt=${encodeURIComponent(receipt)}`, { token: caseworker }))).toEqual([hukou]);
    // Exact only: part of a number finds nothing.
    expect(ids(await lookUp(caseworker, { receipt: receipt.slice(0, -1) }))).toEqual([]);
    expect(ids(await lookUp(caseworker, { passportNo: 'C01X00' }))).toEqual([]);
    expect(ids(await lookUp(caseworker, { idNumber: '440105199001011235' }))).toEqual([]);
  });

  it('stays within the scope of the caller', async () => {
    for (const [role, office, found] of [
      ['caseworker', OTHER_OFFICE, []],
      ['supervisor', OTHER_PROVINCE, []],
      ['supervisor', OWN, [hukou]],
      ['supervisor', '000000', [hukou]],
    ] as const) {
      const r = await lookUp(await sys.token(role, office), { idNumber: APPLICANT_ID });
      expect({ role, office, status: r.status, found: ids(r) }).toEqual({ role, office, status: 200, found });
    }
  });

  it('is for caseworkers and supervisors, and takes exactly one well-formed identifier', async () => {
    for (const role of ['sla-monitor', 'applicant', 'admin'] as const) {
      const token = await sys.token(role, OWN);
      for (const r of [await lookUp(token, { idNumber: APPLICANT_ID }), await raw(sys, 'GET', `/cases?idNumber=${APPLICANT_ID}`, { token })]) {
        expect({ role, status: r.status }).toEqual({ role, status: 403 });
        expect(problemDefects(r)).toEqual([]);
      }
    }
    for (const body of [{}, { idNumber: APPLICANT_ID, passportNo: 'C01X00T47' }, { idNumber: '4401051990' }, { passportNo: 'C0-1' }, { name: '张三' }]) {
      const r = await lookUp(caseworker, body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect(problemDefects(r)).toEqual([]);
    }
  });

  it('puts every find in the access log of the case found', async () => {
    const supervisor = await sys.token('supervisor', OWN, 'supervisor-wang');
    const since = new Date().toISOString();
    await lookUp(supervisor, { passportNo: 'C01X00T47' });
    const entries = await eventually(async () => {
      const r = await sys.request('GET', `/cases/${visa}/access-log`, { token: supervisor });
      const found = (r.body.entries as any[]).filter((e) => e.kind === 'lookup' && e.at >= since);
      return found.length > 0 ? found : null;
    });
    expect(entries).toEqual([expect.objectContaining({ actor: 'supervisor-wang', role: 'supervisor', office: OWN, route: 'POST /cases/lookup', status: 200 })]);
    // The earlier finds by the caseworker are there too, with the GET route for the query form.
    const all = (await sys.request('GET', `/cases/${hukou}/access-log`, { token: supervisor })).body.entries as any[];
    expect(all.filter((e) => e.kind === 'lookup' && e.actor === 'officer-zhou').map((e) => e.route)).toEqual(
      expect.arrayContaining(['POST /cases/lookup', 'GET /cases']),
    );
  });

  it('logs a look-up that found nothing, keeping only a keyed hash of the identifier; supervisors read it across their province', async () => {
    const stranger = '110101199003071234';
    const officer = await sys.token('caseworker', OWN, 'officer-probe');
    expect(ids(await lookUp(officer, { idNumber: stranger }))).toEqual([]);
    expect(ids(await lookUp(officer, { idNumber: stranger }))).toEqual([]);
    expect(ids(await raw(sys, 'GET', `/cases?passportNo=E99999999`, { token: officer }))).toEqual([]);
    // A look-up by a caseworker of another province, for the same person.
    expect(ids(await lookUp(await sys.token('caseworker', OTHER_PROVINCE, 'officer-shanghai'), { idNumber: stranger }))).toEqual([]);

    const supervisor = await sys.token('supervisor', OWN, 'supervisor-wang');
    const page = await raw(sys, 'GET', '/access-log?notFound=true&actor=officer-probe', { token: supervisor });
    expect(page.status).toBe(200);
    const misses = page.body.items as any[];
    expect(misses.map((e) => [e.caseId, e.kind, e.role, e.office, e.route, e.status, e.key.kind])).toEqual([
      [null, 'lookup', 'caseworker', OWN, 'GET /cases', 200, 'passportNo'],
      [null, 'lookup', 'caseworker', OWN, 'POST /cases/lookup', 200, 'idNumber'],
      [null, 'lookup', 'caseworker', OWN, 'POST /cases/lookup', 200, 'idNumber'],
    ]);
    for (const e of misses) {
      expect(Date.parse(e.at)).not.toBeNaN();
      expect(e.correlationId).toMatch(/\S/);
    }
    // The same identifier hashes alike (repeated probes for one person show), another one differently,
    // and the identifier is nowhere in the log, whole or in part.
    expect(misses[1].key.digest).toBe(misses[2].key.digest);
    expect(misses[0].key.digest).not.toBe(misses[1].key.digest);
    expect(misses[1].key.digest).toMatch(/^[A-Za-z0-9._-]+:[0-9a-f]{32}$/);
    const text = JSON.stringify(page.body);
    for (let i = 0; i + 6 <= stranger.length; i++) expect(text).not.toContain(stranger.slice(i, i + 6));
    expect(text).not.toContain('E99999999');

    // Scoped by who searched: Guangdong's supervisor does not see Shanghai's staff, the national office sees both.
    const everyone = async (token: string) =>
      ((await raw(sys, 'GET', '/access-log?notFound=true&limit=500', { token })).body.items as any[]).map((e) => e.actor);
    expect(await everyone(supervisor)).not.toContain('officer-shanghai');
    const shanghai = await everyone(await sys.token('supervisor', OTHER_PROVINCE));
    expect(shanghai).toContain('officer-shanghai');
    expect(shanghai).not.toContain('officer-probe');
    expect(await everyone(await sys.token('supervisor', '000000'))).toEqual(expect.arrayContaining(['officer-shanghai', 'officer-probe']));

    // Found look-ups carry the keyed hash too, and the per-case log shows them.
    const found = ((await raw(sys, 'GET', '/access-log?kind=lookup&limit=500', { token: supervisor })).body.items as any[]).filter((e) => e.caseId === hukou);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e) => typeof e.key?.digest === 'string')).toBe(true);

    // Pages: newest first, a cursor to older entries.
    const first = await raw(sys, 'GET', '/access-log?limit=2', { token: supervisor });
    expect(first.body.items).toHaveLength(2);
    const next = await raw(sys, 'GET', `/access-log?limit=2&cursor=${first.body.nextCursor}`, { token: supervisor });
    expect(next.body.items[0].id).toBeLessThan(first.body.items[1].id);
  });

  it('GET /access-log is for supervisors, with well-formed filters', async () => {
    for (const role of ['caseworker', 'sla-monitor', 'applicant', 'admin'] as const) {
      const r = await raw(sys, 'GET', '/access-log', { token: await sys.token(role, OWN) });
      expect({ role, status: r.status }).toEqual({ role, status: 403 });
      expect(problemDefects(r)).toEqual([]);
    }
    const supervisor = await sys.token('supervisor', OWN);
    for (const q of ['kind=search', 'limit=0', 'cursor=abc', 'notFound=yes', 'idNumber=110101199003071234']) {
      const r = await raw(sys, 'GET', `/access-log?${q}`, { token: supervisor });
      expect({ q, status: r.status }).toEqual({ q, status: 400 });
      expect(problemDefects(r)).toEqual([]);
    }
    expect((await raw(sys, 'GET', '/access-log')).status).toBe(401);
  });
});
