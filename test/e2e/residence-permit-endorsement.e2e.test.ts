import { caseSamples, SAMPLE_OFFICES } from '../support/case-samples';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { caseClient } from './support/case-client';

/**
 * The yearly endorsement of a residence permit as its own filing (docs/domain.md §7.4, 居住證暫行條例 art 10) over HTTP,
 * business time x4000000 (a month is about 0.65 s, a year 8 s): a permit lodged online by its holder is issued and handed
 * over; an endorsement outside the window, for another person's permit, without a permit or for a case that is not a
 * permit is refused and changes nothing; once the anniversary passed unendorsed (suspended), the holder lodges the
 * endorsement online, the permit case (completed, kept running) records it and the filing completes. Here the permit
 * lives through its year in the system; the suites that cannot wait a year (authorization matrix, masking scan, fault
 * suite, benchmark) lodge the sample (test/support/case-samples.ts) under a permit recorded into the store instead.
 */
describe('residence permit endorsement filing end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { SLA_TIME_SCALE: '4000000' });
  });
  afterAll(() => sys?.stop());

  const { open, act, view } = caseClient(() => sys);
  const WINDOW = SAMPLE_OFFICES.window; // Guangzhou Tianhe: the residence office, which receives and issues
  const sample = caseSamples['residence-permit-endorsement'];
  const permitBody = sample.parent!.body(3);
  const holder = permitBody.applicant as { name: string; idNumber: string };
  const endorsement = (parentCaseId?: string, over: Record<string, unknown> = {}) => ({
    ...sample.body(3),
    channel: 'online',
    ...(parentCaseId ? { parentCaseId } : {}),
    ...over,
  });
  const national = () => sys.token('supervisor', '000000');
  const history = async (caseId: string) =>
    (await sys.request('GET', `/cases/${caseId}/history`, { token: await national() })).body.events as { type: string; data: any }[];
  const types = async (caseId: string) => (await history(caseId)).map((e) => e.type);
  const holderToken = () => sys.token('applicant', '000000', 'holder-huang', { idNumber: holder.idNumber });

  /** A permit lodged online by `applicant`, taken by the window to its hand-over. */
  async function deliveredPermit(applicant: { name: string; idNumber: string }, token: string): Promise<string> {
    const station = await sys.token('caseworker', WINDOW);
    const caseId = await open(token, { ...permitBody, channel: 'online', applicant });
    for (const step of sample.parent!.path) {
      const offered = async () => {
        const now = await view(caseId, station);
        // At this scale acceptance may be deemed (行政許可法 art 32(4)) before the window accepts: that serves too.
        if (step.action === 'accept' && now.status === 'accepted') return 'deemed';
        return (now.allowedActions as string[]).includes(step.action) ? 'offered' : null;
      };
      if ((await eventually(offered, 30_000)) === 'offered') await act(caseId, station, step.action, step.body ?? {});
    }
    return caseId;
  }

  it('refused outside the window and for bad parents, nothing changed; once suspended, endorsed late online; the permit records it', async () => {
    const self = await holderToken();
    const permitCaseId = await deliveredPermit(holder, self);
    const before = await types(permitCaseId);

    const refused = async (body: unknown, token = self) => {
      const r = await sys.request('POST', '/cases', { token, body });
      expect(r.status).toBe(422);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(r.body)).not.toContain(holder.idNumber);
      expect(JSON.stringify(r.body)).not.toContain(holder.name);
      return r.body.detail as string;
    };
    // Handed over a moment ago: the window opens a month before the anniversary (about 7 s from now at this scale).
    expect(await refused(endorsement(permitCaseId))).toMatch(
      /is endorsed in the month before its anniversary \d{4}-\d\d-\d\d, from \d{4}-\d\d-\d\d \(居住證暫行條例 art 10\)/,
    );
    expect(await refused(endorsement())).toBe(
      "a residence-permit-endorsement case is lodged linked to its residence-permit case: give that case's id in parentCaseId",
    );
    // Another person's permit, and a case that is not a permit, lodged by its own holder.
    const other = { name: '周敏', idNumber: '310101198803150020' };
    const otherToken = await sys.token('applicant', '000000', 'holder-zhou', { idNumber: other.idNumber });
    const otherPermit = await open(otherToken, { ...permitBody, channel: 'online', applicant: other });
    expect(await refused(endorsement(otherPermit))).toMatch(/names no case you may see|about another person/);
    const station = await sys.token('caseworker', WINDOW);
    expect(await refused(endorsement(otherPermit, { channel: 'window' }), station)).toBe(
      'the case named in parentCaseId is about another person than this residence-permit-endorsement case',
    );
    const lossReport = await open(station, {
      type: 'id-card-loss-report',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: holder,
      materials: [],
      details: { hukouOffice: '310101' },
    });
    expect(await refused(endorsement(lossReport, { channel: 'window' }), station)).toBe(
      'a residence-permit-endorsement case is linked to a residence-permit case, not to a id-card-loss-report case',
    );
    // Nothing changed: the permit case recorded nothing, and the holder has no endorsement case.
    expect(await types(permitCaseId)).toEqual(before);
    const mine = (await sys.request('GET', '/cases?type=residence-permit-endorsement', { token: self })).body.items;
    expect(mine).toEqual([]);

    // The anniversary passes unendorsed: suspended (about 8 s at this scale).
    await eventually(async () => (await types(permitCaseId)).includes('ResidencePermitSuspended'), 40_000);
    const filingId = await open(self, endorsement(permitCaseId));
    const lodged = await view(filingId, self);
    expect(lodged).toMatchObject({ type: 'residence-permit-endorsement', channel: 'online', parentCaseId: permitCaseId, sla: [] });
    expect(lodged.receipts).toEqual([expect.objectContaining({ kind: 'filing', verificationCode: expect.any(String) })]);
    expect(lodged.allowedActions).not.toContain('approve');

    await eventually(async () => (await view(filingId, self)).status === 'completed', 30_000);
    expect(await types(filingId)).toEqual(['CaseOpened', 'CaseAccepted', 'EndorsementLodged', 'PermitEndorsementRecorded', 'CaseCompleted']);
    const permitEvents = await history(permitCaseId);
    const endorsed = permitEvents.find((e) => e.type === 'ResidencePermitEndorsed')!;
    expect(endorsed.data).toMatchObject({ late: true, childCaseId: filingId, office: WINDOW });
    expect(permitEvents.map((e) => e.type)).toContain('ResidenceYearsRestarted');
    const permit = await view(permitCaseId, self);
    expect(permit).toMatchObject({ status: 'completed', childCases: [expect.objectContaining({ caseId: filingId, type: 'residence-permit-endorsement' })] });

    // A filing is counted apart and never on the SLA board.
    const supervisor = await sys.token('supervisor', '440000');
    const board = (await sys.request('GET', '/sla/board?type=residence-permit-endorsement', { token: supervisor })).body;
    expect(board.items.filter((i: { caseId: string }) => i.caseId === filingId)).toEqual([]);

    // Access (as the authorization matrix's cells for a sample, api.md): the involved office's caseworkers, supervisors of
    // its province or national, the holder; another office, another province, another applicant: 404; admin 403.
    const read = async (token: string) => (await sys.request('GET', `/cases/${filingId}`, { token })).status;
    expect(await read(station)).toBe(200);
    expect(await read(await sys.token('caseworker', '440104'))).toBe(404);
    expect(await read(await sys.token('caseworker', '310101'))).toBe(404);
    expect(await read(await sys.token('supervisor', '440000'))).toBe(200);
    expect(await read(await sys.token('supervisor', '310000'))).toBe(404);
    expect(await read(otherToken)).toBe(404);
    expect(await read(await sys.token('admin', WINDOW))).toBe(403);
    expect((await sys.request('GET', `/cases/${filingId}`)).status).toBe(401);
    // Lodging: another office's caseworker, a supervisor, an SLA monitor may not lodge at the window (403, the parent
    // unread); an applicant only for the person their token names.
    const lodge = async (token: string, body: unknown) => (await sys.request('POST', '/cases', { token, body })).status;
    const atWindow = endorsement(permitCaseId, { channel: 'window' });
    expect(await lodge(await sys.token('caseworker', '440104'), atWindow)).toBe(403);
    expect(await lodge(await sys.token('supervisor', WINDOW), atWindow)).toBe(403);
    expect(await lodge(await sys.token('sla-monitor', WINDOW), atWindow)).toBe(403);
    expect(await lodge(otherToken, endorsement(permitCaseId))).toBe(403);

    // Masking (the masking scan's rule): an SLA monitor sees the filing without a name or any part of a number.
    const monitor = await sys.request('GET', `/cases/${filingId}`, { token: await sys.token('sla-monitor', WINDOW) });
    expect(monitor.status).toBe(200);
    expect(monitor.body.applicant.name).toBe('');
    expect(monitor.body.applicant).not.toHaveProperty('idNumber');
    const monitorText = JSON.stringify(monitor.body) + JSON.stringify(board);
    for (const secret of [holder.idNumber, holder.idNumber.slice(6, 14), holder.name]) expect(monitorText).not.toContain(secret);

    // The permit is surrendered: its run ends; a filing for it is refused.
    await act(permitCaseId, self, 'surrender', { reason: 'left-the-city' });
    expect(await refused(endorsement(permitCaseId))).toMatch(/was surrendered: a surrendered permit is not endorsed/);
  }, 120_000);
});
