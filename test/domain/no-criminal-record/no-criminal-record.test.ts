import {
  allowedActions,
  decideAction,
  decideTaskResult,
  decideTimers,
  fold,
  householdCertificate,
  noCriminalRecord,
  nextWakeUp,
  pendingTasks,
  toView,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PendingTask,
} from '../../../domain';
import { applicant, caseworker, given, officeHead, opened, testEnv, type LooseEvent } from '../support/given';

// docs/domain.md §7.6: asked by the person or an agent with a power of attorney (公通字〔2021〕19號 art 4) at the station
// of the hukou place or of the residence (art 5), decided from the national platform; a certificate, or a notice.
const STATION = '440106'; // Guangzhou Tianhe: the hukou place
const SHANGHAI = '310101'; // the receiving window, and a residence station
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday
const APPLICANT_ID = '440106199003071231';
const AGENT_ID = '310101198507070018';
const POA = '(2026)粵廣州天河證字第1201號';

const input = (details: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'no-criminal-record',
  channel: 'cross-province',
  receivingOffice: SHANGHAI,
  applicant: { name: '陳靜', idNumber: APPLICANT_ID },
  materials: ['ID card'],
  details: { ground: 'hukou', decidingOffice: STATION, purpose: 'employment abroad', ...details },
  ...over,
});
const agent = { role: 'agent' as const, name: '王強', idNumber: AGENT_ID, powerOfAttorney: POA };

const window = caseworker(SHANGHAI);
const station = caseworker(STATION);
const lodge = (details: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}, actor = window): LooseEvent[] =>
  opened(noCriminalRecord, input(details, over), actor, openedAt);
const stateOf = (events: CaseEvent[]) => fold(noCriminalRecord, events) as CaseState;

/** Each register answers a pending check by its key: confirmed (with facts), contradicted, or null for no answer. */
type Answer = (t: PendingTask) => { ok: boolean; detail: string; facts?: Record<string, string | number> } | null;
const registers =
  (over: Record<string, ReturnType<Answer>> = {}): Answer =>
  (t) =>
    t.key in over
      ? over[t.key]
      : t.key === 'population-register'
        ? { ok: true, detail: 'registered', facts: { hukouOffice: STATION } }
        : t.key === 'criminal-record'
          ? { ok: true, detail: 'no criminal record', facts: { record: 'none' } }
          : t.key === 'request-log'
            ? { ok: true, detail: "the platform's request log holds 0 earlier requests", facts: { requests: 0 } }
            : { ok: true, detail: 'on record' };

function checked(events: LooseEvent[], answer: Answer): LooseEvent[] {
  const all = [...events];
  for (const task of pendingTasks(noCriminalRecord, stateOf(all))) {
    const a = answer(task);
    const outcome = a ? { ok: true as const, value: a } : { ok: false as const, error: 'the register failed: timeout' };
    all.push(...decideTaskResult(noCriminalRecord, stateOf(all), task, outcome, openedAt, testEnv));
  }
  return all;
}
const accepted = (answer: Answer = registers(), over: Partial<OpenCaseInput> = {}, details: Record<string, unknown> = {}) => {
  const lodged = lodge(details, over);
  return checked(
    [
      ...lodged,
      ...given(noCriminalRecord, lodged)
        .when(window, 'accept', {})
        .then([{ type: 'CaseAccepted' }]),
    ],
    answer,
  );
};
const RECORDED = registers({
  'criminal-record': { ok: false, detail: 'the criminal-record platform holds an effective finding of guilt', facts: { record: 'recorded' } },
});
const declined = () => {
  const events = accepted(RECORDED);
  return [
    ...events,
    ...given(noCriminalRecord, events)
      .when(station, 'decline-certificate', { reason: 'an effective finding of guilt is on record' })
      .then([{ type: 'CertificateDeclined' }, { type: 'CaseCompleted' }]),
  ];
};
const issued = () => {
  const events = accepted();
  const approved = [
    ...events,
    ...given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]),
  ];
  return [
    ...approved,
    ...given(noCriminalRecord, approved)
      .when(window, 'deliver-certificate', {})
      .then([{ type: 'CertificateDelivered' }, { type: 'CaseCompleted' }]),
  ];
};

