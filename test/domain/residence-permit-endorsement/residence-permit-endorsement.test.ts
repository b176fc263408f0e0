import {
  allowedActions,
  decideAction,
  decideChildEvent,
  decideParentEvent,
  decideTaskResult,
  decideTimers,
  fold,
  idCardLossReport,
  keepsRunning,
  parentEventsForChildren,
  parentLinkProblem,
  pendingTasks,
  residencePermit,
  residencePermitEndorsement,
  waitingOn,
  caseTypeModule,
  type CaseEvent,
  type CaseState,
  type ChildEvent,
  type OpenCaseInput,
  type TaskOutcome,
} from '../../../domain';
import { applicant, caseworker, given, opened, supervisor, testEnv, type LooseEvent } from '../support/given';

const HUANGPU = '310101'; // Shanghai Huangpu: the residence county police, which received and issued the permit
const TIANHE = '440106'; // Guangzhou Tianhe: the holder's hukou
const ID = '440106199203151236';
const OTHER_ID = '440106199003071231';
const PERMIT_CASE = '5a2c9e1f-7b3d-4c8e-9f10-2b3c4d5e6f70';
const FILING_CASE = '0f8fad5b-d9cb-469f-a165-70867728950e';
const openedAt = '2026-11-25T02:00:00.000Z';
const at = '2026-11-25T03:00:00.000Z';
const station = caseworker(HUANGPU);
const holder = applicant('citizen-chen');

const shanghaiMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
const DUE = shanghaiMidnight('2027-10-25'); // the window opens a month before the anniversary of 2026-11-25
const ANNIVERSARY = shanghaiMidnight('2027-11-25');
const IN_WINDOW = '2027-11-01T02:00:00.000Z';
const LATE = '2028-01-15T02:00:00.000Z';

// The permit case, lodged, checked, accepted, issued and handed over (as test/domain/residence-permit does it).
const permitState = (events: CaseEvent[]) => fold(residencePermit, events) as CaseState;
const permitInput = (idNumber = ID): OpenCaseInput => ({
  type: 'residence-permit',
  channel: 'window',
  receivingOffice: HUANGPU,
  applicant: { name: '陈静', idNumber },
  materials: ['application form'],
  details: { residenceOffice: HUANGPU, basis: 'home' },
});
const ANSWERS: Record<string, TaskOutcome> = {
  'population-register': { ok: true, value: { ok: true, detail: 'on record', facts: { hukouOffice: TIANHE } } },
  'residence-registration': { ok: true, value: { ok: true, detail: 'on record', facts: { since: '2025-01-10' } } },
  home: { ok: true, value: { ok: true, detail: 'on record' } },
  'photo-lookup': { ok: true, value: { found: false } },
};
function permitUntil(stage: 'accepted' | 'issued' | 'delivered', idNumber = ID): CaseEvent[] {
  let events = opened(residencePermit, permitInput(idNumber), station, openedAt, PERMIT_CASE);
  for (const t of pendingTasks(residencePermit, permitState(events))) {
    events = [...events, ...decideTaskResult(residencePermit, permitState(events), t, ANSWERS[t.key], at, testEnv)];
  }
  const act = (action: string, payload: unknown = {}) => {
    events = [...events, ...decideAction(residencePermit, permitState(events), action, payload, { actor: station, at, ...testEnv })];
  };
  act('capture-photo', { photo: 'new' });
  act('accept');
  if (stage === 'accepted') return events;
  act('approve');
  if (stage === 'issued') return events;
  act('deliver-permit');
  return events;
}
const timersUntil = (events: CaseEvent[], now: string) => [...events, ...decideTimers(residencePermit, permitState(events), now, testEnv)];
/** The permit in its endorsement window (EndorsementDue recorded). */
const inWindow = () => timersUntil(permitUntil('delivered'), DUE);
/** The permit suspended on its anniversary, unendorsed. */
const suspended = () => timersUntil(permitUntil('delivered'), ANNIVERSARY);

// The filing.
const filingInput = (top: Partial<OpenCaseInput> = {}, details: Record<string, unknown> = {}): OpenCaseInput => ({
  type: 'residence-permit-endorsement',
  channel: 'window',
  receivingOffice: HUANGPU,
  applicant: { name: '陈静', idNumber: ID },
  materials: [],
  parentCaseId: PERMIT_CASE,
  details: { residenceOffice: HUANGPU, ...details },
  ...top,
});
const filingState = (events: CaseEvent[]) => fold(residencePermitEndorsement, events) as CaseState;
const lodged = (top: Partial<OpenCaseInput> = {}, actor = station, when = IN_WINDOW) =>
  opened(residencePermitEndorsement, filingInput(top), actor, when, FILING_CASE);
