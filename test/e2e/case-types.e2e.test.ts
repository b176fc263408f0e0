import { portVisaBody } from '../api/support/fixtures';
import { expectStateAtEveryInstant } from '../support/state-sweep';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { caseClient } from './support/case-client';

/** Happy and refusal paths of every case type over HTTP, with offices in two provinces. */
describe('case types end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { CARD_PRODUCTION_LATENCY_MS: '50' });
  });
  afterAll(() => sys?.stop());

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const { opened, open, act, view } = caseClient(() => sys);
  const historyTypes = async (caseId: string, supervisor: string) =>
    (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events.map((e: { type: string }) => e.type);

  it('hukou migration across provinces: decided in Guangzhou, moved out in Shanghai, settled in Guangzhou', async () => {
    const moveIn = await sys.token('caseworker', '440106');
    const origin = await sys.token('caseworker', '310101');
    const caseId = await open(moveIn, {
      type: 'hukou-migration',
      channel: 'cross-province',
      receivingOffice: '440106',
      applicant: { name: '李娜', idNumber: '310101199205061233' },
      materials: ['application form', 'labour contract'],
      details: {
        category: 'work-transfer',
        fromOffice: '310101',
        toOffice: '440106',
        destinationCity: { code: '440100' },
        // Metro residence years come from residence-permit records (none here); the Shenzhen insured years still count.
        residenceYears: 10,
        socialInsuranceYears: 10,
        metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 5 }],
      },
    });
    // The deprecated cross-province channel: a window opening whose offices lie in two provinces (docs/api.md).
    expect(await view(caseId, origin)).toMatchObject({ channel: 'window', crossProvince: true });
    await act(caseId, moveIn, 'accept');
    await eventually(async () => (await view(caseId, moveIn)).records.length >= 2);
    await act(caseId, origin, 'approve', {}, 403); // the origin office does not decide
    await act(caseId, moveIn, 'confirm-move-out', {}, 403); // nor does the move-in office move people out
    const approved = await act(caseId, moveIn, 'approve');
    expect(approved.documents.map((d: { kind: string }) => d.kind)).toContain('move-in-permit');
    await act(caseId, origin, 'confirm-move-out');
    const done = await act(caseId, moveIn, 'register-settlement');
    expect(done.status).toBe('completed');
    const types = await historyTypes(caseId, await sys.token('supervisor', '000000'));
    expect(types).toEqual(
      expect.arrayContaining(['EligibilityAssessed', 'MoveInPermitIssued', 'MoveOutCompleted', 'MigrationCertificateIssued', 'SettlementRegistered']),
    );
  });

  it('hukou migration lodged online across provinces: online and cross-province, counted apart in the statistics', async () => {
    const idNumber = '310101199003071230';
    const self = await sys.token('applicant', '000000', 'wang-fang', { idNumber });
    const body = (channel: string, fromOffice: string) => ({
      type: 'hukou-migration',
      channel,
      receivingOffice: '440106',
      applicant: { name: '王芳', idNumber },
      materials: ['application form', 'labour contract'],
      details: { category: 'talent', fromOffice, toOffice: '440106', destinationCity: { code: '440100' }, residenceYears: 3, socialInsuranceYears: 3 },
    });
    const caseId = await open(self, body('online', '310101'));
    expect(await view(caseId, await sys.token('caseworker', '310101'))).toMatchObject({ channel: 'online', crossProvince: true });
    // The alias promises two provinces: offices in one are refused with the reason, and nothing is lodged.
    const local = await sys.request('POST', '/cases', { token: await sys.token('caseworker', '440106'), body: body('cross-province', '440104') });
    expect({ status: local.status, detail: local.body.detail }).toEqual({ status: 422, detail: expect.stringMatching(/two provinces/) });
    const stats = async () => (await sys.request('GET', '/stats', { token: await sys.token('supervisor', '000000') })).body;
    await eventually(async () => ((await stats()).byCrossProvince.true ?? 0) >= 1 && ((await stats()).byChannel.online ?? 0) >= 1);
    expect(Object.keys((await stats()).byChannel)).not.toContain('cross-province');
  });

  it('refuses withdrawal after a decision (409), most of all once the hukou has moved out, and changes nothing (issue 11, finding 2)', async () => {
    const moveIn = await sys.token('caseworker', '440106');
    const origin = await sys.token('caseworker', '310101');
    const caseId = await open(moveIn, {
      type: 'hukou-migration',
      channel: 'cross-province',
      receivingOffice: '440106',
      applicant: { name: '陈静', idNumber: '31010119850312121X' },
      materials: ['application form', 'labour contract'],
      details: {
        category: 'talent', // admitted without points
        fromOffice: '310101',
        toOffice: '440106',
        destinationCity: { code: '440100' },
        residenceYears: 8,
        socialInsuranceYears: 10,
      },
    });
    await act(caseId, moveIn, 'accept');
    await eventually(async () => (await view(caseId, moveIn)).records.length >= 2);
    const approved = await sys.request('POST', `/cases/${caseId}/actions/approve`, { token: moveIn, body: {} });
    expect({ status: approved.status, detail: approved.body.detail }).toEqual({ status: 200, detail: undefined });
    const refusedWithdrawal = async (why: RegExp) => {
      const before = await view(caseId, moveIn);
      expect(before.allowedActions).not.toContain('withdraw');
      const r = await sys.request('POST', `/cases/${caseId}/actions/withdraw`, { token: moveIn, body: { reason: 'changed plans' } });
      expect({ status: r.status, type: r.headers.get('content-type') }).toEqual({ status: 409, type: expect.stringContaining('application/problem+json') });
      expect(r.body.detail).toMatch(why);
      expect(await view(caseId, moveIn)).toMatchObject({ status: before.status, version: before.version });
    };
    // Decided: the permit is issued, the case carries it out.
    await refusedWithdrawal(/only before a decision/);
    // Moved out at the origin: withdrawing would leave the person with no hukou anywhere (docs/domain.md §2).
    await act(caseId, origin, 'confirm-move-out');
    await refusedWithdrawal(/only before a decision/);
    const done = await act(caseId, moveIn, 'register-settlement');
    expect(done.status).toBe('completed');
    const types = await historyTypes(caseId, await sys.token('supervisor', '000000'));
    expect(types).not.toContain('CaseWithdrawn');
    expect(types).toContain('SettlementRegistered');
  });

  it('hukou migration refused by the move-in office with reason and legal basis', async () => {
    const moveIn = await sys.token('caseworker', '440106');
    const caseId = await open(moveIn, {
      type: 'hukou-migration',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: '张伟', idNumber: '440104199001011232' },
      details: {
        category: 'home-purchase',
        fromOffice: '440104',
        toOffice: '440106',
        destinationCity: { code: '440100' },
        residenceYears: 0,
        socialInsuranceYears: 0,
      },
    });
    await act(caseId, moveIn, 'accept');
    await act(caseId, moveIn, 'refuse', { reason: 'points below the pass mark' }, 400); // legal basis required
    const refused = await act(caseId, moveIn, 'refuse', { reason: 'points below the pass mark', legalBasis: '广州市积分入户办法' });
    expect(refused.status).toBe('refused');
  });

  it('first ID card lodged in Shanghai for a Guangzhou hukou: biometrics, decided in Guangzhou, production, hand-over', async () => {
    const residence = await sys.token('caseworker', '310101');
    const hukou = await sys.token('caseworker', '440106');
    const caseId = await open(residence, {
      type: 'first-id-card',
      channel: 'cross-province',
      receivingOffice: '310101',
      applicant: { name: '王小明', idNumber: '440106201002031238', birthDate: '2010-02-03' },
      materials: ['hukou booklet'],
      details: { hukouOffice: '440106', residenceOffice: '310101', delivery: 'post' },
    });
    await eventually(
      async () =>
        (await view(caseId, residence)).step !== undefined && (await historyTypes(caseId, await sys.token('supervisor', '000000'))).includes('PhotoLookedUp'),
    );
    await act(caseId, residence, 'capture-biometrics', { photo: 'new' });
    await act(caseId, residence, 'accept');
    // The hukou-place office is the legal issuer and decides (docs/domain.md §3): the residence office may not.
    await act(caseId, residence, 'approve', {}, 403);
    await act(caseId, hukou, 'sign-off', {}, 409); // no separate sign-off: its decision is the approval
    await act(caseId, hukou, 'approve');
    // Card production is asynchronous (the production centre answers later).
    await eventually(async () => (await view(caseId, residence)).documents.some((d: { kind: string }) => d.kind === 'resident-id-card'), 30_000);
    const done = await act(caseId, residence, 'hand-over', { trackingNumber: 'SF1234567890' });
    expect(done.status).toBe('completed');
    const types = await historyTypes(caseId, await sys.token('supervisor', '000000'));
    expect(types).toEqual(
      expect.arrayContaining(['PhotoCaptured', 'FingerprintsCaptured', 'CardProductionRequested', 'FeeAssessed', 'CardProduced', 'CardDelivered']),
    );
  });

  it('multi-entry visa: receipt valid 7 WD, passport returned, records checked, type M issued; a refusal is final', async () => {
    const worker = await sys.token('caseworker', '440106');
    const body = (passportNo: string) => ({
      type: 'multi-entry-visa',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: 'Anna Schmidt', passportNo, nationality: 'DEU' },
      materials: ['passport', 'invitation letter'],
      details: {
        currentVisa: { type: 'M', entryDate: day(-5), stayUntil: day(25) },
        invitingCompany: { creditCode: '91440106MA59ABCD1M', name: 'Canton Trading Co.' },
        requestedValidityYears: 3,
        passportValidUntil: '2031-05-31',
      },
    });
    const over = await sys.request('POST', '/cases', {
      token: worker,
      body: { ...body('C01X00T48'), details: { ...body('C01X00T48').details, requestedValidityYears: 4 } },
    });
    expect(over.status).toBe(422);

    const caseId = await open(worker, body('C01X00T47'));
    const accepted = await act(caseId, worker, 'accept');
    expect(accepted.receipts[0].number).toMatch(/^SL-440106-/);
    await eventually(async () => (await view(caseId, worker)).records.length >= 2);
    const approved = await act(caseId, worker, 'approve');
    expect(approved.documents.find((d: { kind: string }) => d.kind === 'visa')).toMatchObject({ visaType: 'M' });
    const types = await historyTypes(caseId, await sys.token('supervisor', '440000'));
    expect(types).toEqual(expect.arrayContaining(['AcceptanceReceiptIssued', 'PassportVerifiedAndReturned', 'RecordsVerified', 'VisaIssued']));

    const refusedId = await open(worker, body('NOENTRY01'));
    await act(caseId, worker, 'request-materials', { items: ['x'] }, 409);
    await act(refusedId, worker, 'accept');
    await eventually(async () => (await view(refusedId, worker)).records.length >= 2);
    await act(refusedId, worker, 'approve', {}, 409);
    const refused = await act(refusedId, worker, 'refuse', {});
    expect(refused.status).toBe('refused');
    await act(refusedId, worker, 'withdraw', { reason: 'too late' }, 409);
  });

  // Runs last: every case the tests above opened, of every type.
  it('records in the history every deadline a case view shows, with the calendar it was computed on', async () => {
    const supervisor = await sys.token('supervisor', '000000');
    const officer = await sys.token('caseworker', '440106');
    await open(officer, portVisaBody()); // accepted at lodging: its hours clock runs from the opening
    const types = new Set<string>();
    for (const caseId of opened) {
      const shown = (await view(caseId, supervisor)) as { type: string; sla: { clock: string; goal: string; deadline: string }[] };
      types.add(shown.type);
      const events = (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as { metadata: { clocks?: object[] } }[];
      const facts = events.flatMap((e) => e.metadata.clocks ?? []);
      for (const clock of shown.sla) {
        expect(facts).toContainEqual(
          expect.objectContaining({
            clock: clock.clock,
            goalAt: clock.goal,
            deadline: clock.deadline,
            calendarVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
          }),
        );
      }
    }
    expect([...types].sort()).toEqual(['first-id-card', 'hukou-migration', 'multi-entry-visa', 'port-visa']);
  }, 60_000);

  // Runs last too: every case opened above, replayed at every instant its history names (issue 11).
  it('replays every case at each event instant and 1 ms before it, as the instants imply', async () => {
    const supervisor = await sys.token('supervisor', '000000');
    for (const caseId of opened) await expectStateAtEveryInstant(sys, caseId, supervisor);
  }, 120_000);
});
