import { idFromKey } from '../../apps/api/idempotency/idempotency';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { openEventStream, OTHER_PROVINCE, OWN, portVisaBody, type EventStream, type SseMessage } from './support/fixtures';

/**
 * GET /sla/alerts (Server-Sent Events) on the embedded profile with business time running 100 000 times
 * faster: a port visa lodged (and so accepted) now misses its 4-hour decision goal and deadline within a fraction of a
 * second, and each SLA event must reach the watchers in scope as it happens, and only them.
 */
const SLA_TYPES = ['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated'];

describe('GET /sla/alerts: one message per SLA event, as it happens', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { SLA_TIME_SCALE: '100000' });
  }, 120_000);
  afterAll(() => sys?.stop());

  it('streams every SLA event of a case to the monitors of its province, in order, and replays after Last-Event-ID', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-wang');
    const monitor = await sys.token('sla-monitor', OWN);
    const farMonitor = await sys.token('sla-monitor', OTHER_PROVINCE);
    const supervisor = await sys.token('supervisor', OWN);
    const streams: EventStream[] = [];
    try {
      const near = await openEventStream(`${sys.url}/sla/alerts`, monitor);
      const far = await openEventStream(`${sys.url}/sla/alerts`, farMonitor);
      const bySupervisor = await openEventStream(`${sys.url}/sla/alerts`, supervisor);
      streams.push(near, far, bySupervisor);
      for (const s of [near, far, bySupervisor]) {
        expect(s.status).toBe(200);
        expect(s.contentType).toMatch(/^text\/event-stream/);
      }

      // The key fixes the case id in advance, so the streams are connected before the case exists.
      const key = `sla-alerts-${Date.now()}`;
      const caseId = idFromKey('officer-wang', key);
      const opened = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody(), headers: { 'idempotency-key': key } });
      expect(opened.status).toBe(201);
      expect(opened.body.caseId).toBe(caseId);

      // The decision clock (4 h, goal at 2 h, escalations hourly up to level 2) runs out in well under a second.
      const ofCase = (ms: SseMessage[]) => ms.filter((m) => m.data.caseId === caseId);
      await near.waitFor((ms) => ofCase(ms).some((m) => m.event === 'SlaEscalated' && m.data.level === 2), 30_000);

      const history = await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor });
      const slaEvents = history.body.events.filter((e: any) => SLA_TYPES.includes(e.type));
      expect(slaEvents.map((e: any) => e.type)).toEqual(expect.arrayContaining(['SlaGoalMissed', 'SlaDeadlinePassed', 'SlaEscalated']));
      await near.waitFor((ms) => ofCase(ms).length >= slaEvents.length, 10_000);

      // One message per SLA event, in the order of the case's history, carrying what the event says.
      const received = ofCase(near.messages);
      expect(received.map((m) => m.event)).toEqual(slaEvents.map((e: any) => e.type));
      received.forEach((m, i) => {
        expect(m.data).toMatchObject({ caseId, type: slaEvents[i].type, office: OWN, ...slaEvents[i].data });
        expect(m.id).toMatch(/\S/);
        // "As it happens": delivered within a few seconds of being recorded, not at some later poll.
        expect(m.receivedAt - Date.parse(slaEvents[i].recordedAt)).toBeLessThan(5_000);
      });
      // Only SLA events are streamed.
      expect(near.messages.every((m) => SLA_TYPES.includes(m.event!))).toBe(true);

      // Supervisors of the province watch too; a monitor of another province sees nothing of this case.
      await bySupervisor.waitFor((ms) => ofCase(ms).length >= slaEvents.length, 10_000);
      expect(ofCase(bySupervisor.messages).map((m) => m.event)).toEqual(received.map((m) => m.event));
      expect(ofCase(far.messages)).toEqual([]);

      // Reconnecting with Last-Event-ID resumes right after that message.
      const resumed = await openEventStream(`${sys.url}/sla/alerts`, monitor, { 'last-event-id': received[0].id! });
      streams.push(resumed);
      await resumed.waitFor((ms) => ofCase(ms).length >= received.length - 1, 10_000);
      expect(ofCase(resumed.messages).map((m) => m.id)).toEqual(received.slice(1).map((m) => m.id));
    } finally {
      for (const s of streams) s.close();
    }
  }, 60_000);

  it('refuses roles that do not watch clocks and ids it never sent, as problem+json', async () => {
    for (const role of ['caseworker', 'applicant', 'admin'] as const) {
      const r = await sys.request('GET', '/sla/alerts', { token: await sys.token(role, OWN) });
      expect({ role, status: r.status }).toEqual({ role, status: 403 });
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const anonymous = await sys.request('GET', '/sla/alerts');
    expect(anonymous.status).toBe(401);
    const badResume = await sys.request('GET', '/sla/alerts', { token: await sys.token('sla-monitor', OWN), headers: { 'last-event-id': 'not-an-id' } });
    expect(badResume.status).toBe(400);
    expect(badResume.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('shows the breach on the board and in the case view once the clock has run out', async () => {
    const caseworker = await sys.token('caseworker', OWN);
    const opened = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody() });
    const caseId = opened.body.caseId;
    const view = await eventually(async () => {
      const v = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
      return v.sla.find((c: any) => c.clock === 'decision' && c.state === 'breached' && c.escalation === 2) ? v : null;
    }, 30_000);
    expect(view.status).toBe('accepted');
    const monitor = await sys.token('sla-monitor', OWN);
    // The board is a read model: it reaches the escalation the case view shows a moment later (PROJECTION_SETTLE_MS).
    const row = await eventually(async () => {
      const board = (await sys.request('GET', `/sla/board?office=${OWN}`, { token: monitor })).body;
      return board.items.find((i: any) => i.caseId === caseId && i.clock === 'decision' && i.state === 'breached' && i.escalation === 2);
    });
    // An SLA monitor sees no name on the board, not even a masked one.
    expect(row).toMatchObject({ escalation: 2, applicant: '' });

    // One case's rows (what a live board redraws on an alert): the same rows as on the whole board, totals of them.
    const whole = (await sys.request('GET', `/sla/board?office=${OWN}`, { token: monitor })).body.items.filter((i: any) => i.caseId === caseId);
    const one = await sys.request('GET', `/sla/board?caseId=${caseId}`, { token: monitor });
    expect(one.status).toBe(200);
    const same = ({ caseId: id, clock, state, deadline, escalation, office, type, applicant }: any) => ({
      id,
      clock,
      state,
      deadline,
      escalation,
      office,
      type,
      applicant,
    });
    expect(one.body.items.map(same)).toEqual(whole.map(same));
    expect(one.body.items.length).toBeGreaterThan(0);
    expect(one.body.totals.breached).toBe(one.body.items.filter((i: any) => i.state === 'breached').length);
    expect((await sys.request('GET', `/sla/board?caseId=${caseId}&type=hukou-migration`, { token: monitor })).body.items).toEqual([]);
    // Outside the caller's scope, or no such case: no rows (the same answer, so it tells nothing).
    const far = await sys.request('GET', `/sla/board?caseId=${caseId}`, { token: await sys.token('sla-monitor', OTHER_PROVINCE) });
    expect(far.status).toBe(200);
    expect(far.body.items).toEqual([]);
    expect((await sys.request('GET', '/sla/board?caseId=00000000-0000-4000-8000-000000000000', { token: monitor })).body.items).toEqual([]);
    for (const bad of ['not-a-uuid', caseId.toUpperCase(), `${caseId}x`]) {
      const r = await sys.request('GET', `/sla/board?caseId=${encodeURIComponent(bad)}`, { token: monitor });
      expect({ bad, status: r.status }).toEqual({ bad, status: 400 });
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  }, 60_000);

  it('alerts the province of the office that owns the clock: a missed move-out reaches the origin province (issue 11, finding 7)', async () => {
    const moveIn = await sys.token('caseworker', OWN, 'officer-chen');
    const origin = OTHER_PROVINCE; // Shanghai Huangpu: the origin office of this cross-province migration
    const originMonitor = await openEventStream(`${sys.url}/sla/alerts`, await sys.token('sla-monitor', origin));
    const ownMonitor = await openEventStream(`${sys.url}/sla/alerts`, await sys.token('sla-monitor', OWN));
    try {
      const opened = await sys.request('POST', '/cases', {
        token: moveIn,
        body: {
          type: 'hukou-migration',
          channel: 'cross-province',
          receivingOffice: OWN,
          applicant: { name: '李娜', idNumber: '310101199205061233' },
          materials: ['application form', 'talent certificate'],
          details: { category: 'talent', fromOffice: origin, toOffice: OWN, destinationCity: { code: '440100' }, residenceYears: 1, socialInsuranceYears: 1 },
        },
      });
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      expect((await sys.request('POST', `/cases/${caseId}/actions/accept`, { token: moveIn, body: {} })).status).toBe(200);
      await eventually(async () => {
        const approved = await sys.request('POST', `/cases/${caseId}/actions/approve`, { token: moveIn, body: {} });
        return approved.status === 200;
      }, 20_000);
      // Nobody confirms the move-out: its 1-WD clock runs out within a second of business time x100 000.
      const moveOut = (ms: SseMessage[]) => ms.filter((m) => m.data.caseId === caseId && m.data.clock === 'hukou-move-out');
      await originMonitor.waitFor((ms) => moveOut(ms).some((m) => m.event === 'SlaDeadlinePassed'), 30_000);
      expect(moveOut(originMonitor.messages).every((m) => m.data.office === origin)).toBe(true);
      // The move-in office's province is not alerted of a clock that is not its own.
      expect(moveOut(ownMonitor.messages)).toEqual([]);
    } finally {
      for (const s of [originMonitor, ownMonitor]) s.close();
    }
  }, 60_000);

  it('closes a case whose applicant never supplemented as not accepted, by events (issue 11, finding 5)', async () => {
    const caseworker = await sys.token('caseworker', OWN);
    const supervisor = await sys.token('supervisor', OWN);
    const opened = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody() });
    const caseId = opened.body.caseId as string;
    const requested = await sys.request('POST', `/cases/${caseId}/actions/request-materials`, {
      token: caseworker,
      body: { items: ['invitation letter, signed'] },
    });
    expect(requested.status).toBe(200);
    expect(requested.body.sla).toContainEqual(expect.objectContaining({ clock: 'supplement', state: 'on-track' }));
    // 30 calendar days of business time pass in under half a minute (x100 000).
    const closed = await eventually(async () => {
      const v = (await sys.request('GET', `/cases/${caseId}`, { token: supervisor })).body;
      return v.status === 'not-accepted' ? v : null;
    }, 45_000);
    expect(closed.receipts).toContainEqual(expect.objectContaining({ kind: 'refusal', number: expect.stringMatching(/^BSL-/) }));
    const types = ((await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body.events as { type: string }[]).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['SlaDeadlinePassed', 'AcceptanceRefused']);
    const after = await sys.request('POST', `/cases/${caseId}/actions/supplement`, { token: caseworker, body: { items: ['too late'] } });
    expect(after.status).toBe(409);
  }, 90_000);
});
