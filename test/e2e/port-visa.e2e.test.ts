import { expectStateAtEveryInstant } from '../support/state-sweep';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

const PORT_OFFICE = '440106';
const COMPANY = '91440106MA59ABCD1M'; // valid check character, active in the local register
const REVOKED = '91310101MA1FL0000A';

const openBody = (over: Record<string, unknown> = {}) => ({
  type: 'port-visa',
  channel: 'window',
  receivingOffice: PORT_OFFICE,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport', 'invitation letter'],
  details: {
    port: 'Guangzhou Baiyun Airport',
    purpose: 'business',
    invitingCompany: { creditCode: COMPANY, name: 'Canton Trading Co.' },
    intendedStayDays: 14,
    ...over,
  },
});

describe.each(['pglite', 'postgres'] as const)('port visa end to end on %s', (profile) => {
  let sys: TestSystem;
  let worker: string;
  beforeAll(async () => {
    sys = await startTestSystem(profile);
    worker = await sys.token('caseworker', PORT_OFFICE, 'officer-li');
  });
  afterAll(() => sys?.stop());

  const act = (caseId: string, action: string, body: unknown = {}, token = worker) =>
    sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body });

  // Every case this suite opens: each is replayed at every instant of its history at the end.
  const opened: string[] = [];
  const openCase = async (body: unknown) => {
    const r = await sys.request('POST', '/cases', { token: worker, body });
    if (r.status === 201) opened.push(r.body.caseId);
    return r;
  };

  const openVerified = async (over: Record<string, unknown> = {}) => {
    const opened = await openCase(openBody(over));
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records.length > 0);
    return caseId;
  };

  it('goes from lodging (accepted there) through materials and approval to VisaIssued, with an unbroken hash chain', async () => {
    const opened = await openCase(openBody());
    expect(opened.status).toBe(201);
    expect(opened.headers.get('location')).toBe(`/cases/${opened.body.caseId}`);
    // Accepted at lodging: the receipt comes with the opening, the 4 h clock runs from it (docs/domain.md §4).
    expect(opened.body).toMatchObject({ type: 'port-visa', status: 'accepted', version: 3, receivingOffice: PORT_OFFICE, handlingOffice: PORT_OFFICE });
    // The register check the opening made due is answered with it: the inviting company, confirmed (version 3).
    expect(opened.body.records).toEqual([expect.objectContaining({ registry: 'company', ok: true })]);
    expect(opened.body.receipts[0].number).toMatch(/^SL-440106-/);
    expect(opened.body.allowedActions).toEqual(expect.arrayContaining(['request-materials', 'withdraw']));
    expect(opened.body.allowedActions).not.toContain('accept');
    const clocks = opened.body.sla.map((c: any) => c.clock);
    expect(clocks).toEqual(['decision']);
    expect(Date.parse(opened.body.sla[0].deadline) - Date.parse(opened.body.openedAt)).toBe(4 * 3_600_000);
    const caseId = opened.body.caseId;

    const accept = await act(caseId, 'accept');
    expect(accept.status).toBe(409);
    expect(accept.headers.get('content-type')).toContain('application/problem+json');
    expect(accept.body.detail).toMatch(/accepted when it is lodged/);

    const requested = await act(caseId, 'request-materials', { items: ['return ticket'] });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('awaiting-materials');

    const again = await act(caseId, 'request-materials', { items: ['hotel booking'] });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.detail).toMatch(/already requested once/);

    expect((await act(caseId, 'supplement', { items: ['return ticket'] })).body.status).toBe('accepted');

    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records[0]?.ok === true);
    const approved = await act(caseId, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('completed');
    expect(approved.body.documents[0]).toMatchObject({ kind: 'visa', entries: 1, stayDays: 14, port: 'Guangzhou Baiyun Airport' });

    const supervisor = await sys.token('supervisor', '440000');
    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor });
    expect(history.status).toBe(200);
    const types = history.body.events.map((e: any) => e.type);
    // RecordsVerified lands whenever the register answers; everything else is in command order.
    expect(types.filter((t: string) => t !== 'RecordsVerified')).toEqual([
      'CaseOpened',
      'CaseAccepted',
      'MaterialsRequested',
      'MaterialsSupplemented',
      'CaseApproved',
      'VisaIssued',
      'CaseCompleted',
    ]);
    expect(types.filter((t: string) => t === 'RecordsVerified')).toHaveLength(1);
    let prev = '0'.repeat(64);
    history.body.events.forEach((e: any, i: number) => {
      expect(e.version).toBe(i + 1);
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      prev = e.hash;
    });
    expect(history.body.events[0].metadata).toMatchObject({ actor: 'officer-li', role: 'caseworker', office: PORT_OFFICE });
    // The refused second request is not a fact of the case, but supervisors still see it.
    expect(history.body.rejections).toEqual([
      expect.objectContaining({ action: 'accept', status: 409, metadata: expect.objectContaining({ actor: 'officer-li' }) }),
      expect.objectContaining({ action: 'request-materials', status: 409, metadata: expect.objectContaining({ actor: 'officer-li' }) }),
    ]);

    const integrity = await sys.request('GET', `/cases/${caseId}/integrity`, { token: supervisor });
    expect(integrity.body).toMatchObject({ ok: true, checkedEvents: history.body.events.length });

    const listed = await eventually(async () => {
      const r = await sys.request('GET', '/cases?type=port-visa&status=completed', { token: worker });
      return r.body.items.find((c: any) => c.caseId === caseId);
    });
    expect(listed.documents[0].kind).toBe('visa');
  });

  it('refuses a credit code with a wrong check character at opening (422) and writes nothing', async () => {
    const bad = COMPANY.slice(0, 17) + (COMPANY[17] === '0' ? '1' : '0');
    const r = await sys.request('POST', '/cases', { token: worker, body: openBody({ invitingCompany: { creditCode: bad, name: 'X' } }) });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/check character/);
  });

  it('shows a revoked company as a failed verification; the caseworker refuses without a reason', async () => {
    const caseId = await openVerified({ invitingCompany: { creditCode: REVOKED, name: 'Gone Ltd' } });
    const view = (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body;
    expect(view.records[0]).toMatchObject({ registry: 'company', ok: false });
    const approve = await act(caseId, 'approve');
    expect(approve.status).toBe(409);
    expect(approve.body.detail).toMatch(/revoked/);
    const refused = await act(caseId, 'refuse', {});
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('refused');
  });

  it('answers the statuses of api.md for bad requests, changing nothing', async () => {
    expect((await sys.request('POST', '/cases', { body: openBody() })).status).toBe(401);
    expect((await sys.request('POST', '/cases', { token: 'not.a.jwt', body: openBody() })).status).toBe(401);
    expect((await sys.request('POST', '/cases', { token: await sys.token('sla-monitor', PORT_OFFICE), body: openBody() })).status).toBe(403);
    expect((await sys.request('POST', '/cases', { token: await sys.token('caseworker', '310101'), body: openBody() })).status).toBe(403);
    const unknownField = await sys.request('POST', '/cases', { token: worker, body: { ...openBody(), colour: 'red' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors).toBeDefined();
    expect((await sys.request('POST', '/cases', { token: worker, body: '{"type": ' })).status).toBe(400);
    expect((await sys.request('POST', '/cases', { token: worker, body: openBody({ intendedStayDays: 31 }) })).status).toBe(422);
    const big = await sys.request('POST', '/cases', { token: worker, body: { ...openBody(), materials: ['x'.repeat(70_000)] } });
    expect(big.status).toBe(413);
    expect((await sys.request('GET', '/cases/00000000-0000-4000-8000-000000000000', { token: worker })).status).toBe(404);
    expect((await sys.request('GET', '/cases/not-a-uuid', { token: worker })).status).toBe(404);
    for (const r of [unknownField, big]) expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('keeps caseworkers of other offices out and lets idempotent retries change nothing', async () => {
    const caseId = await openVerified();
    const other = await sys.token('caseworker', '310101');
    expect((await sys.request('GET', `/cases/${caseId}`, { token: other })).status).toBe(404);
    const key = { 'idempotency-key': `assign-${caseId}` };
    const assign = { assignee: 'officer-li' };
    const first = await sys.request('POST', `/cases/${caseId}/actions/assign`, { token: worker, body: assign, headers: key });
    const second = await sys.request('POST', `/cases/${caseId}/actions/assign`, { token: worker, body: assign, headers: key });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(first.body.version);
    const different = await sys.request('POST', `/cases/${caseId}/actions/assign`, { token: worker, body: { assignee: 'officer-wu' }, headers: key });
    expect(different.status).toBe(422);

    const openKey = { 'idempotency-key': `open-${caseId}` };
    const o1 = await sys.request('POST', '/cases', { token: worker, body: openBody(), headers: openKey });
    const o2 = await sys.request('POST', '/cases', { token: worker, body: openBody(), headers: openKey });
    expect(o2.body.caseId).toBe(o1.body.caseId);
    expect(o2.body.version).toBe(o1.body.version);
    opened.push(o1.body.caseId);
  });

  it('is lodged in person at a port visa office for a port it serves; elsewhere 403/422 problems', async () => {
    const online = await sys.request('POST', '/cases', { token: await sys.token('applicant', '000000', 'traveller-1'), body: openBody() });
    expect(online.status).toBe(403); // applicants lodge only online, and a port visa is never online
    // Nor through another channel: the traveller stands at the port (docs/domain.md §4).
    const otherChannel = await sys.request('POST', '/cases', { token: worker, body: { ...openBody(), channel: 'cross-province' } });
    expect(otherChannel.status).toBe(422);
    expect(otherChannel.body.detail).toMatch(/in person at the port visa office/);
    const inland = await sys.request('POST', '/cases', { token: await sys.token('caseworker', '440104'), body: { ...openBody(), receivingOffice: '440104' } });
    expect(inland.status).toBe(422);
    expect(inland.body.detail).toMatch(/not a port visa office/);
    const wrongPort = await sys.request('POST', '/cases', { token: worker, body: openBody({ port: 'Shanghai Pudong Airport' }) });
    expect(wrongPort.status).toBe(422);
    expect(wrongPort.body.detail).toMatch(/does not serve/);
    const elsewhere = await sys.request('POST', '/cases', { token: worker, body: { ...openBody(), handlingOffice: '310101' } });
    expect(elsewhere.status).toBe(422);
    for (const r of [online, otherChannel, inland, wrongPort, elsewhere]) expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('issues a humanitarian entry without an inviting company, with no register check', async () => {
    const { invitingCompany: _none, ...details } = openBody({ purpose: 'humanitarian' }).details as Record<string, unknown>;
    const r = await openCase({ ...openBody(), details });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'accepted', records: [] });
    const approved = await act(r.body.caseId, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.documents[0]).toMatchObject({ kind: 'visa', visaType: 'L', entries: 1 });
    const business = await sys.request('POST', '/cases', { token: worker, body: { ...openBody(), details: { ...details, purpose: 'business' } } });
    expect(business.status).toBe(422);
    expect(business.body.detail).toMatch(/inviting company/);
  });

  // Runs last: every case this suite opened, replayed at each instant its history names and 1 ms before (issue 11).
  it('replays every case at each event instant and 1 ms before it, as the instants imply', async () => {
    const supervisor = await sys.token('supervisor', '440000');
    expect(opened.length).toBeGreaterThanOrEqual(4);
    for (const caseId of opened) await expectStateAtEveryInstant(sys, caseId, supervisor);
  }, 120_000);
});
