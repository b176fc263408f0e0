import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { caseClient } from './support/case-client';

/**
 * A loss report over HTTP (docs/domain.md §7.2), a filing: the holder reports online, gets a receipt that anyone holding
 * it verifies, the card is listed as lost and the report completes with nobody deciding; a guardian reports a child's
 * card at a station; a replacement is lodged for the report. Bad input changes nothing.
 */
describe('ID card loss report end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { CARD_PRODUCTION_LATENCY_MS: '50' });
  });
  afterAll(() => sys?.stop());

  const { open, act, view } = caseClient(() => sys);
  const STATION = '440104'; // Guangzhou Yuexiu: any station
  const HUKOU = '440106'; // Guangzhou Tianhe
  const holder = { name: '陈静', idNumber: '440106199003071231' };
  const report = (over: Record<string, unknown> = {}) => ({
    type: 'id-card-loss-report',
    channel: 'window',
    receivingOffice: STATION,
    applicant: holder,
    materials: [],
    details: { hukouOffice: HUKOU },
    ...over,
  });
  const historyTypes = async (caseId: string): Promise<string[]> =>
    (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', '000000') })).body.events.map((e: { type: string }) => e.type);
  const count = async (token: string) => (await sys.request('GET', '/cases?limit=200', { token })).body.items.length;
  const completed = (caseId: string, token: string) => eventually(async () => (await view(caseId, token)).status === 'completed', 30_000);

  it('online by the holder: a verifiable receipt, listed as lost, completed without a decision; counted as a filing; a replacement names it', async () => {
    const self = await sys.token('applicant', '000000', 'chen-jing', { idNumber: holder.idNumber });
    const caseId = await open(self, report({ channel: 'online', details: { hukouOffice: HUKOU, lostOn: '2026-11-01' } }));
    const received = await view(caseId, self);
    expect(received).toMatchObject({ type: 'id-card-loss-report', channel: 'online', sla: [] });
    expect(received.allowedActions).not.toContain('approve');
    const [receipt] = received.receipts;
    expect(receipt).toMatchObject({ kind: 'filing', number: expect.stringMatching(/^SL-440104-/), verificationCode: expect.any(String) });

    await completed(caseId, self);
    expect(await historyTypes(caseId)).toEqual(['CaseOpened', 'CaseAccepted', 'CardReportedLost', 'RecordsVerified', 'LostCardListed', 'CaseCompleted']);
    // The verification register lags the log (the read models' settle).
    await sys.caughtUp();
    const verified = await sys.request('GET', `/verify/${receipt.number}?code=${receipt.verificationCode}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'valid', kind: 'filing-receipt', issuingOffice: STATION });
    expect(JSON.stringify(verified.body)).not.toContain(holder.idNumber);

    // Filings are counted apart; nothing of a filing is ever overdue on the board.
    const supervisor = await sys.token('supervisor', '440000');
    await eventually(async () => ((await sys.request('GET', '/stats', { token: supervisor })).body.byKind?.filing ?? 0) >= 1);
    const board = (await sys.request('GET', '/sla/board?type=id-card-loss-report', { token: supervisor })).body;
    expect(board.items).toEqual([]);

    // A replacement at the hukou office names the report: linked, and the loss is not reported twice.
    const hukou = await sys.token('caseworker', HUKOU);
    const replacementBody = {
      type: 'id-card-replacement',
      channel: 'window',
      receivingOffice: HUKOU,
      applicant: { ...holder, birthDate: '1990-03-07' },
      materials: ['application form'],
      parentCaseId: caseId,
      details: { hukouOffice: HUKOU, residenceOffice: HUKOU, delivery: 'pickup' },
    };
    const other = await sys.request('POST', '/cases', {
      token: hukou,
      body: { ...replacementBody, applicant: { name: '王强', idNumber: '440106198805051238', birthDate: '1988-05-05' } },
    });
    expect(other.status).toBe(422);
    expect(other.body.detail).toBe('the case named in parentCaseId is about another person than this id-card-replacement case');
    const replacement = await open(hukou, replacementBody);
    expect(await view(replacement, hukou)).toMatchObject({ parentCaseId: caseId, status: 'submitted' });
    await act(replacement, hukou, 'report-loss', {}, 409);
  });

  it('by a guardian for a child of 11 at a station, the guardian checked against the register before the card is listed', async () => {
    const station = await sys.token('caseworker', STATION);
    const caseId = await open(
      station,
      report({
        applicant: { name: '陈小明', idNumber: '440106201505060022' },
        representative: { role: 'guardian', name: '陈静', idNumber: '440106198505050022' },
      }),
    );
    await completed(caseId, station);
    const done = await view(caseId, station);
    expect(done.records.map((r: { registry: string; result: string }) => [r.registry, r.result]).sort()).toEqual([
      ['kinship', 'confirmed'],
      ['population', 'confirmed'],
    ]);
  });

  it.each([
    [
      'a report for another adult (no rule lets a guardian report it)',
      report({ representative: { role: 'guardian', name: '王强', idNumber: '440106198505050022' } }),
      422,
      /only for a holder under 16/,
    ],
    ['a child reporting alone', report({ applicant: { name: '陈小明', idNumber: '440106201505060022' } }), 422, /guardian/],
    ['a wrong check character', report({ applicant: { ...holder, idNumber: '440106199003071232' } }), 422, /check character/],
    ['a loss in the future', report({ details: { hukouOffice: HUKOU, lostOn: '2999-01-01' } }), 422, /a day still to come/],
  ])('%s: refused with a problem, nothing lodged', async (_what, body, status, detail) => {
    const station = await sys.token('caseworker', STATION);
    await sys.caughtUp();
    const before = await count(station);
    const r = await sys.request('POST', '/cases', { token: station, body });
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.detail).toMatch(detail);
    expect(JSON.stringify(r.body)).not.toMatch(/44010619|陈/);
    await sys.caughtUp();
    expect(await count(station)).toBe(before);
  });

  it('online for someone else than the token names: 403, nothing lodged', async () => {
    const someone = await sys.token('applicant', '000000', 'wang-qiang', { idNumber: '440106198805051238' });
    const r = await sys.request('POST', '/cases', { token: someone, body: report({ channel: 'online' }) });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('a replacement naming a case that is not a loss report: 422', async () => {
    const hukou = await sys.token('caseworker', HUKOU);
    const card = await open(hukou, {
      type: 'id-card-replacement',
      channel: 'window',
      receivingOffice: HUKOU,
      applicant: { name: '林晓', idNumber: '440106200805061233', birthDate: '2008-05-06' },
      materials: ['application form'],
      details: { hukouOffice: HUKOU, residenceOffice: HUKOU, delivery: 'pickup' },
    });
    const r = await sys.request('POST', '/cases', {
      token: hukou,
      body: {
        type: 'id-card-replacement',
        channel: 'window',
        receivingOffice: HUKOU,
        applicant: { name: '林晓', idNumber: '440106200805061233', birthDate: '2008-05-06' },
        materials: ['application form'],
        parentCaseId: card,
        details: { hukouOffice: HUKOU, residenceOffice: HUKOU, delivery: 'pickup' },
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.detail).toBe('a id-card-replacement case is linked to a id-card-loss-report case, not to a id-card-replacement case');
  });
});