describe('no-criminal-record: lodging', () => {
  it('given a Shanghai window, when a Tianhe resident asks with the hukou station deciding, then it is cross-province with a 3 WD decision clock', () => {
    const [ev] = lodge();
    expect(ev).toMatchObject({ type: 'CaseOpened', data: { receivingOffice: SHANGHAI, handlingOffice: STATION, crossProvince: true } });
    expect(stateOf(lodge()).policy.clocks.decision).toMatchObject({ unit: 'WD', limit: 3, maxExtension: 0 });
  });

  it('given a hukou request, when lodged, then the population register, the criminal-record platform and its request log are asked; a residence request asks the residence register of the deciding city too', () => {
    expect(pendingTasks(noCriminalRecord, stateOf(lodge())).map((t) => [t.key, t.kind === 'verify-record' && t.registry])).toEqual([
      ['population-register', 'population'],
      ['criminal-record', 'criminal-record'],
      ['request-log', 'request-log'],
    ]);
    const residence = pendingTasks(noCriminalRecord, stateOf(lodge({ ground: 'residence', decidingOffice: SHANGHAI }, { channel: 'window' })));
    expect(residence).toContainEqual(
      expect.objectContaining({ key: 'residence-registration', registry: 'residence-registration', subject: `${APPLICANT_ID}@310000` }),
    );
  });

  it.each([
    ['a citizen without an ID number', {}, { applicant: { name: 'x' } }, /applicant.idNumber/],
    ['a foreigner without a passport', { ground: 'foreign-resident', residentSince: '2025-01-01' }, {}, /passportNo/],
    [
      'a foreigner without the residence start',
      { ground: 'foreign-resident' },
      { applicant: { name: 'A', passportNo: 'E12345678', nationality: 'USA' } },
      /180 days/,
    ],
    [
      'a foreigner resident for 100 days',
      { ground: 'foreign-resident', residentSince: '2026-08-17' },
      { applicant: { name: 'A', passportNo: 'E12345678', nationality: 'USA' } },
      /180 days/,
    ],
    [
      'a declared count of earlier requests',
      { earlierRequestsThisYear: 2 },
      {},
      /counted from the platform's request log.*leave details.earlierRequestsThisYear out/,
    ],
  ])('given %s, when lodged, then it is refused (422) with what to give', (_what, details, over, message) => {
    expect(() => lodge(details, over as Partial<OpenCaseInput>)).toThrow(message);
  });

  it('given a foreigner resident for 200 days, when lodged at the exit-entry office, then the entry and the platform are asked by passport', () => {
    const events = lodge(
      { ground: 'foreign-resident', residentSince: '2026-05-01', decidingOffice: STATION },
      { channel: 'window', receivingOffice: STATION, applicant: { name: 'A', passportNo: 'E12345678', nationality: 'USA' } },
      station,
    );
    expect(pendingTasks(noCriminalRecord, stateOf(events)).map((t) => t.kind === 'verify-record' && [t.registry, t.subject])).toEqual([
      ['entry-exit', 'E12345678'],
      ['criminal-record', 'E12345678'],
      ['request-log', 'passport:E12345678@2025-11-25@2026-11-25T02:00:00.000Z'],
    ]);
  });
});

