import {
  clockOwner,
  systemEventOffice,
  decideTaskResult,
  decideTimers,
  nextTimer,
  fold,
  hukouMigration,
  pendingTasks,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
} from '../../../domain';
import { caseworker, given, officeHead, opened, supervisor, testEnv, type LooseEvent } from '../support/given';

const FROM = '310101'; // Shanghai Huangpu (origin, other province)
const TO = '440106'; // Guangzhou Tianhe (move-in office, decides)
const ID = '310101199205061233';
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday
const moveIn = caseworker(TO);
const origin = caseworker(FROM);

const input = (over: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'hukou-migration',
  channel: 'cross-province',
  receivingOffice: TO,
  applicant: { name: '李娜', idNumber: ID },
  materials: ['application form', 'labour contract'],
  details: {
    category: 'work-transfer',
    fromOffice: FROM,
    toOffice: TO,
    destinationCity: { code: '440100' }, // its population comes from reference data
    residenceYears: 8,
    socialInsuranceYears: 10,
    metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 5 }],
    ...over,
  },
  ...top,
});

const lodged = (over: Record<string, unknown> = {}) => opened(hukouMigration, input(over), moveIn, openedAt);
const answer = (events: CaseEvent[], key: string, value: { ok: boolean; detail: string; facts?: Record<string, string | number> }) => {
  const s = fold(hukouMigration, events) as CaseState;
  const check = pendingTasks(hukouMigration, s).find((t) => t.key === key)!;
  return decideTaskResult(hukouMigration, s, check, { ok: true, value }, openedAt, testEnv);
};
const populationSays = (events: CaseEvent[], ok: boolean, hukouOffice = FROM) =>
  answer(events, 'population-register', { ok, detail: ok ? 'registered' : 'unknown', facts: { hukouOffice } });
/** The register of residence permits: 5 years in Shenzhen by default (the metro years the openings declare). */
const permitsSay = (events: CaseEvent[], years: Record<string, number> = { '440300': 5 }) =>
  answer(events, 'residence-permit-records', {
    ok: true,
    detail: 'permits',
    facts: { asOf: '2026-11-25', permits: Object.keys(years).length, ...Object.fromEntries(Object.entries(years).map(([c, y]) => [`years:${c}`, y])) },
  });
/** Both register checks of a lodged case answered: the population register's, then the residence permits'. */
const registerSays = (events: CaseEvent[], ok: boolean, hukouOffice = FROM) => {
  const population = populationSays(events, ok, hukouOffice);
  return [...population, ...permitsSay([...events, ...population])];
};
const accept = (events: CaseEvent[]) => [
  ...events,
  ...given(hukouMigration, events)
    .when(moveIn, 'accept', {})
    .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed' }]),
];
const verifiedAndAccepted = () => accept([...lodged(), ...registerSays(lodged(), true)]);
const approved = () => {
  const events = verifiedAndAccepted();
  return [
    ...events,
    ...given(hukouMigration, events)
      .when(moveIn, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'MoveInPermitIssued' }]),
  ];
};
const movedOut = () => {
  const events = approved();
  return [
    ...events,
    ...given(hukouMigration, events)
      .when(origin, 'confirm-move-out', {}, '2026-11-26T02:00:00.000Z')
      .then([{ type: 'MoveOutCompleted' }, { type: 'MigrationCertificateIssued' }]),
  ];
};

describe('hukou migration: opening', () => {
  it('is lodged and decided at the move-in office, with the origin office involved', () => {
    const s = fold(hukouMigration, lodged()) as CaseState;
    expect(s).toMatchObject({ receivingOffice: TO, handlingOffice: TO, involvedOffices: [FROM, TO], crossProvince: true, channel: 'window' });
    expect(Object.keys(s.policy.clocks)).toEqual(['completeness', 'supplement', 'decision', 'hukou-move-out', 'hukou-settlement', 'hukou-revocation']);
  });

  it.each([
    ['a destination city other than the move-in office', input({ destinationCity: { code: '440300' } }), /not the city of the move-in office/],
    ['the same office twice', input({ fromOffice: TO }), /same/],
    ['no ID number', input({}, { applicant: { name: '李娜' } }), /resident ID number/],
    ['another handling office', input({}, { handlingOffice: '440104' }), /decided by office 440106/],
  ])('refuses %s (422)', (_what, bad, message) => {
    expect(() => opened(hukouMigration, bad, moveIn, openedAt)).toThrow(message);
  });

  it('refuses lodging at the origin office (422)', () => {
    expect(() => opened(hukouMigration, input({}, { receivingOffice: FROM }), origin, openedAt)).toThrow(/only at the move-in office/);
  });

  it('rejects an unknown category (400)', () => {
    expect(() => opened(hukouMigration, input({ category: 'marriage' }), moveIn, openedAt)).toThrow(/not valid/);
  });
});

