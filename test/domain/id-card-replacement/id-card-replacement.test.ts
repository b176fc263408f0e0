import {
  decideAction,
  decideTaskResult,
  fold,
  idCardReplacement,
  pendingTasks,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PendingTask,
  type TaskOutcome,
} from '../../../domain';
import { applicant, caseworker, given, officeHead, opened, testEnv } from '../support/given';

const HUKOU = '440106'; // Guangzhou Tianhe
const RESIDENCE = '440104'; // Guangzhou Yuexiu (same province)
const FAR = '310101'; // Shanghai Huangpu (another province)
const ID = '440106199003071231'; // born 1990-03-07: 36 on 2026-11-25
const openedAt = '2026-11-25T02:00:00.000Z';
const at = '2026-11-25T03:00:00.000Z';
const hukouWorker = caseworker(HUKOU);
const residenceWorker = caseworker(RESIDENCE);
const farWorker = caseworker(FAR);

const input = (over: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'id-card-replacement',
  channel: 'window',
  receivingOffice: RESIDENCE,
  applicant: { name: '陈静', idNumber: ID, birthDate: '1990-03-07' },
  materials: ['application form'],
  details: { hukouOffice: HUKOU, residenceOffice: RESIDENCE, delivery: 'pickup', lostOn: '2026-11-20', ...over },
  ...top,
});
const lodged = (over: Record<string, unknown> = {}) => opened(idCardReplacement, input(over), residenceWorker, openedAt);
const lodgedFar = () => opened(idCardReplacement, input({ residenceOffice: FAR }, { channel: 'cross-province', receivingOffice: FAR }), farWorker, openedAt);

/** Runs the pending task `key` with `outcome`, as the workflow would. */
function task(events: CaseEvent[], key: string, outcome: TaskOutcome, when = at): CaseEvent[] {
  const s = fold(idCardReplacement, events) as CaseState;
  const t = pendingTasks(idCardReplacement, s).find((p) => p.key === key) as PendingTask;
  expect(t).toBeDefined();
  return decideTaskResult(idCardReplacement, s, t, outcome, when, testEnv);
}
const after = (events: CaseEvent[], actor = residenceWorker, action = 'accept', payload: unknown = {}) => [
  ...events,
  ...decideAction(idCardReplacement, fold(idCardReplacement, events) as CaseState, action, payload, { actor, at, ...testEnv }),
];
const registerSays = (events: CaseEvent[], outcome: TaskOutcome = { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: HUKOU } } }) => [
  ...events,
  ...task(events, 'population-register', outcome),
];
const noPhoto = { ok: true as const, value: { found: false } };
const ready = (events: CaseEvent[], actor = residenceWorker) =>
  after(after(registerSays([...events, ...task(events, 'photo-lookup', noPhoto)]), actor, 'capture-biometrics', { photo: 'new' }), actor);
const accepted = () => ready(lodged());
const acceptedFar = () => ready(lodgedFar(), farWorker);

describe('ID card replacement after loss: opening', () => {
  it('given a lodging in the province, when opened, then the hukou-place office decides and the 60 calendar days run', () => {
    const s = fold(idCardReplacement, lodged()) as CaseState;
    expect(s).toMatchObject({ handlingOffice: HUKOU, crossProvince: false, status: 'submitted' });
    // Day 60 is Sunday 24 January 2027: a calendar-day limit ending on a rest day ends on the next working day (民法典 art 203).
    expect(s.clocks['id-card-replacement-issue']).toMatchObject({ state: 'on-track', startedAt: openedAt, deadline: '2027-01-25T15:59:59.999Z' });
    expect(s.clocks.decision).toBeUndefined();
    expect(pendingTasks(idCardReplacement, s).map((t) => t.key)).toEqual(['population-register', 'photo-lookup']);
  });

  it('given a lodging at the residence in another province, when opened, then the residence office handles it after a hukou-place sign-off', () => {
    const s = fold(idCardReplacement, lodgedFar()) as CaseState;
    expect(s).toMatchObject({ receivingOffice: FAR, handlingOffice: FAR, crossProvince: true, involvedOffices: [HUKOU, FAR] });
  });

  it.each([
    ['no birth date', input({}, { applicant: { name: 'x', idNumber: ID } }), /birth date/],
    ['a birth date unlike the ID number', input({}, { applicant: { name: 'x', idNumber: ID, birthDate: '1990-03-08' } }), /does not match/],
    ['a wrong check character', input({}, { applicant: { name: 'x', idNumber: '440106199003071232', birthDate: '1990-03-07' } }), /check character/],
    ['a loss in the future', input({ lostOn: '2026-12-01' }), /a day still to come/],
    ['a loss before birth', input({ lostOn: '1980-01-01' }), /before the applicant was born/],
    ['under 16 without a guardian', input({}, { applicant: { name: 'x', idNumber: '440106201205011237', birthDate: '2012-05-01' } }), /guardian/],
    ['an office that is neither hukou nor residence', input({ residenceOffice: '440105' }), /lodged at the hukou office/],
  ])('given %s, when lodged, then it is refused (422) and nothing is recorded', (_what, bad, message) => {
    expect(() => opened(idCardReplacement, bad, residenceWorker, openedAt)).toThrow(message);
  });
});

