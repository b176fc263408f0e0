import { APPLICANT_NAME, hukouBody, ORIGIN, OTHER_OFFICE, OWN, portVisaBody } from '../api/support/fixtures';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

/**
 * Actions on decided cases over HTTP: revocation (行政許可法 art 69) of a case that already completed, whose
 * workflow has ended, and corrections of what a decision recorded.
 */
describe('decided cases: revocation and corrections end to end', () => {
  let sys: TestSystem;
  let worker: string;
  let boss: string;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    worker = await sys.token('caseworker', OWN, 'officer-li');
    boss = await sys.token('supervisor', OWN, 'chief-wang');
  });
  afterAll(() => sys?.stop());

  const act = (caseId: string, action: string, body: unknown, token: string, key?: string) =>
    sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
  const verify = (d: { number: string; verificationCode: string }) =>
    sys.request('GET', `/verify/${encodeURIComponent(d.number)}?code=${encodeURIComponent(d.verificationCode)}`);
  /** Polls until the verification register says `status` (it lags the log by the projection delay). */
  const verified = (d: { number: string; verificationCode: string }, status: string) =>
    eventually(async () => {
      const r = await verify(d);
      if (r.body?.status === status) return r;
      await new Promise((done) => setTimeout(done, 300));
      return null;
    });

  /** A port visa lodged, checked and approved: it completes with its visa issued, and its workflow ends. */
  async function completedVisa() {
    const opened = await sys.request('POST', '/cases', { token: worker, body: portVisaBody() });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records.length > 0);
    const approved = await act(caseId, 'approve', {}, worker);
    expect({ status: approved.status, caseStatus: approved.body.status }).toEqual({ status: 200, caseStatus: 'completed' });
    const visa = approved.body.documents.find((d: { kind: string }) => d.kind === 'visa');
    return { caseId, visa, version: approved.body.version as number };
  }

  it('revokes a completed visa: the case closes as revoked, the visa verifies revoked, the chain stays intact', async () => {
    const { caseId, visa, version } = await completedVisa();
    expect((await verified(visa, 'valid')).body.status).toBe('valid');

    const revoked = await act(caseId, 'revoke', { reason: 'the invitation was forged', legalBasis: '行政许可法 第六十九条' }, boss, 'revoke-1');
    expect({ status: revoked.status, detail: revoked.body.detail }).toEqual({ status: 200, detail: undefined });
    expect(revoked.body).toMatchObject({ status: 'revoked', version: version + 1 });
    expect(revoked.body.documents.find((d: { number: string }) => d.number === visa.number)).toMatchObject({ revoked: true });

    const r = await verified(visa, 'revoked');
    expect(r.body).toMatchObject({ status: 'revoked', kind: 'visa', issuingOffice: OWN });

    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: boss });
    const types = history.body.events.map((e: { type: string }) => e.type);
    expect(types.at(-1)).toBe('DecisionRevoked');
    expect(history.body.events.map((e: { version: number }) => e.version)).toEqual(types.map((_: string, i: number) => i + 1));
    expect(history.body.events.at(-1).metadata).toMatchObject({ actor: 'chief-wang', role: 'supervisor', office: OWN });
    const integrity = await sys.request('GET', `/cases/${caseId}/integrity`, { token: boss });
    expect(integrity.body).toMatchObject({ ok: true, checkedEvents: version + 1 });

    // The same key again: the stored answer, nothing appended twice.
    const again = await act(caseId, 'revoke', { reason: 'the invitation was forged', legalBasis: '行政许可法 第六十九条' }, boss, 'revoke-1');
    expect({ status: again.status, version: again.body.version }).toEqual({ status: 200, version: version + 1 });
    // Another revocation is refused by the case itself, and changes nothing.
    const twice = await act(caseId, 'revoke', { reason: 'again', legalBasis: '行政许可法 第六十九条' }, boss);
    expect(twice.status).toBe(409);
    expect((await sys.request('GET', `/cases/${caseId}`, { token: boss })).body.version).toBe(version + 1);

    // The read models follow: the case list shows it revoked.
    await eventually(async () => {
      const list = await sys.request('GET', `/cases?status=revoked&type=port-visa`, { token: boss });
      return list.body.items.some((c: { caseId: string }) => c.caseId === caseId);
    });
  });

  it('refuses a revocation of a completed case by the wrong role (403) or without a legal basis (422), changing nothing', async () => {
    const { caseId, visa, version } = await completedVisa();
    const byCaseworker = await act(caseId, 'revoke', { reason: 'forged', legalBasis: '行政许可法 第六十九条' }, worker);
    expect(byCaseworker.status).toBe(403);
    const otherOffice = await act(caseId, 'revoke', { reason: 'forged', legalBasis: '行政许可法 第六十九条' }, await sys.token('supervisor', OTHER_OFFICE));
    expect([403, 404]).toContain(otherOffice.status);
    const noBasis = await act(caseId, 'revoke', { reason: 'forged' }, boss);
    expect({ status: noBasis.status, type: noBasis.headers.get('content-type') }).toEqual({ status: 422, type: expect.stringMatching(/problem\+json/) });
    expect(noBasis.body.detail).toMatch(/legal basis/);
    const after = await sys.request('GET', `/cases/${caseId}`, { token: boss });
    expect({ status: after.body.status, version: after.body.version }).toEqual({ status: 'completed', version });
    // The verification register lags the log (the read models' settle): caught up, it still says valid.
    await sys.caughtUp();
    expect((await verify(visa)).body.status).toBe('valid');
  });

  it('takes two revocations of one completed case at once: one is applied, the other refused, nothing twice', async () => {
    const { caseId, version } = await completedVisa();
    const body = { reason: 'the company was struck off', legalBasis: '行政许可法 第六十九条' };
    const [a, b] = await Promise.all([act(caseId, 'revoke', body, boss), act(caseId, 'revoke', body, await sys.token('supervisor', OWN, 'chief-zhao'))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: boss });
    expect(history.body.events.filter((e: { type: string }) => e.type === 'DecisionRevoked')).toHaveLength(1);
    expect(history.body.events).toHaveLength(version + 1);
    expect((await sys.request('GET', `/cases/${caseId}/integrity`, { token: boss })).body.ok).toBe(true);
  });

  /** A hukou migration within Guangdong lodged, approved, moved out and settled: completed, its workflow ended. */
  async function completedHukou() {
    const body = { ...hukouBody('window'), details: { ...hukouBody().details, category: 'talent' } };
    const opened = await sys.request('POST', '/cases', { token: worker, body });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    expect((await act(caseId, 'accept', {}, worker)).status).toBe(200);
    await eventually(async () => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body.records.length >= 2);
    expect((await act(caseId, 'approve', {}, worker)).status).toBe(200);
    expect((await act(caseId, 'confirm-move-out', {}, await sys.token('caseworker', ORIGIN))).status).toBe(200);
    const settled = await act(caseId, 'register-settlement', {}, worker);
    expect({ status: settled.status, caseStatus: settled.body.status }).toEqual({ status: 200, caseStatus: 'completed' });
    return {
      caseId,
      documents: settled.body.documents as { kind: string; number: string; verificationCode: string }[],
      version: settled.body.version as number,
    };
  }

  const nameCorrection = { field: 'applicant.name', value: '张叁', reason: 'the population register records 张叁' };

  it('corrects a completed hukou case: requested, approved, its documents reissued and the old numbers verifying revoked', async () => {
    const { caseId, documents, version } = await completedHukou();
    expect(documents.map((d) => d.kind)).toEqual(['move-in-permit', 'migration-certificate']);

    const requested = await act(caseId, 'request-correction', nameCorrection, worker);
    expect({ status: requested.status, detail: requested.body.detail }).toEqual({ status: 200, detail: undefined });
    expect(requested.body).toMatchObject({ status: 'completed', version: version + 1, correction: { field: 'applicant.name', value: '张叁' } });
    expect(requested.body.allowedActions).not.toContain('decide-correction'); // the supervisor's
    // The deciding office's queue shows it until the supervisor decides.
    await eventually(async () =>
      (await sys.request('GET', `/queues/${OWN}`, { token: boss })).body.items?.some((c: { caseId: string }) => c.caseId === caseId),
    );
    // The requested value is personal data: an SLA monitor sees that a correction is pending, not what it says.
    const monitor = await sys.request('GET', `/cases/${caseId}`, { token: await sys.token('sla-monitor', OWN) });
    expect(monitor.body.correction).toEqual({ field: 'applicant.name', value: '', reason: '', requestedAt: expect.any(String) });
    expect(JSON.stringify(monitor.body)).not.toMatch(/张/);

    const seen = await sys.request('GET', `/cases/${caseId}`, { token: boss });
    expect(seen.body.allowedActions).toContain('decide-correction');
    const approved = await act(caseId, 'decide-correction', { decision: 'approve', reason: 'confirmed against the register' }, boss);
    expect({ status: approved.status, detail: approved.body.detail }).toEqual({ status: 200, detail: undefined });
    expect(approved.body).toMatchObject({ status: 'completed', applicant: { name: '张叁' }, correction: null });
    expect(approved.body.corrections).toEqual([
      expect.objectContaining({ field: 'applicant.name', decision: 'approved', oldValue: APPLICANT_NAME, newValue: '张叁' }),
    ]);
    const reissued = approved.body.documents.filter((d: { replaces?: string }) => d.replaces);
    expect(reissued.map((d: { replaces: string }) => d.replaces)).toEqual(documents.map((d) => d.number));

    for (const old of documents) expect((await verified(old, 'revoked')).body).toMatchObject({ status: 'revoked', kind: old.kind });
    for (const fresh of reissued) expect((await verified(fresh, 'valid')).body).toMatchObject({ status: 'valid', kind: fresh.kind });

    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: boss });
    expect(history.body.events.slice(-2).map((e: { type: string }) => e.type)).toEqual(['CorrectionRequested', 'CorrectionApproved']);
    expect(history.body.events.at(-1).data).toMatchObject({ legalBasis: expect.stringContaining('公通字〔2016〕21號') });
    expect((await sys.request('GET', `/cases/${caseId}/integrity`, { token: boss })).body).toMatchObject({ ok: true, checkedEvents: version + 2 });
    // Settled: it leaves the queue again.
    await eventually(
      async () => !(await sys.request('GET', `/queues/${OWN}`, { token: boss })).body.items?.some((c: { caseId: string }) => c.caseId === caseId),
    );
  });

  it('rejects a correction: nothing corrected, the documents stay valid', async () => {
    const { caseId, documents, version } = await completedHukou();
    expect((await act(caseId, 'request-correction', nameCorrection, worker)).status).toBe(200);
    const rejected = await act(caseId, 'decide-correction', { decision: 'reject', reason: 'the register agrees with the permit' }, boss);
    expect({ status: rejected.status, detail: rejected.body.detail }).toEqual({ status: 200, detail: undefined });
    expect(rejected.body).toMatchObject({
      version: version + 2,
      applicant: { name: APPLICANT_NAME },
      correction: null,
      corrections: [{ decision: 'rejected' }],
    });
    for (const d of documents) expect((await verified(d, 'valid')).body.status).toBe('valid');
  });

  it('refuses corrections by the wrong role (403), with a bad payload (400/422) or on a type with nothing correctable (409), changing nothing', async () => {
    const { caseId, version } = await completedHukou();
    const cases = [
      [await act(caseId, 'request-correction', nameCorrection, boss), 403],
      [await act(caseId, 'request-correction', nameCorrection, await sys.token('caseworker', OTHER_OFFICE)), 404],
      [await act(caseId, 'request-correction', { ...nameCorrection, field: 'details.category' }, worker), 422],
      [await act(caseId, 'request-correction', { ...nameCorrection, field: 'applicant.idNumber', value: '440105199001011230' }, worker), 422],
      [await act(caseId, 'request-correction', { field: 'applicant.name', value: '张叁' }, worker), 400],
      [await act(caseId, 'decide-correction', { decision: 'approve', reason: 'x' }, boss), 409],
    ] as const;
    for (const [r, status] of cases) {
      expect({ status: r.status, type: r.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/problem\+json/) });
      expect(r.body.detail).toEqual(expect.any(String));
    }
    expect(cases[2][0].body.detail).toMatch(/correctable: applicant\.name, applicant\.idNumber/);
    expect((await act(caseId, 'request-correction', nameCorrection, worker)).status).toBe(200);
    const byCaseworker = await act(caseId, 'decide-correction', { decision: 'approve', reason: 'x' }, worker);
    expect(byCaseworker.status).toBe(403);
    const second = await act(caseId, 'request-correction', { ...nameCorrection, value: '张叄' }, worker);
    expect({ status: second.status, detail: second.body.detail }).toEqual({ status: 409, detail: expect.stringMatching(/already requested/) });
    expect((await sys.request('GET', `/cases/${caseId}`, { token: boss })).body).toMatchObject({ version: version + 1, applicant: { name: APPLICANT_NAME } });

    const visa = await completedVisa();
    const onVisa = await act(visa.caseId, 'request-correction', { field: 'applicant.name', value: 'Anna Schmitt', reason: 'typo' }, worker);
    expect({ status: onVisa.status, detail: onVisa.body.detail }).toEqual({ status: 409, detail: expect.stringMatching(/nothing that can be corrected/) });
  });
});
