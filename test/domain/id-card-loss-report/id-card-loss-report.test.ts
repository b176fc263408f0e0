import {
  actionsOf,
  allowedActions,
  checkNewOpening,
  decideAction,
  decideTaskResult,
  fold,
  idCardLossReport,
  idCardReplacement,
  keepsRunning,
  listingBlocker,
  parentLinkProblem,
  pendingTasks,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type IdCardLossReport,
  type OpenCaseInput,
  type PendingTask,
  type TaskOutcome,
} from '../../../domain';
import { applicant, caseworker, given, officeHead, opened, supervisor, testEnv } from '../support/given';

const HUKOU = '440106'; // Guangzhou Tianhe
const STATION = '440104'; // Guangzhou Yuexiu: any station receives a loss report
const ID = '440106199003071231'; // born 1990-03-07
const CHILD = '440106201505060022'; // born 2015-05-06: 11 on 2026-11-25
const PARENT = '440106198505050022'; // registered in the child's division, 30 years older: a parent in the local register
const openedAt = '2026-11-25T02:00:00.000Z';
const at = '2026-11-25T02:00:01.000Z';
const CASE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const station = caseworker(STATION);

const input = (details: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'id-card-loss-report',
  channel: 'window',
  receivingOffice: STATION,
  applicant: { name: '陈静', idNumber: ID },
  materials: [],
  details: { hukouOffice: HUKOU, lostOn: '2026-11-24', ...details },
  ...top,
});
const lodged = (top: Partial<OpenCaseInput> = {}, actor = station) => opened(idCardLossReport, input({}, top), actor, openedAt, CASE_ID);
const state = (events: CaseEvent[]) => fold(idCardLossReport, events) as CaseState;

/** Runs the pending task `key` with `outcome`, as the workflow would. */
function task(events: CaseEvent[], key: string, outcome: TaskOutcome): CaseEvent[] {
  const t = pendingTasks(idCardLossReport, state(events)).find((p) => p.key === key) as PendingTask;
  expect(t).toBeDefined();
  return [...events, ...decideTaskResult(idCardLossReport, state(events), t, outcome, at, testEnv)];
}
const registered = { ok: true as const, value: { ok: true, detail: 'registered', facts: { hukouOffice: HUKOU } } };
const confirmed = (events = lodged()) => task(events, 'population-register', registered);
const listed = (events = confirmed()) => task(events, 'lost-card-listing', { ok: true, value: { entryNumber: 'GS44010420261125000001' } });
const listFails = (events: CaseEvent[]) => task(events, 'lost-card-listing', { ok: false, error: 'the lost-card list did not answer' });
const act = (events: CaseEvent[], actor: typeof station, action: string, payload: unknown = {}) => [
  ...events,
  ...decideAction(idCardLossReport, state(events), action, payload, { actor, at, ...testEnv }),
];

describe('ID card loss report (a filing): lodging', () => {
  it('given a holder at any station, when lodged, then it is received with a filing receipt and the loss recorded at once, no clock', () => {
    const events = lodged();
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'CaseAccepted', 'CardReportedLost']);
    expect(events[2].data).toEqual({ office: STATION, channel: 'window', lostOn: '2026-11-24' });
    const s = state(events);
    expect(s).toMatchObject({ status: 'accepted', step: 'listing', handlingOffice: STATION, involvedOffices: [HUKOU], crossProvince: false });
    expect(s.receipts).toEqual([expect.objectContaining({ kind: 'filing', number: 'SL-440104-20261125-0F8FAD5B', verificationCode: expect.any(String) })]);
    expect(events[1].documents).toEqual([expect.objectContaining({ kind: 'filing-receipt', number: 'SL-440104-20261125-0F8FAD5B', issuingOffice: STATION })]);
    // No acceptance clock, no 20 WD decision clock: a filing is never overdue.
    expect(s.clocks).toEqual({});
    expect(pendingTasks(idCardLossReport, s).map((t) => t.key)).toEqual(['population-register']);
    expect(waitingOn(idCardLossReport, s)).toBeNull();
  });

  it('given the holder online, when lodged, then the report is recorded as online', () => {
    const online = opened(idCardLossReport, input({}, { channel: 'online' }), applicant('holder-1'), openedAt, CASE_ID);
    expect(online[2].data).toMatchObject({ channel: 'online' });
  });

  it('given a child of 11 and a guardian, when the guardian reports the loss, then the guardian is checked against the register first', () => {
    const child = lodged({ applicant: { name: '陈小明', idNumber: CHILD }, representative: { role: 'guardian', name: '陈静', idNumber: PARENT } });
    expect(pendingTasks(idCardLossReport, state(child)).map((t) => t.key)).toEqual(['representative', 'population-register']);
    const holderOnly = task(child, 'population-register', registered);
    // Nothing is listed before the guardian is confirmed.
    expect(pendingTasks(idCardLossReport, state(holderOnly)).map((t) => t.key)).toEqual(['representative']);
    const denied = task(holderOnly, 'representative', { ok: true, value: { ok: false, detail: 'no kinship recorded' } });
    expect(pendingTasks(idCardLossReport, state(denied))).toEqual([]);
    expect(waitingOn(idCardLossReport, state(denied))).toBe(STATION);
    const both = task(holderOnly, 'representative', { ok: true, value: { ok: true, detail: 'parent', facts: { relation: 'parent' } } });
    expect(pendingTasks(idCardLossReport, state(both)).map((t) => t.key)).toEqual(['lost-card-listing']);
  });

  it.each([
    ['no ID number', input({}, { applicant: { name: 'x', passportNo: 'E12345678' } }), /resident ID number/],
    ['a birth date unlike the ID number', input({}, { applicant: { name: 'x', idNumber: ID, birthDate: '1990-03-08' } }), /does not match/],
    ['a wrong check character', input({}, { applicant: { name: 'x', idNumber: '440106199003071232' } }), /check character/],
    ['a loss in the future', input({ lostOn: '2026-12-01' }), /a day still to come/],
    ['a loss before birth', input({ lostOn: '1980-01-01' }), /before the holder was born/],
    ['a holder under 16 reporting alone', input({}, { applicant: { name: 'x', idNumber: CHILD } }), /guardian/],
    [
      'a guardian of an adult (a report for someone else no rule allows)',
      input({}, { representative: { role: 'guardian', name: '王强', idNumber: PARENT } }),
      /only for a holder under 16/,
    ],
    ['an agent', input({}, { representative: { role: 'agent', name: '王强', idNumber: PARENT, powerOfAttorney: 'x' } }), /cannot be lodged by an agent/],
    ['an unknown office', input({ hukouOffice: '44010' }), /details are not valid/],
  ])('given %s, when lodged, then it is refused (422) and nothing is recorded', (_what, bad, message) => {
    expect(() => opened(idCardLossReport, bad, station, openedAt)).toThrow(message);
  });
});

