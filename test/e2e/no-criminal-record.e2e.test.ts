import { CONVICTED_RESIDENT, inputs } from '../workflows/scenarios';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

/**
 * No-criminal-record certificates over HTTP (docs/domain.md §7.6): asked in Shanghai by an agent whose power of
 * attorney the notarial register holds, decided by the Guangzhou hukou station; an agent whose deed the register
 * says was revoked is refused; a declined certificate is objected to after the case closed; a third request in a year
 * is found in the platform's request log (this store's requests), not taken from the applicant.
 */
describe('no-criminal-record end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
  });
  afterAll(() => sys?.stop());

  const SHANGHAI = '310101';
  const STATION = '440106';
  const REVOKED_DEED = '(2026)粵廣州天河證字第1202號';
  const open = (token: string, body: unknown) => sys.request('POST', '/cases', { token, body });
  const act = async (caseId: string, token: string, action: string, body: unknown = {}, expected = 200) => {
    const r = await sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body });
    expect({ action, status: r.status, detail: r.body.detail }).toMatchObject({ action, status: expected });
    return r.body;
  };
  const view = async (caseId: string, token: string) => (await sys.request('GET', `/cases/${caseId}`, { token })).body;
  /** The case once each named register has answered (the view lists the checks with their registers). */
  const checkedBy = (body: { records: { registry: string; result: string }[] }, ...registries: string[]) =>
    registries.every((k) => body.records.some((r) => r.registry === k)) ? body : null;

  it('cross-province, by an agent with a checked power of attorney: issued in Guangzhou, verified, printed in Shanghai', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const station = await sys.token('caseworker', STATION);
    const opened = await open(window, inputs.noCriminalRecord());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    expect(opened.body).toMatchObject({ type: 'no-criminal-record', crossProvince: true, receivingOffice: SHANGHAI, handlingOffice: STATION });
    await act(caseId, window, 'accept');
    const checked = await eventually(async () => checkedBy(await view(caseId, station), 'power-of-attorney', 'population', 'criminal-record'));
    expect(checked.records.find((r: { registry: string }) => r.registry === 'power-of-attorney')).toMatchObject({
      registry: 'power-of-attorney',
      result: 'confirmed',
    });
    const approved = await act(caseId, station, 'approve');
    const certificate = approved.documents.find((d: { kind: string }) => d.kind === 'no-criminal-record-certificate');
    expect(certificate).toMatchObject({ eSeal: { office: STATION }, verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    expect((await act(caseId, window, 'deliver-certificate')).status).toBe('completed');
    const verified = await eventually(async () => {
      const r = await sys.request('GET', `/verify/${encodeURIComponent(certificate.number)}?code=${encodeURIComponent(certificate.verificationCode)}`);
      return r.body.status === 'valid' ? r : null;
    });
    expect(verified.body).toMatchObject({ kind: 'no-criminal-record-certificate', issuingOffice: STATION });
    expect(JSON.stringify(verified.body)).not.toContain('陳靜');
  });

  it('an agent without a deed, or as a relative, is refused at the door (422) and nothing is lodged', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const noDeed = await open(window, inputs.noCriminalRecord({ representative: { role: 'agent', name: '王強', idNumber: '310101198507070018' } }));
    expect(noDeed.status).toBe(422);
    expect(noDeed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(noDeed.body.detail).toMatch(/power of attorney/);
    const relative = await open(window, inputs.noCriminalRecord({ representative: { role: 'relative', name: '王強', idNumber: '310101198507070018' } }));
    expect(relative.status).toBe(422);
    expect(relative.body.detail).toMatch(/agent with a power of attorney/);
    expect(JSON.stringify([noDeed.body, relative.body])).not.toContain('310101198507070018');
  });

  it('an agent whose deed the notarial register says was revoked: approval is refused (409), the station refuses the request', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const station = await sys.token('caseworker', STATION);
    const body = inputs.noCriminalRecord();
    const opened = await open(window, { ...body, representative: { ...body.representative, powerOfAttorney: REVOKED_DEED } });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await act(caseId, window, 'accept');
    const checked = await eventually(async () => checkedBy(await view(caseId, station), 'power-of-attorney', 'population', 'criminal-record'));
    expect(checked.records.find((r: { registry: string }) => r.registry === 'power-of-attorney')).toMatchObject({
      result: 'contradicted',
      detail: expect.stringMatching(/revoked/),
    });
    const blocked = await act(caseId, station, 'approve', {}, 409);
    expect(blocked.detail).toMatch(/notarial register does not confirm the agent's power of attorney/);
    const refused = await act(caseId, station, 'refuse', { reason: 'the power of attorney was revoked', legalBasis: '民法典 第一百七十三條' });
    expect(refused).toMatchObject({ status: 'refused', documents: [] });
  });

  it('a third request in a year is detected from the request log, not from the applicant: approval waits for the proof of use', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const station = await sys.token('caseworker', STATION);
    const supervisor = await sys.token('supervisor', '000000');
    const PERSON = '440106199704150039';
    const { representative: _agent, ...inPerson } = inputs.noCriminalRecord();
    const body = { ...inPerson, applicant: { name: '黃敏', idNumber: PERSON } };
    const requestLog = (v: { records: { registry: string }[] }) => v.records.find((r) => r.registry === 'request-log');
    /** Lodged and accepted, once every register and the request log have answered. */
    const lodged = async () => {
      const opened = await open(window, body);
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      await act(caseId, window, 'accept');
      const checked = await eventually(async () => checkedBy(await view(caseId, station), 'population', 'criminal-record', 'request-log'));
      return checked as typeof checked & { caseId: string; details: Record<string, unknown> };
    };
    /** The requests the case list holds for the person: the log reads the list, so each is awaited there. */
    const listed = (n: number) =>
      eventually(async () => {
        const r = await sys.request('POST', '/cases/lookup', { token: supervisor, body: { idNumber: PERSON } });
        return r.body.items.length === n ? r.body.items : null;
      });

    // The applicant's own count is not asked any more: a declared figure is refused and nothing is lodged.
    const declared = await open(window, { ...body, details: { ...body.details, earlierRequestsThisYear: 2, proofOfUse: 'a letter' } });
    expect(declared.status).toBe(422);
    expect(declared.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(declared.body.detail).toMatch(/counted from the platform's request log.*leave details.earlierRequestsThisYear out/);
    expect(JSON.stringify(declared.body)).not.toContain(PERSON);

    // The first request: issued. The second: withdrawn (a request made counts, whatever became of it).
    const first = await lodged();
    expect(requestLog(first)).toMatchObject({ result: 'confirmed', facts: { requests: 0 } });
    await act(first.caseId, station, 'approve');
    await act(first.caseId, window, 'deliver-certificate');
    await listed(1);
    const second = await lodged();
    expect(requestLog(second)).toMatchObject({ result: 'confirmed', facts: { requests: 1 } });
    await act(second.caseId, window, 'withdraw', { reason: 'the employer no longer asks for it' });
    await listed(2);

    // The third: the log counts the two before it; the station may not issue until the proof of use is shown.
    const third = await lodged();
    expect(requestLog(third)).toMatchObject({ result: 'confirmed', facts: { requests: 2, since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(third.details).toMatchObject({ earlierRequestsThisYear: 0 }); // the schema default: nothing was declared
    const held = await act(third.caseId, station, 'approve', {}, 409);
    expect(held.detail).toMatch(/request log holds 2 earlier requests by the applicant since .*show-proof-of-use/);
    expect((await view(third.caseId, window)).allowedActions).toContain('show-proof-of-use');
    // Another office's caseworker does not see the case at all (404); the applicant's window shows the proof.
    await act(third.caseId, await sys.token('caseworker', '440104'), 'show-proof-of-use', { proofOfUse: 'x' }, 404);
    const shown = await act(third.caseId, window, 'show-proof-of-use', { proofOfUse: 'request letter of the employer in Macao' });
    expect(shown.allowedActions).not.toContain('show-proof-of-use');
    const approved = await act(third.caseId, station, 'approve');
    expect(approved.documents.map((d: { kind: string }) => d.kind)).toEqual(['no-criminal-record-certificate']);
    const history = await sys.request('GET', `/cases/${third.caseId}/history`, { token: supervisor });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['CaseOpened', 'RequestLogRequested', 'RecordsVerified', 'ProofOfUseShown', 'CaseApproved']),
    );
    expect(history.body.events.find((e: { type: string }) => e.type === 'ProofOfUseShown').data).toEqual({
      proofOfUse: 'request letter of the employer in Macao',
    });
  });

  it('declined on a record, then objected to after the case closed: the review upholds it and the certificate is issued', async () => {
    const window = await sys.token('caseworker', SHANGHAI);
    const station = await sys.token('caseworker', STATION);
    const { representative: _agent, ...inPerson } = inputs.noCriminalRecord();
    const opened = await open(window, { ...inPerson, applicant: { name: '趙剛', idNumber: CONVICTED_RESIDENT } });
    const caseId = opened.body.caseId as string;
    await act(caseId, window, 'accept');
    await eventually(async () => checkedBy(await view(caseId, station), 'population', 'criminal-record'));
    await act(caseId, station, 'approve', {}, 409);
    const declined = await act(caseId, station, 'decline-certificate', { reason: 'an effective finding of guilt is on record' });
    expect(declined).toMatchObject({ status: 'completed', documents: [{ kind: 'certificate-declined-notice', appealable: true }] });
    const objected = await act(caseId, window, 'object', { reason: 'the conviction was quashed on appeal' });
    expect(objected.status).toBe('completed');
    // The case shows the objection and its review clock (15 WD), and the SLA board has it under the deciding office.
    expect(objected.objection).toEqual({ status: 'under-review', lodgedAt: expect.any(String), reviewDueBy: expect.any(String), extended: false });
    const review = objected.sla.find((c: { clock: string }) => c.clock === 'objection-review');
    expect(review).toMatchObject({ state: 'on-track', deadline: objected.objection.reviewDueBy });
    expect(review.remainingWorkingDays).toBeGreaterThanOrEqual(14);
    const supervisor = await sys.token('supervisor', STATION);
    const onBoard = await eventually(async () =>
      (await sys.request('GET', `/sla/board?caseId=${caseId}`, { token: supervisor })).body.items.find(
        (i: { caseId: string; clock: string }) => i.caseId === caseId && i.clock === 'objection-review',
      ),
    );
    expect(onBoard).toMatchObject({ office: STATION, state: 'on-track' });
    await act(caseId, window, 'object', { reason: 'once more, please' }, 409);
    await act(caseId, await sys.token('supervisor', STATION), 'extend-objection-review', { reason: 'the court files are asked for' }, 403);
    const answered = await act(caseId, station, 'answer-objection', { outcome: 'upheld', reason: 'the appeal court quashed it' });
    expect(answered.documents.map((d: { kind: string }) => d.kind)).toEqual(['certificate-declined-notice', 'no-criminal-record-certificate']);
    expect(answered.objection).toMatchObject({ status: 'answered', outcome: 'upheld' });
    expect(answered.sla.find((c: { clock: string }) => c.clock === 'objection-review').state).toBe('stopped');
    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', '000000') });
    const objection = history.body.events.filter((e: { type: string }) => e.type.startsWith('Objection'));
    expect(objection).toEqual([
      expect.objectContaining({ type: 'ObjectionLodged', data: expect.objectContaining({ reviewDueBy: expect.any(String) }) }),
      expect.objectContaining({ type: 'ObjectionAnswered', data: expect.objectContaining({ outcome: 'upheld', late: false }) }),
    ]);
  });
});