/** The API's check of the link: the parent as the caller may see it. */
const linkProblem = (input: OpenCaseInput, parent: CaseState | null) => parentLinkProblem(residencePermitEndorsement, input, parent);

/** The filing's EndorsementLodged as its workflow tells it to the permit case. */
const told = (events: CaseEvent[]): ChildEvent => {
  const e = events.find((x) => x.type === 'EndorsementLodged')!;
  return { childCaseId: FILING_CASE, childType: 'residence-permit-endorsement', type: e.type, data: e.data as Record<string, unknown>, at: e.at };
};
const permitHears = (permit: CaseEvent[], filing: CaseEvent[], when = IN_WINDOW) =>
  decideChildEvent(residencePermit, permitState(permit), told(filing), when, testEnv) as LooseEvent[];
/** What the permit's workflow signals to its children after `answer` (parentEventsForChildren), as each hears it. */
const signalsAfter = (permit: CaseEvent[], answer: CaseEvent[]) =>
  parentEventsForChildren(permitState([...permit, ...answer]), answer, caseTypeModule).map(({ childCaseId: _to, ...e }) => ({
    ...e,
    parentCaseId: PERMIT_CASE,
  }));

describe('residence-permit-endorsement: lodging (居住證暫行條例 art 10)', () => {
  it('given a permit in its window, when the holder lodges the endorsement at the station, then it is received with a filing receipt, no clock', () => {
    const events = lodged();
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'CaseAccepted', 'EndorsementLodged']);
    expect(events[2].data).toEqual({ permitCaseId: PERMIT_CASE, office: HUANGPU, channel: 'window' });
    const s = filingState(events);
    expect(s).toMatchObject({ status: 'accepted', step: 'endorsement', handlingOffice: HUANGPU, parentCaseId: PERMIT_CASE, crossProvince: false });
    expect(s.receipts).toEqual([expect.objectContaining({ kind: 'filing' })]);
    expect(s.clocks).toEqual({}); // no completeness, no 20 WD decision clock: nothing is decided
    expect(pendingTasks(residencePermitEndorsement, s)).toEqual([]);
    expect(waitingOn(residencePermitEndorsement, s)).toBe(HUANGPU); // the station answers for it until the permit case has recorded it
    expect(linkProblem(filingInput(), permitState(inWindow()))).toBeNull();
  });

  it('given the holder online, when lodged, then it is recorded as online', () => {
    const events = opened(residencePermitEndorsement, filingInput({ channel: 'online' }), holder, IN_WINDOW, FILING_CASE);
    expect(events[2].data).toMatchObject({ channel: 'online' });
  });

  it('given a suspended permit, when lodged after the anniversary, then it is linked: a late endorsement is allowed (art 10)', () => {
    expect(linkProblem(filingInput(), permitState(suspended()))).toBeNull();
  });

  const badLinks: [string, Partial<OpenCaseInput>, () => CaseState | null, RegExp][] = [
    [
      'no parent',
      { parentCaseId: undefined },
      () => permitState(inWindow()),
      /lodged linked to its residence-permit case: give that case's id in parentCaseId/,
    ],
    ['a parent the caller may not see', {}, () => null, /names no case you may see/],
    [
      'a parent that is not a permit',
      {},
      () =>
        fold(
          idCardLossReport,
          opened(idCardLossReport, { ...filingInput(), type: 'id-card-loss-report', details: { hukouOffice: TIANHE } }, station, at, PERMIT_CASE),
        ),
      /linked to a residence-permit case, not to a id-card-loss-report case/,
    ],
    ["another person's permit", {}, () => permitState(timersUntil(permitUntil('delivered', OTHER_ID), DUE)), /about another person/],
    ['a permit not issued yet', {}, () => permitState(permitUntil('accepted')), /no permit in force \(it is accepted\)/],
    ['a permit issued but not handed over', {}, () => permitState(permitUntil('issued')), /no permit in force \(it is approved\)/],
    [
      'a permit outside its window',
      {},
      () => permitState(permitUntil('delivered')),
      /endorsed in the month before its anniversary 2027-11-25, from 2027-10-25/,
    ],
    [
      'another issuing office',
      { details: { residenceOffice: '310104' } },
      () => permitState(inWindow()),
      /issued by office 310101: name it in details.residenceOffice/,
    ],
    [
      'another station',
      { receivingOffice: '310104' },
      () => permitState(inWindow()),
      /lodged at the station that received it \(310101\) or its issuing office \(310101\)/,
    ],
  ];
  it.each(badLinks)('given %s, when lodged, then the link is refused (422) and names no person', (_what, top, parent, message) => {
    const problem = linkProblem(filingInput(top), parent());
    expect(problem).toMatch(message);
    expect(problem).not.toContain(ID);
    expect(problem).not.toContain('陈静');
  });

  it('given a surrendered permit, when lodged, then the link is refused: a surrendered permit is not endorsed', () => {
    const events = inWindow();
    const surrendered = [
      ...events,
      ...decideAction(residencePermit, permitState(events), 'surrender', { reason: 'left-the-city' }, { actor: station, at: IN_WINDOW, ...testEnv }),
    ];
    expect(linkProblem(filingInput(), permitState(surrendered))).toMatch(/was surrendered: a surrendered permit is not endorsed/);
  });

  it.each([
    ['no ID number', filingInput({ applicant: { name: '陈静' } }), /resident ID number/],
    ['a cross-province channel', filingInput({ channel: 'cross-province' }), /never cross-province/],
    [
      'a relative for an adult without a reason',
      filingInput({ representative: { role: 'relative', name: '陈伟', idNumber: OTHER_ID } }),
      /only for a holder under 16/,
    ],
  ])('given %s, when lodged, then it is refused (422) and nothing is recorded', (_what, bad, message) => {
    expect(() => opened(residencePermitEndorsement, bad, station, IN_WINDOW, FILING_CASE)).toThrow(message);
  });

  it('given a filing, then nothing decides it: accept, approve and refuse are 409, withdrawal stays open', () => {
    const events = lodged();
    given(residencePermitEndorsement, events).when(station, 'approve', {}).thenFails('conflict');
    given(residencePermitEndorsement, events).when(station, 'refuse', { reason: 'no', legalBasis: '居住证暂行条例 第十条' }).thenFails('conflict');
    expect(allowedActions(residencePermitEndorsement, filingState(events), station)).toContain('withdraw');
    expect(allowedActions(residencePermitEndorsement, filingState(events), station)).not.toContain('accept');
  });
});

