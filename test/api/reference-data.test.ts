import { startTestSystem, type TestSystem } from '../support/system';
import { hukouBody, NATIONAL, ORIGIN, OWN } from './support/fixtures';

/**
 * Reference data over HTTP: an administrator publishes a new version of a table; a case decides with the
 * versions in force when it was lodged, and its EligibilityAssessed says which ones and what it read.
 */
describe('PUT /admin/reference/{name}: versioned tables, recorded where they are applied', () => {
  let sys: TestSystem;
  let admin: string;
  let caseworker: string;
  let supervisor: string;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    [admin, caseworker, supervisor] = await Promise.all([sys.token('admin', NATIONAL), sys.token('caseworker', OWN), sys.token('supervisor', OWN)]);
  }, 120_000);
  afterAll(() => sys?.stop());

  const open = async () => {
    const r = await sys.request('POST', '/cases', { token: caseworker, body: hukouBody('window') });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };
  const assessment = async (caseId: string) => {
    expect((await sys.request('POST', `/cases/${caseId}/actions/accept`, { token: caseworker, body: {} })).status).toBe(200);
    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as { type: string; data: any }[];
    return history.find((e) => e.type === 'EligibilityAssessed')!.data;
  };

  it('governs each case by the tables in force when it was lodged, and records their versions', async () => {
    const listed = await sys.request('GET', '/admin/reference', { token: admin });
    expect(listed.status).toBe(200);
    const populations = listed.body.tables.find((t: { name: string }) => t.name === 'city-populations');
    expect(populations.publications).toHaveLength(1); // seeded from the shipped table at first start
    const before = await open();

    // Guangzhou's urban population as a (fictitious) new census would give it: under 3 million, so no restriction.
    const current = (await sys.request('GET', '/admin/reference/city-populations', { token: admin })).body;
    const data = { ...current.data, '440100': { name: '广州', urbanPopulation: 2_900_000 } };
    const published = await sys.request('PUT', '/admin/reference/city-populations', { token: admin, body: { data, source: 'test census' } });
    expect(published.status).toBe(202);
    expect(published.body).toMatchObject({ name: 'city-populations', changed: true, version: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(published.body.version).not.toBe(populations.version);
    await new Promise((r) => setTimeout(r, 2_100)); // the API reads the tables anew after its 2-second cache
    const later = await open();

    const old = await assessment(before);
    expect(old).toMatchObject({ rule: 'points', city: '440100', urbanPopulation: 13_940_000, reference: { 'city-populations': populations.version } });
    const fresh = await assessment(later);
    expect(fresh).toMatchObject({ rule: 'open', eligible: true, urbanPopulation: 2_900_000, reference: { 'city-populations': published.body.version } });

    // The same table again records nothing.
    const again = await sys.request('PUT', '/admin/reference/city-populations', { token: admin, body: { data, source: 'test census' } });
    expect(again.body).toMatchObject({ changed: false, version: published.body.version });
  }, 120_000);

  it('applies an office’s own commitment to the cases lodged after it is published, and records the version and entry', async () => {
    const history = async (caseId: string) =>
      (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as { type: string; data: any; metadata: any }[];
    const decisionClock = async (caseId: string) => {
      expect((await sys.request('POST', `/cases/${caseId}/actions/accept`, { token: caseworker, body: {} })).status).toBe(200);
      const events = await history(caseId);
      const fact = events.find((e) => e.type === 'CaseAccepted')!.metadata.clocks.find((c: { clock: string }) => c.clock === 'decision');
      return { policy: events[0].data.policy, fact };
    };
    const seeded = (await sys.request('GET', '/admin/reference/office-policies', { token: admin })).body;
    expect(seeded).toMatchObject({ name: 'office-policies', data: {} });
    const before = await open();

    const entry = { clocks: { 'hukou-migration': { decision: { limit: 15 } } }, source: 'Tianhe bureau service commitment (test)' };
    const published = await sys.request('PUT', '/admin/reference/office-policies', { token: admin, body: { data: { [OWN]: entry }, source: 'test' } });
    expect(published.status).toBe(202);
    const after = await open();

    const old = await decisionClock(before);
    const fresh = await decisionClock(after);
    expect(old.policy.clocks.decision.limit).toBe(20);
    expect(old.policy.local).toEqual({ version: seeded.version, offices: {} });
    expect(fresh.policy.clocks.decision.limit).toBe(15);
    expect(fresh.policy.local).toEqual({ version: published.body.version, offices: { [OWN]: entry } });
    // Both accepted moments apart: the committed deadline is 5 working days before the statutory one.
    expect(Date.parse(fresh.fact.deadline)).toBeLessThan(Date.parse(old.fact.deadline));
    // The office directory's entries of the case's own offices are in its opening, under the directory's version.
    const opened = (await history(after))[0].data;
    expect(Object.keys(opened.officeDirectory.data).sort()).toEqual(['440000', '440100', ORIGIN, OWN]); // and the offices above them
    expect(opened.officeDirectory.data[OWN]).toMatchObject({ kind: 'county-bureau', province: '44' });
  }, 120_000);

  it('no longer takes a city population from whoever lodges the case', async () => {
    const body = hukouBody('window');
    const r = await sys.request('POST', '/cases', {
      token: caseworker,
      body: { ...body, details: { ...body.details, destinationCity: { code: '440100', urbanPopulation: 1 } } },
    });
    expect([400, 422]).toContain(r.status);
    expect(JSON.stringify(r.body)).toMatch(/urbanPopulation/);
  });

  it('refuses a malformed table, an unknown table or another role, and changes nothing', async () => {
    const versions = async () => (await sys.request('GET', '/admin/reference', { token: admin })).body.tables.map((t: { version: string }) => t.version);
    const before = await versions();
    const bad = await sys.request('PUT', '/admin/reference/hukou-admission', {
      token: admin,
      body: { data: { openBelow: 6_000_000, pointsFrom: 5_000_000 }, source: 'typo' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    const badCity = await sys.request('PUT', '/admin/reference/city-populations', { token: admin, body: { data: { guangzhou: 1 }, source: 'x' } });
    expect(badCity.status).toBe(422);
    expect((await sys.request('PUT', '/admin/reference/no-such-table', { token: admin, body: { data: {}, source: 'x' } })).status).toBe(400);
    expect((await sys.request('PUT', '/admin/reference/metro-areas', { token: admin, body: { data: {} } })).status).toBe(400);
    const badParent = await sys.request('PUT', '/admin/reference/offices', {
      token: admin,
      body: { data: { [OWN]: { name: '天河', kind: 'county-bureau', parent: '449999', province: '44' } }, source: 'x' },
    });
    expect(badParent.status).toBe(422);
    expect(badParent.body.errors).toEqual([{ path: `data.${OWN}.parent`, message: 'parent office 449999 is not in the directory' }]);
    const longer = await sys.request('PUT', '/admin/reference/office-policies', {
      token: admin,
      body: { data: { [OWN]: { clocks: { 'hukou-migration': { decision: { limit: 30 } } } } }, source: 'x' },
    });
    expect(longer.status).toBe(422);
    expect(longer.body.errors[0]).toMatchObject({ path: `data.${OWN}.clocks.hukou-migration.decision.limit`, message: expect.stringMatching(/never more/) });
    expect((await sys.request('PUT', '/admin/reference/metro-areas', { token: caseworker, body: { data: { x: ['440100'] }, source: 'x' } })).status).toBe(403);
    expect(await versions()).toEqual(before);
  });
});
