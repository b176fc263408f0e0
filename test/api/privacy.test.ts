import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, APPLICANT_NAME, hukouBody, openSettled, OWN, portVisaBody } from './support/fixtures';

/**
 * Personal data only where it belongs (issue 12): what an SLA monitor's views leave out, alert streams
 * that end with their token and never replay the whole log by accident, and idempotent replays that are
 * authorized like the request itself. The embedded profile, with business time 100 000 times faster so
 * that a port visa's decision clock runs out (SLA events) within a second.
 */
describe('privacy: masking, alert streams, idempotent replays', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { SLA_TIME_SCALE: '100000' });
  }, 120_000);
  afterAll(() => sys?.stop());

  it('shows an SLA monitor clocks, not people: no identifier in records, documents, receipts or the assignee, in the view and the list', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-zhou');
    const monitor = await sys.token('sla-monitor', OWN);

    // A hukou case refused at acceptance (a receipt), assigned; a port visa approved (a document).
    const hukou = await openSettled(sys, caseworker, hukouBody('window'));
    expect((await sys.request('POST', `/cases/${hukou}/actions/assign`, { token: caseworker, body: { assignee: 'officer-zhou' } })).status).toBe(200);
    const refused = await sys.request('POST', `/cases/${hukou}/actions/refuse-acceptance`, { token: caseworker, body: { reason: 'materials incomplete' } });
    expect(refused.status).toBe(200);
    const visa = await openSettled(sys, caseworker, portVisaBody());
    expect((await sys.request('POST', `/cases/${visa}/actions/accept`, { token: caseworker, body: {} })).status).toBe(200);
    const approved = await sys.request('POST', `/cases/${visa}/actions/approve`, { token: caseworker, body: {} });
    expect(approved.status).toBe(200);

    // What the caseworker sees: the identifiers the monitor must not.
    const full = { hukou: (await sys.request('GET', `/cases/${hukou}`, { token: caseworker })).body, visa: approved.body };
    expect(JSON.stringify(full.hukou.records)).toContain(APPLICANT_ID);
    expect(full.hukou.receipts[0].number).toMatch(/\S/);
    expect(full.hukou.assignee).toBe('officer-zhou');
    expect(full.visa.documents[0].number).toMatch(/\S/);
    const secrets = [
      APPLICANT_ID,
      APPLICANT_ID.slice(6, 14), // the birth date and sequence, the part a partial mask hides
      APPLICANT_NAME,
      'C01X00T47',
      '01X00T47',
      'Anna',
      'Schmidt',
      'officer-zhou',
      full.hukou.receipts[0].number,
      full.visa.documents[0].number,
      ...full.hukou.records.map((r: any) => r.detail),
      ...full.visa.records.map((r: any) => r.detail),
    ];

    await eventually(async () => {
      const list = await sys.request('GET', `/cases?office=${OWN}`, { token: monitor });
      return [hukou, visa].every((id) => list.body.items.some((c: any) => c.caseId === id && c.status === (id === hukou ? 'not-accepted' : 'completed')));
    });
    const views = [
      (await sys.request('GET', `/cases/${hukou}`, { token: monitor })).body,
      (await sys.request('GET', `/cases/${visa}`, { token: monitor })).body,
      (await sys.request('GET', `/cases?office=${OWN}`, { token: monitor })).body,
    ];
    for (const view of views) {
      const text = JSON.stringify(view);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }

    // What a monitor needs stays: type, status, step, offices, clocks, versions, which checks ran and how.
    const [h, v] = views;
    for (const [masked, original] of [
      [h, full.hukou],
      [v, full.visa],
    ]) {
      for (const field of ['type', 'status', 'step', 'receivingOffice', 'handlingOffice', 'involvedOffices', 'version', 'openedAt', 'closedAt', 'sla'])
        expect(masked[field]).toEqual(original[field]);
      expect(masked.records.map((r: any) => [r.registry, r.ok])).toEqual(original.records.map((r: any) => [r.registry, r.ok]));
      expect(masked.assignee).toBeNull();
    }
    expect(h.receipts.map((r: any) => r.kind)).toEqual(['refusal']);
    expect(v.documents.map((d: any) => d.kind)).toEqual(full.visa.documents.map((d: any) => d.kind));
    const listed = views[2].items.find((c: any) => c.caseId === hukou);
    expect(listed.records.every((r: any) => r.subject === '' && r.detail === '')).toBe(true);
  }, 90_000);
});