describe('residence-permit-endorsement: the permit case records it (completed, kept running)', () => {
  it('given a permit in its window, when the filing tells it, then it links the filing and records the endorsement naming it', () => {
    const permit = inWindow();
    expect(permitState(permit).status).toBe('completed');
    expect(keepsRunning(residencePermit, permitState(permit))).toBe(true);
    const answer = permitHears(permit, lodged());
    expect(answer.map((e) => e.type)).toEqual(['ChildCaseLinked', 'ResidencePermitEndorsed']);
    expect(answer[0].data).toEqual({ caseId: FILING_CASE, type: 'residence-permit-endorsement' });
    expect(answer[1].data).toEqual({
      number: expect.stringMatching(/^JZ310101/),
      endorsedOn: '2027-11-01',
      late: false,
      office: HUANGPU,
      nextAnniversary: '2028-11-25',
      childCaseId: FILING_CASE,
    });
    const s = permitState([...permit, ...answer]);
    expect(s.childCases).toEqual([{ caseId: FILING_CASE, type: 'residence-permit-endorsement', at: IN_WINDOW }]);
    expect(s.progress).toMatchObject({ permit: { anniversary: '2028-11-25', endorsements: 1, dueNotified: false } });
    expect(residencePermit.nextOwnTimer!(s as never)).toEqual({ key: 'endorsement-due', at: shanghaiMidnight('2028-10-25') });
  });

  it('given a suspended permit, when the filing tells it, then it is restored and the residence years restart that day', () => {
    const answer = permitHears(suspended(), lodged({}, station, LATE), LATE);
    expect(answer.map((e) => e.type)).toEqual(['ChildCaseLinked', 'ResidencePermitEndorsed', 'ResidenceYearsRestarted']);
    expect(answer[1].data).toMatchObject({ late: true, endorsedOn: '2028-01-15', nextAnniversary: '2029-01-15', childCaseId: FILING_CASE });
    const s = permitState([...suspended(), ...answer]);
    expect(s.progress).toMatchObject({ permit: { yearsFrom: '2028-01-15', endorsements: 1 } });
    expect((s.progress as { permit: { suspendedSince?: string } }).permit.suspendedSince).toBeUndefined();
  });

  it('given the link already recorded, when the filing tells it, then the link is not recorded twice', () => {
    const permit = [...inWindow(), { type: 'ChildCaseLinked', data: { caseId: FILING_CASE, type: 'residence-permit-endorsement' }, at: IN_WINDOW }];
    expect(permitHears(permit, lodged()).map((e) => e.type)).toEqual(['ResidencePermitEndorsed']);
  });

  it('given the permit endorsed since the filing was lodged, when the filing tells it, then it records why not, naming the filing', () => {
    const permit = inWindow();
    const byAction = decideAction(residencePermit, permitState(permit), 'endorse', {}, { actor: station, at: IN_WINDOW, ...testEnv });
    const answer = permitHears([...permit, ...byAction], lodged());
    expect(answer.map((e) => e.type)).toEqual(['ChildCaseLinked', 'EndorsementNotRecorded']);
    expect(answer[1].data).toEqual({ childCaseId: FILING_CASE, reason: expect.stringMatching(/month before 2028-11-25/) });
  });

  it('given a surrendered permit (no longer kept), when a filing tells it, then it records nothing', () => {
    const permit = inWindow();
    const surrendered = [
      ...permit,
      ...decideAction(residencePermit, permitState(permit), 'surrender', { reason: 'left-the-city' }, { actor: station, at, ...testEnv }),
    ];
    expect(permitHears(surrendered, lodged())).toEqual([]);
  });

  it('given the endorse action, then the permit records what it always did: no filing named', () => {
    const byAction = decideAction(residencePermit, permitState(inWindow()), 'endorse', {}, { actor: station, at: IN_WINDOW, ...testEnv }) as LooseEvent[];
    expect(byAction.map((e) => e.type)).toEqual(['ResidencePermitEndorsed']);
    expect(Object.keys(byAction[0].data)).toEqual(['number', 'endorsedOn', 'late', 'office', 'nextAnniversary']);
  });
});

