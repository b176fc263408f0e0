import {
  citizenIdNumber,
  decideTaskResult,
  fold,
  hasValidIdCheckCharacter,
  newbornRegistration,
  pendingTasks,
  type CaseEvent,
  type CaseState,
  type NewbornCase,
  type OpenCaseInput,
  type TaskOutcome,
} from '../../../domain';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

const STATION = '440106'; // the station of the father's hukou
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday
const station = caseworker(STATION);
const FATHER = { role: 'father', name: '李明', idNumber: '440106199003151231' };
const MOTHER = { role: 'mother', name: '王芳', idNumber: '440106199207082223' };

const input = (details: Record<string, unknown> = {}, child: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'newborn-registration',
  channel: 'window',
  receivingOffice: STATION,
  applicant: { name: '李小雨', birthDate: '2026-11-15', ...child },
  materials: ['declaration form'],
  details: {
    sex: 'female',
    birthCertificateNo: 'O441234567',
    placeOfBirth: 'mainland',
    chosenParent: FATHER,
    otherParent: MOTHER,
    declarant: { relation: 'mother', name: MOTHER.name, idNumber: MOTHER.idNumber },
    ...details,
  },
  ...over,
});

const lodged = (i = input()) => opened(newbornRegistration, i, station, openedAt);
const state = (events: CaseEvent[]) => fold(newbornRegistration, events) as NewbornCase;

type Answer = { ok: boolean; detail: string; facts?: Record<string, unknown> };
/** Answers every pending task: register checks as `answers` say (default: confirmed, the birth as declared), allocation with `sequence`. */
function answered(events: CaseEvent[], answers: Record<string, Answer | 'unavailable'> = {}, sequence = 2): LooseEvent[] {
  const s = state(events);
  const out: CaseEvent[] = [];
  for (const t of pendingTasks(newbornRegistration, s)) {
    const given = answers[t.key];
    const birth = { birthDate: s.applicant.birthDate, sex: s.details.sex, hospital: 'maternity hospital', alreadyRegistered: false };
    const value: unknown =
      t.key === 'citizen-id-allocation'
        ? { sequence }
        : (given ?? {
            ok: true,
            detail: 'on record',
            ...(t.key === 'birth-record' ? { facts: birth } : t.key === 'parent-population' ? { facts: { hukouOffice: STATION } } : {}),
          });
    const outcome: TaskOutcome = given === 'unavailable' ? { ok: false, error: 'timed out' } : { ok: true, value };
    out.push(...decideTaskResult(newbornRegistration, s, t, outcome, openedAt, testEnv));
  }
  return [...events, ...out] as LooseEvent[];
}
const accepted = (events: CaseEvent[]) => [
  ...events,
  ...given(newbornRegistration, events)
    .when(station, 'accept', {})
    .then([{ type: 'CaseAccepted' }]),
];
const approved = (events: CaseEvent[]) => [
  ...events,
  ...given(newbornRegistration, events)
    .when(station, 'approve', {})
    .then([{ type: 'CaseApproved' }]),
];

describe('newborn registration: opening', () => {
  it('lodges at the chosen parent’s station, which decides, with a 5-WD registration clock (goal 1 WD, inferred)', () => {
    const s = state(lodged());
    expect(s).toMatchObject({ status: 'submitted', handlingOffice: STATION, crossProvince: false, applicant: { name: '李小雨' } });
    expect(s.applicant.idNumber).toBeUndefined();
    expect(s.policy.clocks.decision).toMatchObject({ unit: 'WD', limit: 5, goalRatio: 0.2 });
  });

  it.each([
    ['a birth date in the future', input({}, { birthDate: '2026-11-26' }), /future/],
    ['an ID number for the child', input({}, { idNumber: '440106202611150026' }), /no citizen ID number yet/],
    ['no birth date', input({}, { birthDate: undefined }), /birth date/],
    [
      'a wrong check character in a parent’s ID number',
      input({ chosenParent: { ...FATHER, idNumber: '440106199003151232' } }),
      /chosenParent\.idNumber has a wrong check character/,
    ],
    ['two fathers', input({ otherParent: { ...MOTHER, role: 'father' } }), /other parent/],
    [
      'a declarant mother who is not the mother',
      input({ declarant: { relation: 'mother', name: '张三', idNumber: FATHER.idNumber } }),
      /name them as that parent/,
    ],
    ['a surname of neither parent without a ground', input({}, { name: '张小雨' }), /民法典 art 1015/],
    ['a foreign nationality at a birth in China', input({ foreignNationalityAtBirth: true }), /国籍法 art 5/],
    ['a cross-province channel', input({}, {}, { channel: 'cross-province' }), /never cross-province/],
    ['another deciding office', input({}, {}, { handlingOffice: '310101' }), /decided by office 440106/],
    ['a malformed birth certificate number', input({ birthCertificateNo: '12345' }), /not valid/],
  ])('refuses %s (422/400), recording nothing', (_what, bad, message) => {
    expect(() => lodged(bad)).toThrow(message);
  });

  it('accepts a surname of neither parent on a ground of 民法典 art 1015, and a relative as declarant', () => {
    const s = state(
      lodged(
        input({ surnameBasis: 'lineal-ascendant', declarant: { relation: 'relative', name: '李奶奶', idNumber: '440106195001011237' } }, { name: '张小雨' }),
      ),
    );
    expect(s.status).toBe('submitted');
  });

  it('accepts a late declaration, more than a month after the birth (inferred), and records it as late at registration', () => {
    const late = lodged(input({}, { birthDate: '2026-09-01' }));
    const registered = answered(approved(answered(accepted(late))));
    expect(registered.find((e) => e.type === 'BirthRegistered')?.data).toMatchObject({ declaredInTime: false });
  });

  it('online: lodged by the applicant, a parent', () => {
    const s = state(opened(newbornRegistration, input({}, {}, { channel: 'online' }), applicant('mother-1'), openedAt));
    expect(s).toMatchObject({ channel: 'online', applicantId: 'mother-1' });
  });
});

