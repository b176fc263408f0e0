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
});
