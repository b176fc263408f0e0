import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, hukouBody, openSettled, OTHER_OFFICE, OTHER_PROVINCE, OWN, problemDefects, raw } from './support/fixtures';

/**
 * The access log of a case (issue 12): reads of personal data and every refused access on a case that
 * exists — who, role, office, when, route, outcome — apart from the case stream, for supervisors only.
 * Refusals by the domain stay in the rejection audit of the history.
 */
describe('access log', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
  }, 120_000);
  afterAll(() => sys?.stop());

  const entriesOf = async (caseId: string) => {
    const r = await sys.request('GET', `/cases/${caseId}/access-log`, { token: await sys.token('supervisor', OWN, 'auditor') });
    expect(r.status).toBe(200);
    return r.body.entries as any[];
  };

  it('lists reads, a look-up and refused attempts with who, role, office, when, route and outcome; the case stream is untouched', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-zhou');
    const caseId = await openSettled(sys, caseworker, hukouBody('window'));
    const versionBefore = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body.version;
    const since = new Date().toISOString();

    const supervisor = await sys.token('supervisor', OWN, 'supervisor-wang');
    expect((await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).status).toBe(200);
    expect((await sys.request('GET', `/cases/${caseId}/state?version=1`, { token: supervisor })).status).toBe(200);
    // A look-up that finds the case by its applicant's ID number (issue 12: read, look-up and refusal in one log).
    // It reads the case list, which follows the events within moments: until then it finds nothing, and its
    // entry has no case (filed apart, not in this case's log).
    await eventually(async () => {
      const r = await sys.request('POST', '/cases/lookup', { token: supervisor, body: { idNumber: APPLICANT_ID } });
      expect(r.status).toBe(200);
      return (r.body.items as any[]).some((c) => c.caseId === caseId);
    });
    // Refused: a caseworker of another office (404), an applicant who did not lodge it (404), an SLA monitor
    // asking for the history (403), a monitor trying an action (403), a caseworker asking for this log (403).
    expect((await raw(sys, 'GET', `/cases/${caseId}`, { token: await sys.token('caseworker', OTHER_OFFICE, 'officer-elsewhere') })).status).toBe(404);
    expect((await raw(sys, 'GET', `/cases/${caseId}`, { token: await sys.token('applicant', OWN, 'curious-neighbour') })).status).toBe(404);
    expect((await raw(sys, 'GET', `/cases/${caseId}/history`, { token: await sys.token('sla-monitor', OWN, 'monitor-li') })).status).toBe(403);
    const monitorAct = await raw(sys, 'POST', `/cases/${caseId}/actions/accept`, { token: await sys.token('sla-monitor', OWN, 'monitor-li'), body: '{}' });
    expect(monitorAct.status).toBe(403);
    expect((await raw(sys, 'GET', `/cases/${caseId}/access-log`, { token: caseworker })).status).toBe(403);
    // A refusal the domain makes (an action the case's state does not allow) goes to the rejection audit, not here.
    const domainRefusal = await raw(sys, 'POST', `/cases/${caseId}/actions/register-settlement`, { token: caseworker, body: '{}' });
    expect([403, 409, 422]).toContain(domainRefusal.status);

    const expected = [
      `read supervisor-wang supervisor ${OWN} GET /cases/:caseId/history 200`,
      `read supervisor-wang supervisor ${OWN} GET /cases/:caseId/state 200`,
      `lookup supervisor-wang supervisor ${OWN} POST /cases/lookup 200`,
      `refused officer-elsewhere caseworker ${OTHER_OFFICE} GET /cases/:caseId 404`,
      `refused curious-neighbour applicant ${OWN} GET /cases/:caseId 404`,
      `refused monitor-li sla-monitor ${OWN} GET /cases/:caseId/history 403`,
      `refused monitor-li sla-monitor ${OWN} POST /cases/:caseId/actions/:action 403`,
      `refused officer-zhou caseworker ${OWN} GET /cases/:caseId/access-log 403`,
    ];
    const summaryOf = (e: any) => `${e.kind} ${e.actor} ${e.role} ${e.office} ${e.route} ${e.status}`;
    // What was there when the wait gave up, with each entry's time, so that a missing or mistimed entry shows.
    let last: any[] = [];
    const entries = await eventually(async () => {
      last = await entriesOf(caseId);
      const recent = last.filter((e) => e.at >= since);
      return expected.every((line) => recent.some((e) => summaryOf(e) === line)) ? recent : null;
    }).catch(() => {
      throw new Error(`since ${since}, the case's access log holds only:\n${last.map((e) => `${e.at} ${summaryOf(e)}`).join('\n')}`);
    });
    expect(entries.map(summaryOf)).toEqual(expect.arrayContaining(expected));
    expect(entries.filter((e) => e.actor === 'officer-zhou' && e.route.includes('/actions/'))).toEqual([]);
    for (const e of entries) {
      expect(Date.parse(e.at)).not.toBeNaN();
      expect(e.correlationId).toMatch(/\S/);
    }
    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body;
    expect(history.rejections.map((r: any) => r.action)).toContain('register-settlement');
    // Kept apart: the case's own stream did not move.
    expect((await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body.version).toBe(versionBefore);
  });

  it('records the reads of the case view, and files nothing for ids of cases that do not exist', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-chen');
    const caseId = await openSettled(sys, caseworker, hukouBody('window'));
    await eventually(async () => (await entriesOf(caseId)).some((e) => e.kind === 'read' && e.actor === 'officer-chen' && e.route === 'GET /cases/:caseId'));
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect((await raw(sys, 'GET', `/cases/${ghost}`, { token: caseworker })).status).toBe(404);
    const r = await raw(sys, 'GET', `/cases/${ghost}/access-log`, { token: await sys.token('supervisor', OWN) });
    expect(r.status).toBe(404);
    expect(problemDefects(r)).toEqual([]);
  });

  it('is for supervisors over the case only', async () => {
    const caseId = await openSettled(sys, await sys.token('caseworker', OWN), hukouBody('window'));
    for (const [role, office, status] of [
      ['caseworker', OWN, 403],
      ['sla-monitor', OWN, 403],
      ['applicant', OWN, 403],
      ['admin', OWN, 403],
      ['supervisor', OTHER_PROVINCE, 404],
      ['supervisor', OWN, 200],
    ] as const) {
      const r = await raw(sys, 'GET', `/cases/${caseId}/access-log`, { token: await sys.token(role, office) });
      expect({ role, office, status: r.status }).toEqual({ role, office, status });
      expect(problemDefects(r)).toEqual([]);
    }
  });
});