describe('no-criminal-record: an agent with a power of attorney (規定 art 4)', () => {
  it('given an agent with a deed, when lodged, then the deed is checked against the notarial register', () => {
    const s = stateOf(lodge({}, { representative: agent }));
    expect(s.representative).toMatchObject({ role: 'agent', powerOfAttorney: POA });
    expect(pendingTasks(noCriminalRecord, s)).toContainEqual(
      expect.objectContaining({ key: 'representative', registry: 'power-of-attorney', subject: `no-criminal-record|${APPLICANT_ID}|${AGENT_ID}|${POA}` }),
    );
  });

  it('given an agent without a deed, or a relative, when lodged, then it is refused (422) naming who may', () => {
    expect(() => lodge({}, { representative: { role: 'agent', name: '王強', idNumber: AGENT_ID } })).toThrow(/power of attorney/);
    expect(() => lodge({}, { representative: { role: 'relative', name: '王強', idNumber: AGENT_ID } })).toThrow(/agent with a power of attorney/);
  });

  it('given the register says the deed was revoked, when the station approves, then it is refused (409); refusing the request is possible', () => {
    const events = accepted(registers({ representative: { ok: false, detail: 'the power of attorney on record was revoked' } }), { representative: agent });
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /notarial register does not confirm .* revoked/);
    given(noCriminalRecord, events)
      .when(station, 'refuse', { reason: 'the power of attorney was revoked', legalBasis: '民法典 第一百七十三條' })
      .then([{ type: 'CaseRefused' }]);
  });

  it('given the notarial register did not answer, when the station approves or refuses, then both wait (409): no answer is no refusal', () => {
    const events = accepted(registers({ representative: null }), { representative: agent });
    expect(stateOf(events).records.representative).toMatchObject({ result: 'unavailable' });
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /did not answer/);
    given(noCriminalRecord, events)
      .when(station, 'refuse', { reason: 'x', legalBasis: 'y' })
      .thenFails('conflict', /unanswered/);
  });
});

describe('no-criminal-record: the decision', () => {
  it('given no record, when the hukou station approves, then a numbered certificate is issued and printed at the Shanghai window', () => {
    const events = issued();
    const s = stateOf(events);
    expect(s.status).toBe('completed');
    expect(s.documents[0]).toMatchObject({ kind: 'no-criminal-record-certificate', purpose: 'employment abroad', eSeal: { office: STATION } });
    expect(s.documents[0].number).toMatch(/^WFZ440106/);
    expect(events.find((e) => e.type === 'CertificateDelivered')).toMatchObject({ data: { mode: 'printed', office: SHANGHAI } });
  });

  it('given only a sealed juvenile record (刑事訴訟法 art 286), when the station approves, then a certificate is issued', () => {
    const events = accepted(
      registers({ 'criminal-record': { ok: true, detail: 'no record to disclose (a sealed juvenile record)', facts: { record: 'sealed' } } }),
    );
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued', data: { kind: 'no-criminal-record-certificate' } }]);
  });

  it('given a record, when the station approves, then it is refused (409); declining gives a notice and completes the case', () => {
    const events = accepted(RECORDED);
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /effective finding of guilt/);
    const s = stateOf(declined());
    expect(s.status).toBe('completed');
    expect(s.documents[0]).toMatchObject({ kind: 'certificate-declined-notice', certificate: 'no-criminal-record', appealable: true });
  });

  it('given no record and a competent office, when the station declines, then it is refused (409): only a finding of guilt is a record', () => {
    given(noCriminalRecord, accepted())
      .when(station, 'decline-certificate', { reason: 'suspicion of an offence' })
      .thenFails('conflict', /must be issued/);
  });

  it('given a register placing the hukou elsewhere, when the station approves, then it is refused (409); it declines with that reason', () => {
    const events = accepted(registers({ 'population-register': { ok: true, detail: 'registered', facts: { hukouOffice: '440104' } } }));
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /hukou at office 440104/);
    given(noCriminalRecord, events)
      .when(station, 'decline-certificate', { reason: 'the hukou is not registered at this station' })
      .then([{ type: 'CertificateDeclined' }, { type: 'CaseCompleted' }]);
  });

  it('given a residence request without a residence registered in the city, when approved, then it is refused (409)', () => {
    const events = accepted(
      registers({ 'residence-registration': { ok: false, detail: 'no residence registration in city 310000' } }),
      { channel: 'window' },
      {
        ground: 'residence',
        decidingOffice: SHANGHAI,
      },
    );
    given(noCriminalRecord, events)
      .when(caseworker(SHANGHAI), 'approve', {})
      .thenFails('conflict', /no residence is registered/);
  });

  it('given an online request, when approved, then the certificate is downloaded at once and the case completes', () => {
    const lodged = lodge({ decidingOffice: SHANGHAI, ground: 'residence' }, { channel: 'online', receivingOffice: SHANGHAI }, applicant('u-1'));
    const events = checked(
      [
        ...lodged,
        ...given(noCriminalRecord, lodged)
          .when(caseworker(SHANGHAI), 'accept', {})
          .then([{ type: 'CaseAccepted' }]),
      ],
      registers(),
    );
    given(noCriminalRecord, events)
      .when(caseworker(SHANGHAI), 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }, { type: 'CertificateDelivered', data: { mode: 'download' } }, { type: 'CaseCompleted' }]);
  });
});