describe('hukou migration: intake and eligibility', () => {
  it('requests materials once only', () => {
    const requested = given(hukouMigration, lodged())
      .when(moveIn, 'request-materials', { items: ['marriage certificate'] })
      .then([{ type: 'MaterialsRequested' }]);
    const supplemented = given(hukouMigration, [...lodged(), ...requested])
      .when(moveIn, 'supplement', { items: ['marriage certificate'] })
      .then([{ type: 'MaterialsSupplemented' }]);
    given(hukouMigration, [...lodged(), ...requested, ...supplemented])
      .when(moveIn, 'request-materials', { items: ['x'] })
      .thenFails('conflict', /already requested once/);
  });

  it('assesses eligibility on acceptance with the points breakdown', () => {
    const assessed = verifiedAndAccepted().at(-1)!;
    expect(assessed.data).toMatchObject({
      rule: 'points',
      eligible: true,
      city: '440100',
      points: { total: 86, passMark: 80 },
      metroArea: { countedResidenceYears: 5, countedSocialInsuranceYears: 5 },
    });
  });

  it('checks the applicant against the population register', () => {
    const s = fold(hukouMigration, lodged()) as CaseState;
    expect(pendingTasks(hukouMigration, s)).toEqual([
      { key: 'population-register', kind: 'verify-record', registry: 'population', subject: ID },
      {
        key: 'residence-permit-records',
        kind: 'verify-record',
        registry: 'residence-permit',
        subject: `${ID}@440300,440400,440600,441300,441900,442000@2026-11-25`,
      },
    ]);
  });
});

describe('hukou migration: decision', () => {
  it('blocks approval until the population register check is back (409)', () => {
    given(hukouMigration, accept([...lodged(), ...permitsSay(lodged())]))
      .when(moveIn, 'approve', {})
      .thenFails('conflict', /population register yet/);
  });

  it('blocks approval when the register has the hukou elsewhere (409)', () => {
    const events = accept([...lodged(), ...registerSays(lodged(), true, '310104')]);
    given(hukouMigration, events)
      .when(moveIn, 'approve', {})
      .thenFails('conflict', /hukou at office 310104/);
  });

  it('blocks an ineligible applicant; the caseworker refuses with reason and legal basis, appealably', () => {
    const base = lodged({ metroAreaYears: [] });
    const events = accept([...base, ...registerSays(base, true)]);
    given(hukouMigration, events)
      .when(moveIn, 'approve', {})
      .thenFails('conflict', /not eligible under the points/);
    given(hukouMigration, events).when(moveIn, 'refuse', { reason: 'below the pass mark' }).thenFails('invalid');
    given(hukouMigration, events)
      .when(moveIn, 'refuse', { reason: '56 points, pass mark 80', legalBasis: '广州市积分入户办法' })
      .then([{ type: 'CaseRefused', data: { reason: '56 points, pass mark 80', final: false, appealable: true } }]);
  });

  it('approves and issues the e-move-in permit; the origin office now has 1 WD to move the hukou out', () => {
    const events = approved();
    expect(events.at(-1)!.data).toMatchObject({ kind: 'move-in-permit', number: expect.stringMatching(/^ZQ44010620261125/), fromOffice: FROM, toOffice: TO });
    const s = fold(hukouMigration, events) as CaseState;
    expect(s).toMatchObject({ status: 'approved', step: 'move-out' });
    expect(s.clocks['hukou-move-out']).toMatchObject({ state: 'on-track', deadline: '2026-11-26T15:59:59.999Z' });
    expect(s.clocks.decision.state).toBe('stopped');
    expect(waitingOn(hukouMigration, s)).toBe(FROM);
  });

  it('lets the office head extend the 20-WD decision once by up to 10 WD, but not after the deadline passed (409)', () => {
    const events = verifiedAndAccepted();
    given(hukouMigration, events)
      .when(officeHead(TO), 'extend-deadline', { workingDays: 10, reason: 'points audit' })
      .then([{ type: 'DeadlineExtended', data: { workingDays: 10 } }]);
    given(hukouMigration, events).when(supervisor('310000'), 'extend-deadline', { workingDays: 5, reason: 'x' }).thenFails('forbidden');
    const late = [...events, ...decideTimers(hukouMigration, fold(hukouMigration, events) as CaseState, '2026-12-25T00:00:00.000Z', testEnv)];
    given(hukouMigration, late)
      .when(officeHead(TO), 'extend-deadline', { workingDays: 5, reason: 'x' })
      .thenFails('conflict', /past its deadline/);
  });

  it('keeps the origin office from approving (403)', () => {
    given(hukouMigration, verifiedAndAccepted()).when(origin, 'approve', {}).thenFails('forbidden');
  });
});

