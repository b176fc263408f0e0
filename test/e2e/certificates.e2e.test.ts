import { inputs } from '../workflows/scenarios';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

/** Household-registration certificates over HTTP (docs/domain.md §7.5): asked for in one province, issued in another. */
describe('certificates end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
  });
  afterAll(() => sys?.stop());

  const SHANGHAI = '310101';
  const STATION = '440106'; // the applicant's hukou place (the local register reads it from the ID number)
  const open = (token: string, body: unknown) => sys.request('POST', '/cases', { token, body });
  const act = async (caseId: string, token: string, action: string, body: unknown = {}, expected = 200) => {
    const r = await sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body });
    expect({ action, status: r.status, detail: r.body.detail }).toMatchObject({ action, status: expected });
    return r.body;
  };
  const view = async (caseId: string, token: string) => (await sys.request('GET', `/cases/${caseId}`, { token })).body;
  const verify = (number: string, code: string) => sys.request('GET', `/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`);

  it('refuses bad input (a wrong check character, a date in the future) with a problem naming the field, and lodges nothing', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    // First in this file: no certificate case exists yet, so none may appear.
    const wrongCheck = await open(
      window,
      inputs.householdCertificate({ subKind: 'kinship', person: { name: '陳父', idNumber: '440106196204150021', relation: 'parent' } }),
    );
    expect(wrongCheck.status).toBe(422);
    expect(wrongCheck.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(wrongCheck.body.detail).toMatch(/details\.person\.idNumber has a wrong check character/);
    expect(wrongCheck.body.detail).not.toContain('440106196204150021');
    const future = await open(
      window,
      inputs.householdCertificate({ subKind: 'item-change', itemChange: { item: 'name', from: '陳晶', to: '陳靜', changedOn: '2099-01-01' } }),
    );
    expect(future.status).toBe(422);
    expect(future.body.detail).toMatch(/in the future/);
    expect((await sys.request('GET', '/cases?type=household-certificate', { token: window })).body.items).toEqual([]);
  });

  it('cross-province: lodged in Shanghai, issued by the Tianhe hukou station, verified by anyone, printed in Shanghai', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const station = await sys.token('caseworker', STATION);
    const opened = await open(window, inputs.householdCertificate());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    expect(opened.body).toMatchObject({ crossProvince: true, receivingOffice: SHANGHAI, handlingOffice: STATION });
    await act(caseId, window, 'accept');
    await eventually(async () => (await view(caseId, station)).records.length > 0);
    await act(caseId, window, 'approve', {}, 403); // the receiving window does not decide
    const approved = await act(caseId, station, 'approve');
    const certificate = approved.documents.find((d: { kind: string }) => d.kind === 'household-certificate');
    expect(certificate).toMatchObject({ subKind: 'hukou', eSeal: { office: STATION }, verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    await act(caseId, station, 'deliver-certificate', {}, 403); // printed where it was asked for
    const done = await act(caseId, window, 'deliver-certificate');
    expect(done.status).toBe('completed');

    const checked = await eventually(async () => {
      const r = await verify(certificate.number, certificate.verificationCode);
      return r.body.status === 'valid' ? r : null;
    });
    expect(checked.body).toMatchObject({ status: 'valid', kind: 'household-certificate', issuingOffice: STATION });
    expect(JSON.stringify(checked.body)).not.toContain('陳靜');
  });

  it('a marital-status certificate is refused acceptance at once, the notice naming the civil affairs registry', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const opened = await open(window, inputs.householdCertificate({ subKind: 'marital-status' }));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'not-accepted' });
    expect(opened.body.receipts[0]).toMatchObject({ kind: 'refusal', verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    const history = await sys.request('GET', `/cases/${opened.body.caseId}/history`, { token: await sys.token('supervisor', '000000') });
    const notice = history.body.events.find((e: { type: string }) => e.type === 'CertificateNotIssued');
    expect(notice.data).toMatchObject({ requested: 'marital-status', authority: expect.stringContaining('civil affairs') });
  });

  it('online: the applicant downloads the e-certificate when the station approves', async () => {
    const body = { ...inputs.householdCertificate(), channel: 'online' };
    const self = await sys.token('applicant', '000000', 'chen-jing', { idNumber: body.applicant.idNumber });
    const opened = await open(self, body);
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const station = await sys.token('caseworker', STATION);
    await act(caseId, await sys.token('caseworker', SHANGHAI), 'accept');
    await eventually(async () => (await view(caseId, station)).records.length > 0);
    const done = await act(caseId, station, 'approve');
    expect(done.status).toBe('completed');
    expect((await view(caseId, self)).documents.map((d: { kind: string }) => d.kind)).toEqual(['household-certificate']);
  });
});