describe('no-criminal-record: an investigation pause (docs/domain.md §7.6, §7.9.2)', () => {
  it('given an accepted request, when the head of the station pauses for investigation, then the clock stands still; a hearing is not a kind it provides (422)', () => {
    given(noCriminalRecord, accepted())
      .when(officeHead(STATION), 'pause-clock', { kind: 'investigation', reason: 'the finding of a court must be confirmed' })
      .then([{ type: 'ClockPaused', data: { clock: 'decision', kind: 'investigation' } }]);
    given(noCriminalRecord, accepted())
      .when(officeHead(STATION), 'pause-clock', { kind: 'hearing', reason: 'x' })
      .thenFails('rule', /investigation only/);
    given(noCriminalRecord, accepted())
      .when(station, 'pause-clock', { kind: 'investigation', reason: 'x' })
      .thenFails('forbidden', /head of office 440106/);
  });

  it('given a household certificate, when its head pauses for investigation, then it is refused (422); a case that paused so before replays as it was', () => {
    const hukou = { type: 'household-certificate', channel: 'window', receivingOffice: STATION, applicant: { name: '陳靜', idNumber: APPLICANT_ID } } as const;
    const lodged = opened(
      householdCertificate,
      { ...hukou, materials: [], details: { subKind: 'hukou', hukouOffice: STATION, purpose: 'visa' } },
      station,
      openedAt,
    );
    const events = [
      ...lodged,
      ...given(householdCertificate, lodged)
        .when(station, 'accept', {})
        .then([{ type: 'CaseAccepted' }]),
    ];
    given(householdCertificate, events)
      .when(officeHead(STATION), 'pause-clock', { kind: 'investigation', reason: 'x' })
      .thenFails('rule', /hearing, inspection, appraisal, expert-review only/);
    const state = fold(householdCertificate, events) as CaseState;
    const replayed = decideAction(
      householdCertificate,
      state,
      'pause-clock',
      { kind: 'investigation', reason: 'x' },
      {
        actor: officeHead(STATION),
        at: '2026-11-25T03:00:00.000Z',
        ...testEnv,
        patched: () => false,
      },
    );
    expect(replayed.map((e) => e.type)).toEqual(['ClockPaused']);
  });
});