describe('newborn registration: registers (免交证)', () => {
  it('reads the birth certificate, the chosen parent and the marriage; a matching birth record is BirthRecordVerified', () => {
    const events = answered(accepted(lodged()));
    expect(events.filter((e) => e.type === 'RecordsVerified').map((e) => [e.data.key, e.data.registry, e.data.result])).toEqual([
      ['birth-record', 'birth-certificate', 'confirmed'],
      ['parent-population', 'population', 'confirmed'],
      ['parents-marriage', 'marriage', 'confirmed'],
    ]);
    expect(events.find((e) => e.type === 'BirthRecordVerified')?.data).toEqual({
      certificateNo: 'O441234567',
      birthDate: '2026-11-15',
      sex: 'female',
      hospital: 'maternity hospital',
    });
  });

  it('does not read the marriage register without the other parent’s ID number', () => {
    const events = answered(
      lodged(input({ otherParent: { role: 'mother', name: '王芳' }, declarant: { relation: 'father', name: FATHER.name, idNumber: FATHER.idNumber } })),
    );
    expect(events.filter((e) => e.type === 'RecordsVerified').map((e) => e.data.key)).toEqual(['birth-record', 'parent-population']);
  });

  it.each([
    ['another birth date', { birthDate: '2026-11-14', sex: 'female' }, /another birth date/],
    ['the other sex', { birthDate: '2026-11-15', sex: 'male' }, /other sex/],
    ['an earlier registration', { birthDate: '2026-11-15', sex: 'female', alreadyRegistered: true }, /already registered.*户口登记条例 art 6/],
  ])('a birth record with %s is contradicted: approval blocked, refusal possible', (_what, facts, message) => {
    const events = answered(accepted(lodged()), { 'birth-record': { ok: true, detail: 'on record', facts } });
    expect(events.find((e) => e.data && (e.data as { key?: string }).key === 'birth-record')?.data).toMatchObject({
      result: 'contradicted',
      detail: expect.stringMatching(message),
    });
    expect(events.some((e) => e.type === 'BirthRecordVerified')).toBe(false);
    given(newbornRegistration, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /birth record failed verification/);
    given(newbornRegistration, events)
      .when(station, 'refuse', { reason: 'the birth certificate records another birth', legalBasis: '户口登记条例 第六条' })
      .then([{ type: 'CaseRefused', data: { final: false, appealable: true } }]);
  });

  it('an unanswered birth-certificate register is unavailable, never a refusal: recheck-records asks again', () => {
    const events = answered(accepted(lodged()), { 'birth-record': 'unavailable' });
    expect(state(events).records['birth-record']).toMatchObject({ result: 'unavailable' });
    given(newbornRegistration, events)
      .when(station, 'refuse', { reason: 'x', legalBasis: 'y' })
      .thenFails('conflict', /unanswered register/);
    const rechecked = [
      ...events,
      ...given(newbornRegistration, events)
        .when(station, 'recheck-records', {})
        .then([{ type: 'RecordsRecheckRequested', data: { keys: ['birth-record'] } }]),
    ];
    expect(pendingTasks(newbornRegistration, state(rechecked)).map((t) => t.key)).toContain('birth-record');
  });

  it('a non-marital birth is registered: the marriage register is shown, never a condition (国办发〔2015〕96号)', () => {
    const events = answered(accepted(lodged()), { 'parents-marriage': { ok: false, detail: 'no marriage of the two parents is registered' } });
    given(newbornRegistration, events)
      .when(station, 'approve', {})
      .then([{ type: 'CaseApproved' }]);
  });

  it('a chosen parent whose hukou is elsewhere blocks approval: the child is registered there', () => {
    const events = answered(accepted(lodged()), { 'parent-population': { ok: true, detail: 'registered', facts: { hukouOffice: '440104' } } });
    given(newbornRegistration, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /hukou is at office 440104/);
  });

  it('a child with a foreign nationality from a birth abroad can only be refused (国籍法 art 5)', () => {
    const events = answered(accepted(lodged(input({ placeOfBirth: 'abroad', foreignNationalityAtBirth: true }))));
    given(newbornRegistration, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /国籍法 art 5/);
  });
});