describe('hukou migration: move-out and settlement', () => {
  it('lets only the origin office confirm the move-out, once, after approval', () => {
    given(hukouMigration, verifiedAndAccepted())
      .when(origin, 'confirm-move-out', {})
      .thenFails('conflict', /approved/);
    given(hukouMigration, approved())
      .when(moveIn, 'confirm-move-out', {})
      .thenFails('forbidden', /310101/);
    given(hukouMigration, movedOut())
      .when(origin, 'confirm-move-out', {})
      .thenFails('conflict', /already confirmed/);
  });

  it('issues the e-migration certificate and starts the 1-WD settlement clock', () => {
    const events = movedOut();
    expect(events.at(-1)!.data).toMatchObject({ kind: 'migration-certificate', number: expect.stringMatching(/^QY310101/) });
    const s = fold(hukouMigration, events) as CaseState;
    expect(s.step).toBe('settlement');
    expect(s.clocks['hukou-move-out'].state).toBe('stopped');
    expect(s.clocks['hukou-settlement']).toMatchObject({ state: 'on-track', deadline: '2026-11-27T15:59:59.999Z' });
    expect(s.documents.map((d) => d.kind)).toEqual(['move-in-permit', 'migration-certificate']);
    expect(waitingOn(hukouMigration, s)).toBe(TO);
  });

  it('registers the settlement at the move-in office only after the move-out, and completes', () => {
    given(hukouMigration, approved())
      .when(moveIn, 'register-settlement', {})
      .thenFails('conflict', /not confirmed the move-out/);
    given(hukouMigration, movedOut()).when(origin, 'register-settlement', {}).thenFails('forbidden');
    const done = given(hukouMigration, movedOut())
      .when(moveIn, 'register-settlement', {}, '2026-11-27T02:00:00.000Z')
      .then([{ type: 'SettlementRegistered', data: { office: TO } }, { type: 'CaseCompleted' }]);
    const s = fold(hukouMigration, [...movedOut(), ...done]) as CaseState;
    expect(s.status).toBe('completed');
    expect(Object.values(s.clocks).every((c) => c.state === 'stopped')).toBe(true);
  });

  it('raises SLA events when the origin office misses its working day', () => {
    const s = fold(hukouMigration, approved()) as CaseState;
    const events: LooseEvent[] = decideTimers(hukouMigration, s, '2026-11-27T00:00:00.000Z', testEnv);
    // A 1-WD clock has its goal at the deadline: no separate warning.
    expect(events.map((e) => `${e.type}:${e.data.clock}`)).toEqual(['SlaDeadlinePassed:hukou-move-out']);
  });
});

describe('hukou migration: withdrawal only before a decision (issue 11, finding 2)', () => {
  // domain.md §1 shared lifecycle: withdraw is allowed `submitted`, `awaiting-materials`, `accepted`;
  // §2: after `MoveOutCompleted` the person must end with a hukou somewhere.
  it('refuses withdrawal once the case is approved (409), and after the move-out', () => {
    given(hukouMigration, approved())
      .when(moveIn, 'withdraw', { reason: 'changed my mind' })
      .thenFails('conflict', /decision/);
    given(hukouMigration, movedOut())
      .when(moveIn, 'withdraw', { reason: 'changed my mind' })
      .thenFails('conflict', /decision/);
  });

  it('still withdraws an accepted case before the decision', () => {
    given(hukouMigration, verifiedAndAccepted())
      .when(moveIn, 'withdraw', { reason: 'changed my mind' })
      .then([{ type: 'CaseWithdrawn', data: { reason: 'changed my mind' } }]);
  });
});