describe('no-criminal-record: objection after the decision', () => {
  it('given a declined certificate, when the applicant objects at the window, then the review is due in 15 working days', () => {
    const events = declined();
    expect(allowedActions(noCriminalRecord, stateOf(events), window)).toContain('object');
    const [lodged] = given(noCriminalRecord, events)
      .when(window, 'object', { reason: 'the conviction was quashed on appeal' }, '2026-11-27T02:00:00.000Z')
      .then([{ type: 'ObjectionLodged' }]);
    // Friday 27 November + 15 WD = Friday 18 December (no holidays in between).
    expect(lodged.data.reviewDueBy).toBe('2026-12-18T15:59:59.999Z');
  });

  it('given an open objection, when the head extends the review, then it is due in 30 working days; a second extension is refused (409)', () => {
    const events = [
      ...declined(),
      ...given(noCriminalRecord, declined())
        .when(window, 'object', { reason: 'the conviction was quashed' }, '2026-11-27T02:00:00.000Z')
        .then([{ type: 'ObjectionLodged' }]),
    ];
    given(noCriminalRecord, events)
      .when(station, 'extend-objection-review', { reason: 'court files' })
      .thenFails('forbidden', /head of office/);
    const ext = given(noCriminalRecord, events)
      .when(officeHead(STATION), 'extend-objection-review', { reason: 'the court files are asked for' })
      // 30 WD from Friday 27 November; 2027 is not in the bundled calendar yet, so its days count as weekdays only.
      .then([{ type: 'ObjectionReviewExtended', data: { reviewDueBy: '2027-01-08T15:59:59.999Z' } }]);
    given(noCriminalRecord, [...events, ...ext])
      .when(officeHead(STATION), 'extend-objection-review', { reason: 'again please' })
      .thenFails('conflict', /already extended/);
  });

  it('given an objection upheld against a declined certificate, when answered, then the certificate is issued now and downloaded', () => {
    const events = [
      ...declined(),
      ...given(noCriminalRecord, declined())
        .when(window, 'object', { reason: 'the conviction was quashed' })
        .then([{ type: 'ObjectionLodged' }]),
    ];
    const answered = given(noCriminalRecord, events)
      .when(station, 'answer-objection', { outcome: 'upheld', reason: 'the platform held a quashed conviction' })
      .then([
        { type: 'ObjectionAnswered', data: { outcome: 'upheld', late: false } },
        { type: 'CertificateIssued', data: { kind: 'no-criminal-record-certificate' } },
        { type: 'CertificateDelivered', data: { mode: 'download' } },
      ]);
    const s = stateOf([...events, ...answered]);
    expect(s).toMatchObject({ status: 'completed', progress: { objection: { outcome: 'upheld' } } });
    expect(s.clocks['certificate-delivery']).toBeUndefined();
    given(noCriminalRecord, [...events, ...answered])
      .when(window, 'object', { reason: 'once more please' })
      .thenFails('conflict', /already lodged/);
  });

  it('given an issued certificate, when somebody else objects, then it is refused (403); dismissed after the review period, the answer is recorded late', () => {
    given(noCriminalRecord, issued()).when(applicant('somebody-else'), 'object', { reason: 'the purpose is misspelt' }).thenFails('forbidden');
    const withObjection = [
      ...issued(),
      ...given(noCriminalRecord, issued())
        .when(window, 'object', { reason: 'the purpose is misspelt' })
        .then([{ type: 'ObjectionLodged' }]),
    ];
    given(noCriminalRecord, withObjection)
      .when(station, 'answer-objection', { outcome: 'dismissed', reason: 'the certificate is as asked' }, '2027-02-01T02:00:00.000Z')
      .then([{ type: 'ObjectionAnswered', data: { outcome: 'dismissed', late: true } }]);
  });

  it('given a request not decided yet, or no objection, when objecting or answering, then it is refused (409)', () => {
    given(noCriminalRecord, accepted())
      .when(window, 'object', { reason: 'too slow, please' })
      .thenFails('conflict', /nothing has been decided/);
    given(noCriminalRecord, declined())
      .when(station, 'answer-objection', { outcome: 'upheld', reason: 'why not' })
      .thenFails('conflict', /no objection/);
    given(noCriminalRecord, declined())
      .when(caseworker('440104'), 'object', { reason: 'the conviction was quashed' })
      .thenFails('forbidden', /applicant/);
  });

  it('given an objection, then its review runs on a 15 WD clock the case view shows, the case kept and waiting on the deciding office', () => {
    const events = [
      ...declined(),
      ...given(noCriminalRecord, declined())
        .when(window, 'object', { reason: 'the conviction was quashed on appeal' }, '2026-11-27T02:00:00.000Z')
        .then([{ type: 'ObjectionLodged' }]),
    ];
    const s = stateOf(events);
    expect(s.status).toBe('completed');
    expect(s.clocks['objection-review']).toMatchObject({ state: 'on-track', startedAt: '2026-11-27T02:00:00.000Z', deadline: '2026-12-18T15:59:59.999Z' });
    expect(toView(s, [], noCriminalRecord).objection).toEqual({
      status: 'under-review',
      lodgedAt: '2026-11-27T02:00:00.000Z',
      reviewDueBy: '2026-12-18T15:59:59.999Z',
      extended: false,
    });
    expect(JSON.stringify(toView(s, [], noCriminalRecord).objection)).not.toContain('quashed'); // the reason stays in the history
    expect(noCriminalRecord.keptAfterClose!(s as never)).toBe(true);
    expect(waitingOn(noCriminalRecord, s)).toBe(STATION);
    expect(nextWakeUp(noCriminalRecord, s)).toBe(s.clocks['objection-review'].goalAt);
    // Its SLA events are the deciding office's, past the deadline too.
    const passed = decideTimers(noCriminalRecord, s, '2026-12-19T02:00:00.000Z', testEnv);
    expect(passed.map((e) => e.type)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed']);

    const answered = given(noCriminalRecord, events)
      .when(station, 'answer-objection', { outcome: 'dismissed', reason: 'the record stands on the court judgment' }, '2026-12-01T02:00:00.000Z')
      .then([{ type: 'ObjectionAnswered', data: { late: false } }]);
    const done = stateOf([...events, ...answered]);
    expect(done.clocks['objection-review'].state).toBe('stopped');
    expect(toView(done, [], noCriminalRecord).objection).toMatchObject({ status: 'answered', outcome: 'dismissed', answeredAt: '2026-12-01T02:00:00.000Z' });
    expect(noCriminalRecord.keptAfterClose!(done as never)).toBe(false);
    expect(waitingOn(noCriminalRecord, done)).toBeNull();
  });

  it("given an objection, when the head extends the review, then the clock's deadline moves to 30 WD; once the 15 have passed it is refused", () => {
    const events = [
      ...declined(),
      ...given(noCriminalRecord, declined())
        .when(window, 'object', { reason: 'the conviction was quashed' }, '2026-11-27T02:00:00.000Z')
        .then([{ type: 'ObjectionLodged' }]),
    ];
    const ext = given(noCriminalRecord, events)
      .when(officeHead(STATION), 'extend-objection-review', { reason: 'the court files are asked for' }, '2026-12-01T02:00:00.000Z')
      .then([{ type: 'ObjectionReviewExtended', data: { reviewDueBy: '2027-01-08T15:59:59.999Z' } }]);
    const s = stateOf([...events, ...ext]);
    expect(s.clocks['objection-review'].deadline).toBe('2027-01-08T15:59:59.999Z');
    expect(toView(s, [], noCriminalRecord).objection).toMatchObject({ extended: true, reviewDueBy: '2027-01-08T15:59:59.999Z' });

    const late = [...events, ...decideTimers(noCriminalRecord, stateOf(events), '2026-12-19T02:00:00.000Z', testEnv)];
    given(noCriminalRecord, late)
      .when(officeHead(STATION), 'extend-objection-review', { reason: 'the court files are late' }, '2026-12-19T02:00:00.000Z')
      .thenFails('conflict', /have passed/);
  });

  it('given a case lodged before the review had a clock, when objected to, then it records the review period only, as before', () => {
    const old = stateOf(declined());
    const withoutClock = {
      ...old,
      policy: { ...old.policy, clocks: Object.fromEntries(Object.entries(old.policy.clocks).filter(([c]) => c !== 'objection-review')) },
    };
    const lodged = decideAction(
      noCriminalRecord,
      withoutClock,
      'object',
      { reason: 'the conviction was quashed' },
      { actor: window, at: '2026-11-27T02:00:00.000Z', ...testEnv },
    );
    expect(lodged).toEqual([expect.objectContaining({ type: 'ObjectionLodged' })]);
    expect(lodged[0].clocks).toBeUndefined();
    const after = fold(noCriminalRecord, lodged, withoutClock)!;
    expect(noCriminalRecord.keptAfterClose!(after as never)).toBe(false);
    expect(waitingOn(noCriminalRecord, after)).toBeNull();
    expect(toView(after, [], noCriminalRecord).objection).toMatchObject({ status: 'under-review', reviewDueBy: '2026-12-18T15:59:59.999Z' });
    const ext = decideAction(
      noCriminalRecord,
      after,
      'extend-objection-review',
      { reason: 'court files' },
      { actor: officeHead(STATION), at: '2026-11-30T02:00:00.000Z', ...testEnv },
    );
    expect(ext[0].clocks).toBeUndefined();
  });

  it('given a declined certificate, when revocation is asked, then there is nothing to revoke (409)', () => {
    given(noCriminalRecord, declined())
      .when({ id: 'sv', role: 'supervisor', office: STATION }, 'revoke', { reason: 'x', legalBasis: 'y' })
      .thenFails('conflict', /nothing to revoke/);
  });
});
