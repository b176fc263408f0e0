import { randomUUID } from 'node:crypto';
import { openStores, type Stores } from '../../apps/runtime/stores';
import { appendRecordedCase, recordedPermitEvents } from '../support/recorded-permit';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { caseClient } from './support/case-client';

/**
 * Metropolitan residence years from residence-permit records (docs/domain.md §7.4 互通互認, §7.9 item 8), over HTTP on
 * the server profile: a Shenzhen residence permit issued in 2019 and endorsed every year is a case of this store; a
 * hukou migration to Guangzhou (same Pearl River Delta group) lodged for its holder reads it, and its years bring the
 * points up to Guangzhou's pass mark, where the declared figures alone fall short.
 */
describe('metro residence years from residence-permit cases end to end (server profile)', () => {
  let sys: TestSystem;
  let stores: Stores;
  beforeAll(async () => {
    sys = await startTestSystem('postgres');
    // The store the system writes to, opened beside it: the permit case is appended as the workflow wrote it in 2019.
    stores = await openStores(sys.config.eventStore);
  });
  afterAll(async () => {
    await stores?.close();
    await sys?.stop();
  });

  const { open, act, view } = caseClient(() => sys);
  const SHENZHEN = '440300';
  const TIANHE = '440106';
  const HUANGPU = '310101';
  const history = async (caseId: string) =>
    (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', '000000') })).body.events as { type: string; data: any }[];
  // Guangzhou: 4 points per insured year, 2 per resident year, pass mark 80. Declared: 15 insured, 3 resident = 66.
  const hukouBody = (idNumber: string) => ({
    type: 'hukou-migration',
    channel: 'window',
    receivingOffice: TIANHE,
    applicant: { name: '周敏', idNumber },
    materials: ['application form', 'labour contract'],
    details: {
      category: 'work-transfer',
      fromOffice: HUANGPU,
      toOffice: TIANHE,
      destinationCity: { code: '440100' },
      residenceYears: 3,
      socialInsuranceYears: 15,
      // Declared, not counted: the register of permits answers for the metro group's residence years.
      metroAreaYears: [{ cityCode: SHENZHEN, residenceYears: 9, socialInsuranceYears: 0 }],
    },
  });
  const assessment = async (caseId: string) => {
    const events = await eventually(async () => {
      const all = await history(caseId);
      return all.some((e) => e.type === 'EligibilityAssessed') ? all : null;
    });
    return events.find((e) => e.type === 'EligibilityAssessed')!.data;
  };

  it("a Shenzhen permit case's 7 years let a Guangzhou migration reach the pass mark; without one it falls short", async () => {
    const holder = '310101198803150020';
    const permitCaseId = randomUUID();
    const lodgedAt = '2019-02-18T02:00:00.000Z';
    const events = recordedPermitEvents({
      caseId: permitCaseId,
      idNumber: holder,
      name: '周敏',
      office: SHENZHEN,
      hukouOffice: HUANGPU,
      lodgedAt,
      endorsedUntil: new Date().toISOString(),
    });
    await appendRecordedCase(stores.store, permitCaseId, events, { id: `cw-${SHENZHEN}`, role: 'caseworker', office: SHENZHEN });
    // The case list (whose index the register reads) has the permit case once the projection caught up.
    const national = await sys.token('supervisor', '000000');
    await eventually(async () =>
      (await sys.request('GET', '/cases?type=residence-permit', { token: national })).body.items.some((c: any) => c.caseId === permitCaseId),
    );

    const moveIn = await sys.token('caseworker', TIANHE);
    const caseId = await open(moveIn, hukouBody(holder));
    await eventually(async () => (await view(caseId, moveIn)).records.length >= 2);
    const check = (await view(caseId, moveIn)).records.find((r: { registry: string }) => r.registry === 'residence-permit');
    expect(check).toMatchObject({ result: 'confirmed', facts: { permits: 1, [`years:${SHENZHEN}`]: expect.any(Number) } });
    const years = check.facts[`years:${SHENZHEN}`] as number;
    expect(years).toBeGreaterThanOrEqual(7); // issued 2019-02-19, endorsed every year since
    await act(caseId, moveIn, 'accept');
    const assessed = await assessment(caseId);
    expect(assessed).toMatchObject({
      eligible: true,
      residenceYears: 3 + years,
      socialInsuranceYears: 15,
      metroArea: { residenceYearsFrom: 'permit-records', permitYears: [{ cityCode: SHENZHEN, residenceYears: years }], countedResidenceYears: years },
    });
    expect(assessed.points.total).toBeGreaterThanOrEqual(80);
    const types = (await history(caseId)).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['CaseOpened', 'PermitRecordsRequested']);
    const approved = await act(caseId, moveIn, 'approve');
    expect(approved.documents.map((d: { kind: string }) => d.kind)).toContain('move-in-permit');
    await act(caseId, await sys.token('caseworker', HUANGPU), 'confirm-move-out');
    expect((await act(caseId, moveIn, 'register-settlement')).status).toBe('completed');

    // Somebody with the same declared figures and no permit on record: 66 points, not eligible, approval refused.
    const other = await open(moveIn, hukouBody('310101198803150039'));
    await eventually(async () => (await view(other, moveIn)).records.length >= 2);
    await act(other, moveIn, 'accept');
    expect(await assessment(other)).toMatchObject({ eligible: false, points: { total: 66 }, metroArea: { permitYears: [], countedResidenceYears: 0 } });
    await act(other, moveIn, 'approve', {}, 409);
  });
});
