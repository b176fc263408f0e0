import { randomUUID } from 'node:crypto';
import { caseSamples, recordParent, SAMPLE_OFFICES } from '../support/case-samples';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { portVisaBody, raw } from './support/fixtures';

/**
 * An opening sent again under its Idempotency-Key after its first answer was lost (the API stopped before it stored
 * the answer, or the stored answer expired: IDEMPOTENCY_TTL_HOURS, here 1.8 s) is answered by the case the first
 * attempt lodged. It is not judged again as a new opening against a world that has moved on since: an endorsement
 * filing whose permit it endorsed, a case whose run has ended. (A first attempt whose start the server lost, the case
 * already in the store, is the fault suite's: `npm run test:faults`, Temporal SIGKILL.)
 */
describe('an opening retried after its answer was lost', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { IDEMPOTENCY_TTL_HOURS: '0.0005' });
  }, 120_000);
  afterAll(() => sys?.stop());

  const WINDOW = SAMPLE_OFFICES.window;
  const national = () => sys.token('supervisor', '000000');
  const types = async (caseId: string) =>
    ((await sys.request('GET', `/cases/${caseId}/history`, { token: await national() })).body.events as { type: string }[]).map((e) => e.type);
  const send = async (body: unknown, key: string) =>
    raw(sys, 'POST', '/cases', {
      token: await sys.token('caseworker', WINDOW, 'officer-retry'),
      body: JSON.stringify(body),
      headers: { 'idempotency-key': key },
    });
  const expired = () => new Promise((r) => setTimeout(r, 2_500));
  /** A first opening under a fresh key, lodged: its key and case id. */
  const lodge = async (body: unknown) => {
    const key = randomUUID();
    const first = await send(body, key);
    expect(first.status).toBe(201);
    return { key, caseId: (first.body as { caseId: string }).caseId };
  };

  it('an endorsement filing whose permit it already endorsed: the same case, not "lodge the endorsement then"', async () => {
    const sample = caseSamples['residence-permit-endorsement'];
    const permitCaseId = await recordParent(sys.store, sample, 7, { now: Date.now(), timeScale: 1 });
    const body = { ...sample.body(7), parentCaseId: permitCaseId };
    const { key, caseId } = await lodge(body);
    await eventually(async () => (await types(caseId)).includes('CaseCompleted'), 30_000);
    expect((await types(permitCaseId)).filter((t) => t === 'ResidencePermitEndorsed')).toHaveLength(1);

    await expired();
    const again = await send(body, key);
    expect({ status: again.status, caseId: (again.body as { caseId?: string }).caseId, detail: (again.body as { detail?: string }).detail }).toEqual({
      status: 201,
      caseId,
      detail: undefined,
    });
    expect((await types(caseId)).filter((t) => t === 'CaseOpened')).toHaveLength(1);
    expect((await types(permitCaseId)).filter((t) => t === 'ResidencePermitEndorsed')).toHaveLength(1);
  });

  it('a case still open: its run answers, the case opened once', async () => {
    const body = portVisaBody();
    const { key, caseId } = await lodge(body);
    await expired();
    const again = await send(body, key);
    expect({ status: again.status, caseId: (again.body as { caseId?: string }).caseId }).toEqual({ status: 201, caseId });
    expect((await types(caseId)).filter((t) => t === 'CaseOpened')).toHaveLength(1);
  });

  it('a case decided and closed since: the same case, opened once', async () => {
    const body = portVisaBody();
    const { key, caseId } = await lodge(body);
    const approved = await sys.request('POST', `/cases/${caseId}/actions/approve`, { token: await sys.token('caseworker', WINDOW, 'officer-retry'), body: {} });
    expect(approved.body.status).toBe('completed');

    await expired();
    const again = await send(body, key);
    expect({ status: again.status, caseId: (again.body as { caseId?: string }).caseId, caseStatus: (again.body as { status?: string }).status }).toEqual({
      status: 201,
      caseId,
      caseStatus: 'completed',
    });
    expect((await types(caseId)).filter((t) => t === 'CaseOpened')).toHaveLength(1);
  });
});