describe('ID card loss report: the register effect, then completed', () => {
  it('given a confirmed holder, when the card is listed, then LostCardListed and the report completes; the workflow lets it go', () => {
    const c = confirmed();
    const t = pendingTasks(idCardLossReport, state(c)).find((p) => p.key === 'lost-card-listing');
    expect(t).toMatchObject({ kind: 'activity', activity: 'listLostCard', input: { idNumber: ID, office: STATION, reportedOn: '2026-11-25' } });
    const done = listed(c);
    expect(done.slice(c.length).map((e) => e.type)).toEqual(['LostCardListed', 'CaseCompleted']);
    const s = state(done);
    expect(s).toMatchObject({ status: 'completed', progress: { listed: { entryNumber: 'GS44010420261125000001' } } });
    expect(keepsRunning(idCardLossReport, s)).toBe(false);
    expect(waitingOn(idCardLossReport, s)).toBeNull();
  });

  it('given an unanswered population register, then nothing is listed, the station is told, and recheck-records asks again', () => {
    const unanswered = task(lodged(), 'population-register', { ok: false, error: 'timeout' });
    const s = state(unanswered);
    expect(s.records['population-register'].result).toBe('unavailable');
    expect(pendingTasks(idCardLossReport, s)).toEqual([]);
    expect(waitingOn(idCardLossReport, s)).toBe(STATION);
    expect(allowedActions(idCardLossReport, s, station)).toEqual(expect.arrayContaining(['recheck-records', 'withdraw']));
    const again = act(unanswered, station, 'recheck-records');
    expect(pendingTasks(idCardLossReport, state(again)).map((t) => t.key)).toEqual(['population-register']);
  });

  it.each([
    ['an ID number the register does not know', { ok: false, detail: 'not in the register' }, /does not confirm the holder/],
    ['a hukou elsewhere', { ok: true, detail: 'registered', facts: { hukouOffice: '440105' } }, /hukou at office 440105/],
  ])('given %s, then nothing is listed and the station may only withdraw the report', (_what, answer, why) => {
    const contradicted = task(lodged(), 'population-register', { ok: true, value: answer });
    const s = state(contradicted);
    expect(listingBlocker(s as CaseState<IdCardLossReport>)).toMatch(why);
    expect(pendingTasks(idCardLossReport, s)).toEqual([]);
    expect(waitingOn(idCardLossReport, s)).toBe(STATION);
    given(idCardLossReport, contradicted)
      .when(station, 'withdraw', { reason: 'ID number mistyped: reported again' })
      .then([{ type: 'CaseWithdrawn' }]);
  });

  it('given a list that keeps failing, then each failure is recorded, three attempts are made, and then a caseworker retries', () => {
    let events = confirmed();
    for (let attempt = 1; attempt <= 3; attempt++) {
      events = listFails(events);
      expect(events[events.length - 1]).toMatchObject({ type: 'LostCardListingFailed', data: { attempt } });
    }
    const stalled = state(events);
    expect(pendingTasks(idCardLossReport, stalled)).toEqual([]);
    expect(waitingOn(idCardLossReport, stalled)).toBe(STATION);
    given(idCardLossReport, events).when(caseworker('440105'), 'retry-listing', {}).thenFails('forbidden');
    const retried = act(events, station, 'retry-listing');
    expect(retried[retried.length - 1]).toMatchObject({ type: 'LostCardListingRequested', data: { retry: true } });
    expect(state(listed(retried)).status).toBe('completed');
  });

  it('given a listing still being asked, when retry-listing, then 409', () => {
    given(idCardLossReport, listFails(confirmed()))
      .when(station, 'retry-listing', {})
      .thenFails('conflict', /not stalled/);
  });
});