describe('residence-permit-endorsement: the filing hears the answer', () => {
  it("given the permit's endorsement naming it, when signalled, then it records the effect and completes", () => {
    const permit = inWindow();
    const filing = lodged();
    const answer = permitHears(permit, filing);
    const signals = signalsAfter(permit, answer);
    expect(signals).toEqual([{ parentCaseId: PERMIT_CASE, type: 'ResidencePermitEndorsed', at: IN_WINDOW, data: answer[1].data }]);
    const heard = decideParentEvent(residencePermitEndorsement, filingState(filing), signals[0], IN_WINDOW, testEnv) as LooseEvent[];
    expect(heard.map((e) => e.type)).toEqual(['PermitEndorsementRecorded', 'CaseCompleted']);
    expect(heard[0].data).toEqual({ number: answer[1].data.number, endorsedOn: '2027-11-01', late: false, nextAnniversary: '2028-11-25' });
    const s = filingState([...filing, ...heard]);
    expect(s.status).toBe('completed');
    expect(keepsRunning(residencePermitEndorsement, s)).toBe(false);
  });

  it('given an endorsement naming another filing, or none (the endorse action), then this filing hears nothing of it', () => {
    const permit = [...inWindow(), { type: 'ChildCaseLinked', data: { caseId: FILING_CASE, type: 'residence-permit-endorsement' }, at: IN_WINDOW }];
    const byAction = decideAction(residencePermit, permitState(permit), 'endorse', {}, { actor: station, at: IN_WINDOW, ...testEnv });
    const [untargeted] = signalsAfter(permit, byAction);
    expect(untargeted).toEqual({ parentCaseId: PERMIT_CASE, type: 'ResidencePermitEndorsed', at: IN_WINDOW }); // no data: it names no child
    expect(decideParentEvent(residencePermitEndorsement, filingState(lodged()), untargeted, IN_WINDOW, testEnv)).toEqual([]);
    const forAnother = { ...untargeted, data: { ...(byAction[0].data as object), childCaseId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d' } };
    expect(decideParentEvent(residencePermitEndorsement, filingState(lodged()), forAnother, IN_WINDOW, testEnv)).toEqual([]);
  });

  it('given the permit could not record it, when signalled, then the reason is recorded and the station is to act (withdraw)', () => {
    const permit = inWindow();
    const byAction = decideAction(residencePermit, permitState(permit), 'endorse', {}, { actor: station, at: IN_WINDOW, ...testEnv });
    const answer = permitHears([...permit, ...byAction], lodged());
    const [signal] = signalsAfter([...permit, ...byAction], answer);
    const heard = decideParentEvent(residencePermitEndorsement, filingState(lodged()), signal, IN_WINDOW, testEnv) as LooseEvent[];
    expect(heard.map((e) => e.type)).toEqual(['PermitEndorsementNotRecorded']);
    const s = filingState([...lodged(), ...heard]);
    expect(s.status).toBe('accepted');
    expect(waitingOn(residencePermitEndorsement, s)).toBe(HUANGPU);
    given(residencePermitEndorsement, [...lodged(), ...heard])
      .when(station, 'withdraw', { reason: 'the permit was endorsed at the window already' })
      .then([{ type: 'CaseWithdrawn' }]);
    expect(allowedActions(residencePermitEndorsement, s, supervisor(HUANGPU))).not.toContain('approve');
  });
});