describe('newborn registration: registration after approval', () => {
  const approvedCase = () => answered(approved(answered(accepted(lodged()))), {}, 4);

  it('allocates the GB 11643 number from the register’s sequence and registers the birth', () => {
    const events = approvedCase();
    const allocated = events.find((e) => e.type === 'CitizenIdNumberAllocated')!;
    expect(allocated.data).toEqual({ idNumber: citizenIdNumber(STATION, '2026-11-15', 4), countyCode: STATION, birthDate: '2026-11-15', sequence: 4 });
    expect(allocated.data.idNumber).toMatch(/^44010620261115004[\dX]$/);
    expect(hasValidIdCheckCharacter(allocated.data.idNumber)).toBe(true);
    expect(events.find((e) => e.type === 'BirthRegistered')?.data).toMatchObject({ hukouOffice: STATION, householdOf: 'father', declaredInTime: true });
    expect(state(events)).toMatchObject({ status: 'approved', step: 'hukou-page', applicant: { idNumber: allocated.data.idNumber } });
  });

  it('an odd sequence for a girl is not used: recorded as a failed allocation, asked again', () => {
    const events = answered(approved(answered(accepted(lodged()))), {}, 3);
    expect(events.at(-1)).toMatchObject({ type: 'CitizenIdNumberAllocationFailed', data: { error: expect.stringMatching(/odd \(male\)/), attempt: 1 } });
    expect(pendingTasks(newbornRegistration, state(events)).map((t) => t.key)).toEqual(['citizen-id-allocation']);
  });

  it('after three failed allocations a caseworker asks again (retry-allocation)', () => {
    let events: CaseEvent[] = approved(answered(accepted(lodged())));
    for (let i = 0; i < 3; i++) events = answered(events, {}, 1);
    expect(pendingTasks(newbornRegistration, state(events))).toEqual([]);
    const retried = [
      ...events,
      ...given(newbornRegistration, events)
        .when(station, 'retry-allocation', {})
        .then([{ type: 'CitizenIdNumberAllocationRetried' }]),
    ];
    expect(pendingTasks(newbornRegistration, state(retried)).map((t) => t.key)).toEqual(['citizen-id-allocation']);
    given(newbornRegistration, approvedCase())
      .when(station, 'retry-allocation', {})
      .thenFails('conflict', /not stalled/);
  });

  it('issue-hukou-page posts the page, a verifiable document, and completes the case', () => {
    const [page] = given(newbornRegistration, approvedCase())
      .when(station, 'issue-hukou-page', { delivery: 'post', trackingNumber: 'EMS1234567890' })
      .then([{ type: 'HukouPageIssued', data: { kind: 'hukou-page', delivery: 'post', hukouOffice: STATION } }, { type: 'CaseCompleted' }]);
    expect(page.documents).toEqual([
      expect.objectContaining({ number: page.data.number, kind: 'hukou-page', verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) }),
    ]);
  });

  it.each([
    ['before the registration', () => approved(answered(accepted(lodged()))), station, { delivery: 'pickup' }, 'conflict', /not registered yet/],
    ['by another office', () => approvedCase(), caseworker('440104'), { delivery: 'pickup' }, 'forbidden', /only a caseworker of office 440106/],
    ['with a tracking number for a pickup', () => approvedCase(), station, { delivery: 'pickup', trackingNumber: 'EMS1' }, 'rule', /posted page only/],
    ['by another mode', () => approvedCase(), station, { delivery: 'fax' }, 'invalid', /not valid/],
  ])('issue-hukou-page is refused %s', (_what, events, actor, payload, kind, message) => {
    given(newbornRegistration, events())
      .when(actor, 'issue-hukou-page', payload)
      .thenFails(kind as 'conflict', message);
  });
});

describe('newborn registration: the case is found by its birth certificate', () => {
  it('names the birth certificate as its duplicate key', () => {
    expect(newbornRegistration.duplicateKey?.(state(lodged()).details)).toBe('O441234567');
  });

  it('review of possible duplicates comes before acceptance', () => {
    const s = opened(newbornRegistration, input(), station, openedAt);
    const withDuplicates = [
      ...s,
      { type: 'PossibleDuplicatesFound', data: { cases: [{ caseId: 'other', receivingOffice: STATION, openedAt }] }, at: openedAt },
    ] as CaseEvent[];
    given(newbornRegistration, withDuplicates)
      .when(station, 'accept', {})
      .thenFails('conflict', /duplicate/);
    expect((fold(newbornRegistration, withDuplicates) as CaseState).duplicates?.cases).toHaveLength(1);
  });
});