describe('ID card loss report: nothing to decide', () => {
  it.each([
    ['accept', {}, station],
    ['approve', {}, station],
    ['refuse', { reason: 'x', legalBasis: 'y' }, station],
    ['request-materials', { items: ['photo'] }, station],
    ['refuse-acceptance', { reason: 'x' }, station],
    ['pause-clock', { kind: 'hearing', reason: 'x' }, officeHead(STATION)],
    ['extend-deadline', { workingDays: 5, reason: 'x' }, officeHead(STATION)],
  ])('given a received report, when %s, then 409: a filing is not decided', (action, payload, actor) => {
    given(idCardLossReport, confirmed())
      .when(actor, action, payload)
      .thenFails('conflict', /is a filing/);
  });

  it('given a completed report, when revoked, then 409: there is no decision to revoke', () => {
    given(idCardLossReport, listed())
      .when(supervisor(STATION), 'revoke', { reason: 'x', legalBasis: 'y' })
      .thenFails('conflict', /is a filing/);
  });

  it('given a received report, then the station may only assign, withdraw (the holder found the card) or retry, never decide', () => {
    expect(allowedActions(idCardLossReport, state(confirmed()), station).sort()).toEqual(['assign', 'withdraw']);
    expect([...actionsOf(idCardLossReport).keys()]).toContain('retry-listing');
  });
});

describe('ID card replacement lodged for a loss report (parentCaseId)', () => {
  const REPORT_ID = CASE_ID;
  const replacement = (top: Partial<OpenCaseInput> = {}, details: Record<string, unknown> = {}): OpenCaseInput => ({
    type: 'id-card-replacement',
    channel: 'window',
    receivingOffice: STATION,
    applicant: { name: '陈静', idNumber: ID, birthDate: '1990-03-07' },
    materials: ['application form'],
    parentCaseId: REPORT_ID,
    details: { hukouOffice: HUKOU, residenceOffice: STATION, delivery: 'pickup', ...details },
    ...top,
  });
  const link = (report: CaseState, top: Partial<OpenCaseInput> = {}, details: Record<string, unknown> = {}) =>
    parentLinkProblem(idCardReplacement, checkNewOpening(idCardReplacement, replacement(top, details), openedAt), report);

  it('given a completed loss report of the same person, when a replacement names it, then the link holds and report-loss is not needed', () => {
    expect(link(state(listed()))).toBeNull();
    // A report still being listed is a report too.
    expect(link(state(confirmed()))).toBeNull();
    const events = opened(idCardReplacement, replacement(), station, openedAt, '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed');
    expect(fold(idCardReplacement, events)).toMatchObject({ parentCaseId: REPORT_ID, status: 'submitted' });
    given(idCardReplacement, events)
      .when(station, 'report-loss', {})
      .thenFails('conflict', /reported in the loss report/);
  });

  it('given a loss report of another person, when named, then 422, naming no person', () => {
    const other = state(opened(idCardLossReport, input({}, { applicant: { name: '王强', idNumber: '440106198805051238' } }), station, openedAt, CASE_ID));
    expect(link(other)).toBe('the case named in parentCaseId is about another person than this id-card-replacement case');
  });

  it('given a withdrawn loss report, when named, then 422: nothing stands reported', () => {
    const withdrawn = state(act(confirmed(), station, 'withdraw', { reason: 'card found' }));
    expect(link(withdrawn)).toMatch(/is withdrawn: nothing stands reported/);
  });

  it('given a loss report naming another hukou-place office, when named, then 422', () => {
    expect(link(state(listed()), {}, { hukouOffice: '440105', residenceOffice: STATION })).toMatch(/must be the loss report's hukou-place office 440106/);
  });

  it('given a parent of another type, when named, then 422', () => {
    const card = state(opened(idCardReplacement, { ...replacement(), parentCaseId: undefined }, station, openedAt, CASE_ID));
    expect(link(card)).toBe('a id-card-replacement case is linked to a id-card-loss-report case, not to a id-card-replacement case');
  });

  it('given no parent, when a replacement is lodged, then it behaves as before: it reports the loss itself', () => {
    const { parentCaseId: _none, ...alone } = replacement();
    expect(parentLinkProblem(idCardReplacement, alone, null)).toBeNull();
    given(idCardReplacement, opened(idCardReplacement, alone, station, openedAt))
      .when(station, 'report-loss', {})
      .then([{ type: 'CardReportedLost' }]);
  });
});
