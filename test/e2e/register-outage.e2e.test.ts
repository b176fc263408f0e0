import { createLocalRegistries, RegistryUnavailable, type AllRegistries } from '../../activities/registries';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

/**
 * Issue 11, finding 3 over HTTP: the company register goes down while a case is checked. The check is
 * recorded as `unavailable`; neither approval nor refusal may rest on it; once the register is back a
 * caseworker of the deciding office runs `recheck-records`, the register confirms and the case is approved.
 */
const OFFICE = '440106';
const COMPANY = '91440106MA59ABCD1M'; // valid check character, active in the local register

/** The local stand-ins, with a switch that takes the company register down (every call fails, as in an outage). */
function switchableRegistries(): { registries: AllRegistries; outage: { company: boolean } } {
  const outage = { company: false };
  const local = createLocalRegistries({ latencyMs: 5, transientFailureRate: 0 });
  const registries: AllRegistries = {
    ...local,
    company: {
      lookup: async (creditCode) => {
        if (outage.company) throw new RegistryUnavailable('company');
        return local.company.lookup(creditCode);
      },
    },
  };
  return { registries, outage };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const body = () => ({
  type: 'multi-entry-visa',
  channel: 'window',
  receivingOffice: OFFICE,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport', 'invitation letter'],
  details: {
    currentVisa: { type: 'M', entryDate: day(-5), stayUntil: day(25) },
    invitingCompany: { creditCode: COMPANY, name: 'Canton Trading Co.' },
    requestedValidityYears: 3,
    passportValidUntil: '2031-05-31',
  },
});

describe('register outage end to end (issue 11, finding 3)', () => {
  let sys: TestSystem;
  let worker: string;
  let otherOffice: string;
  let supervisor: string;
  const { registries, outage } = switchableRegistries();

  beforeAll(async () => {
    sys = await startTestSystem('pglite', {}, { registries });
    worker = await sys.token('caseworker', OFFICE, 'officer-li');
    otherOffice = await sys.token('caseworker', '440104', 'officer-wu');
    supervisor = await sys.token('supervisor', '440000');
  }, 120_000);
  afterAll(() => sys?.stop());

  const act = (caseId: string, action: string, payload: unknown = {}, token = worker) =>
    sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body: payload });
  const view = async (caseId: string) => (await sys.request('GET', `/cases/${caseId}`, { token: worker })).body;
  const companyCheck = (v: any) => v.records.find((r: { registry: string }) => r.registry === 'company');

  it('records the outage as unavailable, refuses nothing on it, and rechecks once the register is back', async () => {
    outage.company = true;
    const opened = await sys.request('POST', '/cases', { token: worker, body: body() });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;

    // The activity retries, then gives up: the check is recorded as unavailable, not as a negative answer.
    const down = await eventually(async () => {
      const v = await view(caseId);
      return companyCheck(v) && v.records.length >= 2 ? v : undefined;
    }, 45_000);
    expect(companyCheck(down)).toMatchObject({ ok: false, result: 'unavailable' });
    expect(down.records.find((r: { registry: string }) => r.registry === 'entry-exit')).toMatchObject({ ok: true, result: 'confirmed' });

    const accepted = await act(caseId, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.allowedActions).toEqual(expect.arrayContaining(['recheck-records']));
    expect(accepted.body.allowedActions).not.toContain('approve');
    expect(accepted.body.allowedActions).not.toContain('refuse');

    const approve = await act(caseId, 'approve');
    expect(approve.status).toBe(409);
    expect(approve.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(approve.body.detail).toMatch(/company register did not answer.*recheck-records/);
    const refuse = await act(caseId, 'refuse', {});
    expect(refuse.status).toBe(409);
    expect(refuse.body.detail).toMatch(/no refusal may rest on an unanswered register check/);
    expect((await act(caseId, 'recheck-records', {}, otherOffice)).status).toBe(404); // not involved: may not even know the case
    expect((await act(caseId, 'recheck-records', {}, supervisor)).status).toBe(403);
    expect((await view(caseId)).version).toBe(accepted.body.version); // the refused commands changed nothing

    outage.company = false;
    const recheck = await act(caseId, 'recheck-records');
    expect(recheck.status).toBe(200);
    const up = await eventually(async () => {
      const v = await view(caseId);
      return companyCheck(v)?.result === 'confirmed' ? v : undefined;
    }, 30_000);
    expect(companyCheck(up)).toMatchObject({ ok: true });
    expect(up.allowedActions).toContain('approve');

    const approved = await act(caseId, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('completed');

    const history = await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor });
    const checks = history.body.events
      .filter((e: { type: string; data: { registry?: string } }) => e.type === 'RecordsRecheckRequested' || e.data.registry === 'company')
      .map((e: { type: string; data: { result?: string } }) => `${e.type}:${e.data.result ?? ''}`);
    expect(checks).toEqual(['RecordsVerified:unavailable', 'RecordsRecheckRequested:', 'RecordsVerified:confirmed']);
  }, 120_000);
});