describe('ID card replacement: the loss report (a filing, no decision)', () => {
  it('given a lodged case, when the loss is reported at any station, then CardReportedLost and nothing else', () => {
    given(idCardReplacement, lodged())
      .when(caseworker('440105'), 'report-loss', {})
      .then([{ type: 'CardReportedLost', data: { office: '440105', channel: 'window', lostOn: '2026-11-20' } }]);
  });

  it('given a reported loss, when reported again, then 409; an applicant not of the case is 403', () => {
    const reported = after(lodged(), residenceWorker, 'report-loss');
    expect(fold(idCardReplacement, reported)).toMatchObject({ status: 'submitted', progress: { lossReportedAt: at } });
    given(idCardReplacement, reported)
      .when(residenceWorker, 'report-loss', {})
      .thenFails('conflict', /already reported/);
    given(idCardReplacement, lodged()).when(applicant('someone-else'), 'report-loss', {}).thenFails('forbidden');
  });
});

describe('ID card replacement: decision', () => {
  it('given no register answer yet, when approving, then 409', () => {
    const events = after(after([...lodged(), ...task(lodged(), 'photo-lookup', noPhoto)], residenceWorker, 'capture-biometrics', { photo: 'new' }));
    given(idCardReplacement, events)
      .when(hukouWorker, 'approve', {})
      .thenFails('conflict', /population register yet/);
  });

  it('given an unanswered register, when approving, then 409 asking for a recheck, never a refusal on it', () => {
    const events = after(
      after(registerSays([...lodged(), ...task(lodged(), 'photo-lookup', noPhoto)], { ok: false, error: 'timeout' }), residenceWorker, 'capture-biometrics', {
        photo: 'new',
      }),
    );
    expect((fold(idCardReplacement, events) as CaseState).records['population-register'].result).toBe('unavailable');
    given(idCardReplacement, events)
      .when(hukouWorker, 'approve', {})
      .thenFails('conflict', /recheck-records/);
  });

  it('given a register that has the hukou elsewhere, when approving, then 409: identity not established, refuse it', () => {
    const events = after(
      after(
        registerSays([...lodged(), ...task(lodged(), 'photo-lookup', noPhoto)], {
          ok: true,
          value: { ok: true, detail: 'x', facts: { hukouOffice: '310104' } },
        }),
        residenceWorker,
        'capture-biometrics',
        { photo: 'new' },
      ),
    );
    given(idCardReplacement, events)
      .when(hukouWorker, 'approve', {})
      .thenFails('conflict', /hukou at office 310104/);
    given(idCardReplacement, events)
      .when(hukouWorker, 'refuse', { reason: 'identity not established', legalBasis: '居民身份证法 第十一条' })
      .then([{ type: 'CaseRefused', data: { appealable: true, final: false } }]);
  });

  it('given an accepted case in the province, when the hukou-place office approves, then the old card is invalidated, production asked, 40 CNY with no waiver', () => {
    given(idCardReplacement, accepted())
      .when(hukouWorker, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        { type: 'OldCardInvalidated', data: { office: HUKOU, reason: 'reported-lost' } },
        { type: 'CardProductionRequested', data: { ageAtApplication: 36, validity: '20 years', delivery: 'pickup' } },
        { type: 'FeeAssessed', data: { item: 'lost-replacement', amountCny: 40, waived: false, basis: '发改价格〔2003〕2322号' } },
      ]);
    given(idCardReplacement, accepted()).when(residenceWorker, 'approve', {}).thenFails('forbidden');
    given(idCardReplacement, accepted())
      .when(hukouWorker, 'sign-off', {})
      .thenFails('conflict', /no sign-off is needed/);
  });

  it('given a cross-province case, when the residence office approves before the sign-off, then 409; after it, the old card was invalidated at the sign-off', () => {
    given(idCardReplacement, acceptedFar())
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /has not signed off/);
    expect(waitingOn(idCardReplacement, fold(idCardReplacement, acceptedFar()) as CaseState)).toBe(HUKOU);
    given(idCardReplacement, acceptedFar()).when(farWorker, 'sign-off', {}).thenFails('forbidden');
    const signed = given(idCardReplacement, acceptedFar())
      .when(hukouWorker, 'sign-off', {})
      .then([
        { type: 'HukouPlaceSignedOff', data: { office: HUKOU } },
        { type: 'OldCardInvalidated', data: { office: HUKOU } },
      ]);
    given(idCardReplacement, [...acceptedFar(), ...signed])
      .when(farWorker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CardProductionRequested' }, { type: 'FeeAssessed', data: { amountCny: 40 } }]);
  });

  it('given a declined sign-off, when the residence office approves, then 409; it refuses', () => {
    given(idCardReplacement, acceptedFar()).when(hukouWorker, 'decline-sign-off', {}).thenFails('invalid');
    const declined = after(acceptedFar(), hukouWorker, 'decline-sign-off', { reason: 'photo does not match the register' });
    given(idCardReplacement, declined)
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /declined to sign off/);
    given(idCardReplacement, declined)
      .when(hukouWorker, 'sign-off', {})
      .thenFails('conflict', /already answered/);
    given(idCardReplacement, declined)
      .when(farWorker, 'refuse', { reason: 'identity not established', legalBasis: '居民身份证法 第八条' })
      .then([{ type: 'CaseRefused' }]);
  });

  it('given an accepted case, when the office head extends the 60 days, then by at most 30 calendar days, once (art 12)', () => {
    given(idCardReplacement, accepted())
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 31, reason: 'remote township' })
      .thenFails('rule', /at most 30 calendar days/);
    const [ev] = given(idCardReplacement, accepted())
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 30, reason: 'remote township' })
      .then([{ type: 'DeadlineExtended', data: { clock: 'id-card-replacement-issue', calendarDays: 30, deadline: '2027-02-23T15:59:59.999Z' } }]);
    given(idCardReplacement, [...accepted(), ev])
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 1, reason: 'again' })
      .thenFails('conflict', /already extended/);
  });
});