describe('hukou migration: pauses only before the deadline has passed (issue 11, finding 4)', () => {
  // domain.md §1: the decision clock can be paused only while running and before its deadline has
  // passed — a pause cannot move a deadline already missed (行政許可法 art 45 counts time not yet spent).
  const late = () => {
    const events = verifiedAndAccepted();
    return [...events, ...decideTimers(hukouMigration, fold(hukouMigration, events) as CaseState, '2026-12-25T00:00:00.000Z', testEnv)];
  };

  it('refuses to pause a breached decision clock (409) and changes nothing', () => {
    const events = late();
    expect((fold(hukouMigration, events) as CaseState).clocks.decision.state).toBe('breached');
    given(hukouMigration, events)
      .when(officeHead(TO), 'pause-clock', { kind: 'inspection', reason: 'site visit' })
      .thenFails('conflict', /deadline has passed/);
  });

  it('still pauses a running decision clock before its deadline', () => {
    given(hukouMigration, verifiedAndAccepted())
      .when(officeHead(TO), 'pause-clock', { kind: 'inspection', reason: 'site visit' })
      .then([{ type: 'ClockPaused', data: { clock: 'decision', kind: 'inspection' } }]);
  });
});

describe('hukou migration: a stuck case keeps escalating at the top level (issue 11, finding 6)', () => {
  // domain.md §1 SLA model: a breached case never goes silent; the top level repeats at its interval
  // (daily for a WD clock) until the case closes.
  it('repeats SlaEscalated at level 2 every working day after the first two escalations', () => {
    const events = verifiedAndAccepted();
    const s = fold(hukouMigration, events) as CaseState;
    const deadline = s.clocks.decision.deadline;
    const all: LooseEvent[] = decideTimers(hukouMigration, s, '2027-01-08T00:00:00.000Z', testEnv);
    const sla = all.filter((e) => e.data.clock === 'decision');
    const escalations = sla.filter((e) => e.type === 'SlaEscalated');
    expect(escalations.slice(0, 4).map((e) => e.data.level)).toEqual([1, 2, 2, 2]);
    // Every escalation is later than the one before and later than the deadline.
    const times = escalations.map((e) => Date.parse(e.at));
    expect(times[0]).toBeGreaterThan(Date.parse(deadline));
    times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i]));
    // Folding them back gives the same clock, still breached at level 2, with a next timer due.
    const after = fold(hukouMigration, all, s) as CaseState;
    expect(after.clocks.decision).toMatchObject({ state: 'breached', escalation: 2 });
    expect(nextTimer(after)).toMatchObject({ clock: 'decision', transition: { kind: 'escalated', level: 2 } });
  });

  it('stops escalating once the case closes', () => {
    const events = verifiedAndAccepted();
    const withdrawn = [...events, { type: 'CaseWithdrawn', data: { reason: 'x' }, at: '2026-11-26T02:00:00.000Z' }];
    expect(decideTimers(hukouMigration, fold(hukouMigration, withdrawn) as CaseState, '2027-01-08T00:00:00.000Z', testEnv)).toEqual([]);
  });
});

describe('hukou migration: SLA events belong to the office that owns the clock (issue 11, finding 7)', () => {
  it('charges completeness to the receiving office, the decision to the deciding office, the move-out to the origin office', () => {
    const lodgedCase = fold(hukouMigration, lodged()) as CaseState;
    expect(clockOwner(hukouMigration, lodgedCase, 'completeness')).toBe(TO);
    const s = fold(hukouMigration, approved()) as CaseState;
    expect(clockOwner(hukouMigration, s, 'decision')).toBe(TO);
    expect(clockOwner(hukouMigration, s, 'hukou-move-out')).toBe(FROM);
    // The move-out deadline passes: its SLA events are the origin office's, so its province is alerted.
    const late = decideTimers(hukouMigration, s, '2026-11-28T00:00:00.000Z', testEnv);
    expect(late.map((e) => e.type)).toContain('SlaDeadlinePassed');
    for (const e of late) expect(systemEventOffice(hukouMigration, s, e)).toBe(FROM);
    expect(clockOwner(hukouMigration, fold(hukouMigration, movedOut()) as CaseState, 'hukou-settlement')).toBe(TO);
  });
});
