import { eventually, startTestSystem, type TestSystem } from '../support/system';

const HUANGPU = '310101';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const body = (over: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  type: 'foreigner-residence-permit',
  channel: 'window',
  receivingOffice: HUANGPU,
  applicant: { name: 'Marco Rossi', passportNo: 'YA7654321', nationality: 'ITA' },
  materials: ['application form', 'passport'],
  details: {
    residenceOffice: HUANGPU,
    kind: 'work',
    visa: { type: 'Z', entryDate: day(-3) },
    passportValidUntil: '2032-06-30',
    requestedDays: 365,
    employerCreditCode: '91440106MA59ABCD1M',
    ...over,
  },
  ...top,
});

/** A foreigner's residence document over HTTP: lodged at the window, accepted in person, issued, affixed, verifiable. */
describe('foreigner-residence-permit end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
  });
  afterAll(() => sys?.stop());

  it('refuses what the law does not allow as problem+json, changing nothing', async () => {
    const worker = await sys.token('caseworker', HUANGPU);
    const crossProvince = await sys.request('POST', '/cases', { token: worker, body: body({}, { channel: 'cross-province' }) });
    const late = await sys.request('POST', '/cases', { token: worker, body: body({ visa: { type: 'Z', entryDate: day(-45) } }) });
    const wrongVisa = await sys.request('POST', '/cases', { token: worker, body: body({ visa: { type: 'L', entryDate: day(-3) } }) });
    expect([crossProvince.status, late.status, wrongVisa.status]).toEqual([422, 422, 422]);
    expect(crossProvince.body.detail).toMatch(/in person at the window/);
    expect(late.body.detail).toMatch(/within 30 days of entry/);
    expect(wrongVisa.body.detail).toMatch(/with a Z visa, not L/);
    for (const r of [crossProvince, late, wrongVisa]) {
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(r.body)).not.toContain('YA7654321'); // no personal data in the answer
    }
  });

  it('lodged, accepted with the passport handed back, issued, affixed at collection; the permit verifies with its validity', async () => {
    const worker = await sys.token('caseworker', HUANGPU);
    const supervisor = await sys.token('supervisor', '000000');
    const opened = await sys.request('POST', '/cases', { token: worker, body: body() });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const act = (action: string, payload: unknown = {}) => sys.request('POST', `/cases/${caseId}/actions/${action}`, { token: worker, body: payload });

    expect((await act('capture-photo', { photo: 'new' })).status).toBe(200);
    const accepted = await act('accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.receipts[0]).toMatchObject({ verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records.length >= 3);

    const approved = await act('approve');
    expect({ status: approved.status, detail: approved.body.detail }).toEqual({ status: 200, detail: undefined });
    expect(approved.body).toMatchObject({ status: 'approved', step: 'collection' });
    const permit = approved.body.documents.find((d: { kind: string }) => d.kind === 'foreigner-residence-permit');
    expect(permit).toMatchObject({ permitKind: 'work', validFrom: expect.any(String), validUntil: expect.any(String) });

    const otherPassport = await act('affix-permit', { passportNo: 'YB0000001' });
    expect(otherPassport.status).toBe(409);
    expect(otherPassport.body.detail).toMatch(/art 33/);
    const done = await act('affix-permit', { passportNo: 'YA7654321' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');

    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events.map((e: { type: string }) => e.type);
    expect(history).toEqual(expect.arrayContaining(['PassportVerifiedAndReturned', 'BiometricsCaptured', 'PhotoCaptured', 'RecordsVerified']));
    expect(history.slice(-5)).toEqual(['CaseApproved', 'ForeignerResidencePermitIssued', 'PassportPresented', 'ResidencePermitAffixed', 'CaseCompleted']);

    const verified = await eventually(async () => {
      const r = await sys.request('GET', `/verify/${encodeURIComponent(permit.number)}?code=${permit.verificationCode}`);
      return r.body.status === 'valid' ? r : null;
    });
    expect(verified.body).toEqual({
      status: 'valid',
      kind: 'foreigner-residence-permit',
      issuingOffice: HUANGPU,
      issuedAt: expect.any(String),
      validUntil: permit.validUntil,
    });
  });

  it('three years asked: cut to the work permit the register holds; extended by a case linked to the one that issued it', async () => {
    const worker = await sys.token('caseworker', HUANGPU);
    const applicant = { name: 'Lucia Bianchi', passportNo: 'YC1122334', nationality: 'ITA' };
    const opened = await sys.request('POST', '/cases', { token: worker, body: body({ requestedDays: 1095 }, { applicant }) });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const act = (action: string, payload: unknown = {}) => sys.request('POST', `/cases/${caseId}/actions/${action}`, { token: worker, body: payload });
    await act('capture-photo', { photo: 'new' });
    await act('accept');
    const checked = await eventually(async () => {
      const v = (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body;
      return v.records.length >= 3 ? v : null;
    });
    const workPermit = checked.records.find((r: { registry: string }) => r.registry === 'work-permit');
    const approved = await act('approve');
    expect(approved.status).toBe(200);
    const permit = approved.body.documents.find((d: { kind: string }) => d.kind === 'foreigner-residence-permit');
    expect(permit).toMatchObject({ validUntil: workPermit.facts.validUntil, cappedByWorkPermit: true, cappedByPassport: false });
    expect((await act('affix-permit', { passportNo: applicant.passportNo })).body.status).toBe('completed');

    const extension = (currentPermit: unknown) =>
      sys.request('POST', '/cases', {
        token: worker,
        body: body({ application: 'extension', visa: undefined, currentPermit, requestedDays: 365 }, { applicant, parentCaseId: caseId }),
      });
    const wrong = await extension({ number: permit.number, validUntil: '2031-01-01' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toBe(
      `details.currentPermit must be the document the case named in parentCaseId issued: number ${permit.number}, valid until ${permit.validUntil}`,
    );
    const linked = await extension({ number: permit.number, validUntil: permit.validUntil });
    expect({ status: linked.status, detail: linked.body.detail }).toEqual({ status: 201, detail: undefined });
    expect(linked.body).toMatchObject({ parentCaseId: caseId, details: { application: 'extension' } });
    // The issuing case has completed and its run has ended: it is started again from its stream to record the link.
    const issuing = await eventually(async () => {
      const v = (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body;
      return v.childCases?.length ? v : null;
    });
    expect(issuing).toMatchObject({ status: 'completed', childCases: [{ caseId: linked.body.caseId, type: 'foreigner-residence-permit' }] });
    const supervisor = await sys.token('supervisor', HUANGPU);
    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events.map((e: { type: string }) => e.type);
    expect(history.slice(-2)).toEqual(['CaseCompleted', 'ChildCaseLinked']);
  });
});