describe('ID card replacement: production and hand-over', () => {
  const approved = () => after(accepted(), hukouWorker, 'approve');
  const produced = () => [
    ...approved(),
    ...task(approved(), 'card-production', { ok: true, value: { cardNumber: '4401069999000001' } }, '2026-12-01T02:00:00.000Z'),
  ];

  it('given an approval, when the centre produces the card, then it is a document issued by the hukou-place office, verifiable', () => {
    const ev = produced().at(-1)!;
    expect(ev).toMatchObject({
      type: 'CardProduced',
      data: { number: '4401069999000001', validity: '20 years', validFrom: '2026-12-01', validUntil: '2046-11-30' },
    });
    expect(ev.documents).toEqual([
      expect.objectContaining({ number: '4401069999000001', kind: 'resident-id-card', issuingOffice: HUKOU, verificationCode: expect.any(String) }),
    ]);
  });

  it('given a produced card, when handed over at the window, then CardDelivered, completed, and the 60-day clock stops', () => {
    given(idCardReplacement, approved())
      .when(residenceWorker, 'hand-over', {})
      .thenFails('conflict', /not been produced/);
    const delivered = given(idCardReplacement, produced())
      .when(residenceWorker, 'hand-over', {})
      .then([{ type: 'CardDelivered', data: { mode: 'pickup', cardNumber: '4401069999000001' } }, { type: 'CaseCompleted' }]);
    const s = fold(idCardReplacement, [...produced(), ...delivered]) as CaseState;
    expect(s.status).toBe('completed');
    expect(s.clocks['id-card-replacement-issue'].state).toBe('stopped');
  });
});
