import {
  decideAction,
  decideTaskResult,
  decideTimers,
  fold,
  keepsRunning,
  nextWakeUp,
  officePolicyProblems,
  pendingTasks,
  residencePermit,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type ResidencePermitCase,
  type TaskOutcome,
} from '../../../domain';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

const HUANGPU = '310101'; // Shanghai Huangpu: the residence county police
const TIANHE = '440106'; // Guangzhou Tianhe: the applicant's hukou
const ID = '440106199203151236';
const openedAt = '2026-11-25T02:00:00.000Z';
const at = '2026-11-25T03:00:00.000Z';
const station = caseworker(HUANGPU);
const holder = applicant('citizen-chen');

const input = (over: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'residence-permit',
  channel: 'window',
  receivingOffice: HUANGPU,
  applicant: { name: '陈静', idNumber: ID },
  materials: ['application form'],
  details: { residenceOffice: HUANGPU, basis: 'job', employerCreditCode: '91440106MA59ABCD1M', ...over },
  ...top,
});
const lodged = (over: Record<string, unknown> = {}) => opened(residencePermit, input(over), station, openedAt);
const lodgedOnline = () => opened(residencePermit, input({}, { channel: 'online' }), holder, openedAt);
const state = (events: CaseEvent[]) => fold(residencePermit, events) as CaseState;
const ownTimer = (s: CaseState) => residencePermit.nextOwnTimer!(s as ResidencePermitCase);

/** The answer of a register: confirmed with facts, or contradicted. */
const confirmed = (facts: Record<string, string> = {}): TaskOutcome => ({ ok: true, value: { ok: true, detail: 'on record', facts } });
const contradicted = (detail: string): TaskOutcome => ({ ok: true, value: { ok: false, detail } });
const CONFIRMED: Record<string, TaskOutcome> = {
  'population-register': confirmed({ hukouOffice: TIANHE }),
  'residence-registration': confirmed({ since: '2025-01-10' }),
  job: confirmed({ employerCreditCode: '91440106MA59ABCD1M', since: '2025-02-01' }),
  employer: confirmed(),
  home: confirmed(),
  study: confirmed(),
};

/** Runs every pending task, each with its answer (register checks confirmed unless told), as the workflow would. */
function answered(events: CaseEvent[], answers: Record<string, TaskOutcome> = {}, photo: TaskOutcome = { ok: true, value: { found: false } }): CaseEvent[] {
  let all = events;
  for (const t of pendingTasks(residencePermit, state(all))) {
    const outcome = answers[t.key] ?? (t.key === 'photo-lookup' ? photo : CONFIRMED[t.key]);
    all = [...all, ...decideTaskResult(residencePermit, state(all), t, outcome, at, testEnv)];
  }
  return all;
}
const after = (events: CaseEvent[], action: string, payload: unknown = {}, actor = station, when = at) => [
  ...events,
  ...decideAction(residencePermit, state(events), action, payload, { actor, at: when, ...testEnv }),
];
const accepted = (answers?: Record<string, TaskOutcome>) => after(after(answered(lodged(), answers), 'capture-photo', { photo: 'new' }), 'accept');
const issued = () => after(accepted(), 'approve');
const delivered = () => after(issued(), 'deliver-permit');
/** Every timer due by `now`, as the workflow's alarm decides them. */
const timersUntil = (events: CaseEvent[], now: string) => [...events, ...decideTimers(residencePermit, state(events), now, testEnv)];
/** The Shanghai midnight opening a day, as an instant. */
const shanghaiMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();

describe('residence-permit: lodging (居住證暫行條例 arts 2, 9, 10)', () => {
  it('given a Guangzhou resident living in Shanghai, when lodged at the Huangpu window, then Huangpu decides and nothing is cross-province', () => {
    const [openedEvent] = lodged() as LooseEvent[];
    expect(openedEvent.type).toBe('CaseOpened');
    expect(openedEvent.data).toMatchObject({ handlingOffice: HUANGPU, crossProvince: false, involvedOffices: [HUANGPU] });
  });

  it.each([
    ['no ID number', input({}, { applicant: { name: '陈静' } }), /resident ID number/],
    ['a cross-province channel', input({}, { channel: 'cross-province' }), /never cross-province/],
    ['another office than the residence office', input({}, { receivingOffice: '310104' }), /residence office 310101 or an agency it entrusted/],
    ['an employer for a home basis', input({ basis: 'home' }), /only for a job basis/],
    ['an employer code with a wrong check character', input({ employerCreditCode: '91440106MA59ABCD1A' }), /check character|not a valid/],
    ['an ID number with a wrong check character', input({}, { applicant: { name: '陈静', idNumber: '440106199203151237' } }), /check character/],
  ])('given %s, when lodged, then it is refused (422) and nothing is recorded', (_what, bad, message) => {
    const actor = bad.receivingOffice === HUANGPU ? station : caseworker(bad.receivingOffice);
    expect(() => opened(residencePermit, bad, actor, openedAt)).toThrow(message);
  });

  it('given details the schema refuses (an unknown basis), when lodged, then it is a 400 naming the field', () => {
    expect(() => lodged({ basis: 'tourism' })).toThrow(/details are not valid/);
  });

  it('given each basis of the stay, when lodged, then the registers that prove it are checked (免交證), besides identity and the half year', () => {
    const keys = (over: Record<string, unknown>) => pendingTasks(residencePermit, state(lodged(over))).map((t) => t.key);
    expect(keys({})).toEqual(['population-register', 'residence-registration', 'job', 'employer', 'photo-lookup']);
    expect(keys({ employerCreditCode: undefined })).toEqual(['population-register', 'residence-registration', 'job', 'photo-lookup']);
    expect(keys({ basis: 'home', employerCreditCode: undefined })).toEqual(['population-register', 'residence-registration', 'home', 'photo-lookup']);
    expect(keys({ basis: 'study', employerCreditCode: undefined })).toEqual(['population-register', 'residence-registration', 'study', 'photo-lookup']);
    const residence = pendingTasks(residencePermit, state(lodged())).find((t) => t.key === 'residence-registration');
    expect(residence).toMatchObject({ registry: 'residence-registration', subject: `${ID}@310000` });
  });
});

describe('residence-permit: decision', () => {
  it('given the registers have not all answered, when approving, then 409 names what is missing', () => {
    const events = after(after(lodged(), 'capture-photo', { photo: 'new' }), 'accept');
    given(residencePermit, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /registers have not answered yet/);
  });

  it('given no photo, when approving, then 409 asks for it', () => {
    given(residencePermit, after(answered(lodged()), 'accept'))
      .when(station, 'approve', {})
      .thenFails('conflict', /photo has not been given/);
  });

  it.each([
    ['the job is not on record', { job: contradicted('no social insurance paid in city 310000') }, /no social insurance/],
    ['the hukou is in the same city', { 'population-register': confirmed({ hukouOffice: '310104' }) }, /hukou is in this city/],
    ['the residence began less than half a year before', { 'residence-registration': confirmed({ since: '2026-09-25' }) }, /had not lasted half a year/],
  ])('given %s (art 2), when approving, then 409: the case can only be refused, and refusing it is possible', (_what, answers, message) => {
    const events = accepted(answers);
    given(residencePermit, events).when(station, 'approve', {}).thenFails('conflict', message);
    given(residencePermit, events)
      .when(station, 'refuse', { reason: 'art 2 not met', legalBasis: '居住证暂行条例 第二条' })
      .then([{ type: 'CaseRefused', data: { final: false, appealable: true } }]);
  });

  it('given an unanswered register, when refusing, then 409: no refusal rests on it', () => {
    const events = accepted({ job: { ok: false, error: 'the social-insurance register failed' } });
    given(residencePermit, events)
      .when(station, 'refuse', { reason: 'no job', legalBasis: '居住证暂行条例 第二条' })
      .thenFails('conflict', /unanswered register/);
  });

  it('given acceptance, then the 15-day issue clock runs from it, in calendar days, with no 20 WD decision clock', () => {
    const s = state(accepted());
    expect(s.clocks.decision).toBeUndefined();
    expect(s.clocks['residence-permit-issue']).toMatchObject({ state: 'on-track', startedAt: at });
    // 15 days from 25 November end on 10 December, a Thursday.
    expect(s.clocks['residence-permit-issue'].deadline).toBe(new Date(Date.parse('2026-12-10T23:59:59.999+08:00')).toISOString());
  });

  it('given every check confirmed and a photo, when approving, then the permit is issued with a number, a verification code and its first anniversary', () => {
    const [, issuedEvent] = given(residencePermit, accepted())
      .when(station, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        {
          type: 'ResidencePermitIssued',
          data: {
            kind: 'residence-permit',
            form: 'card',
            residenceCity: '310000',
            validFrom: '2026-11-25',
            anniversary: '2027-11-25',
            number: expect.stringMatching(/^JZ31010120261125/),
          },
        },
      ]);
    expect(issuedEvent.documents).toEqual([
      expect.objectContaining({ kind: 'residence-permit', issuingOffice: HUANGPU, verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) }),
    ]);
    expect(issuedEvent.documents![0]).not.toHaveProperty('validUntil'); // no validity: kept alive by endorsement (art 10)
  });

  it('given the photo store has a recent photo, when the applicant chooses to reuse it, then PhotoReuseChosen records it with the age limit', () => {
    const events = answered(lodged(), {}, { ok: true, value: { found: true, photoId: 'PH-1', takenAt: '2025-06-01T02:00:00.000Z', takenFor: 'id-card' } });
    given(residencePermit, events)
      .when(station, 'capture-photo', { photo: 'reuse' })
      .then([{ type: 'PhotoReuseChosen', data: { photoId: 'PH-1', maxAgeMonths: 36, source: 'shared-photo-store' } }]);
  });

  it('given the stored photo is older than 36 months, when reusing it, then 409 asks for a new one', () => {
    const events = answered(lodged(), {}, { ok: true, value: { found: true, photoId: 'PH-1', takenAt: '2023-06-01T02:00:00.000Z', takenFor: 'id-card' } });
    given(residencePermit, events)
      .when(station, 'capture-photo', { photo: 'reuse' })
      .thenFails('conflict', /more than 36 months ago/);
  });

  it('given an issued permit, when the station hands it over, then the case completes and the issue clock stops', () => {
    given(residencePermit, issued())
      .when(station, 'deliver-permit', {})
      .then([{ type: 'ResidencePermitDelivered', data: { mode: 'pickup', office: HUANGPU } }, { type: 'CaseCompleted' }]);
    const s = state(delivered());
    expect(s.status).toBe('completed');
    expect(s.clocks['residence-permit-issue'].state).toBe('stopped');
  });

  it('given a caseworker of another office, when handing over, then 403', () => {
    given(residencePermit, issued()).when(caseworker('310104'), 'deliver-permit', {}).thenFails('forbidden');
  });
});

describe('residence-permit: the yearly endorsement (art 10)', () => {
  const DUE = shanghaiMidnight('2027-10-25'); // a month before the anniversary of 2026-11-25
  const ANNIVERSARY = shanghaiMidnight('2027-11-25');

  it('given a delivered permit, then the case is completed but kept: its next timer is the endorsement window a month before the full year', () => {
    const s = state(delivered());
    expect(keepsRunning(residencePermit, s)).toBe(true);
    expect(ownTimer(s)).toEqual({ key: 'endorsement-due', at: DUE });
    expect(nextWakeUp(residencePermit, s)).toBe(DUE);
  });

  it('given the window has not opened, when endorsing, then 409 names the month', () => {
    given(residencePermit, delivered())
      .when(station, 'endorse', {})
      .thenFails('conflict', /month before 2027-11-25/);
  });

  it('given the month before the anniversary begins, then EndorsementDue is recorded', () => {
    const events = decideTimers(residencePermit, state(delivered()), DUE, testEnv) as LooseEvent[];
    expect(events.map((e) => e.type)).toEqual(['EndorsementDue']);
    expect(events[0]).toMatchObject({ at: DUE, data: { anniversary: '2027-11-25', windowOpens: '2027-10-25', lastDay: '2027-11-24' } });
  });

  it('given the window is open, when endorsed on time, then the next year follows the anniversary and the residence years run on', () => {
    const events = timersUntil(delivered(), DUE);
    const endorsed = given(residencePermit, events)
      .when(station, 'endorse', {}, '2027-11-01T02:00:00.000Z')
      .then([{ type: 'ResidencePermitEndorsed', data: { late: false, endorsedOn: '2027-11-01', nextAnniversary: '2028-11-25' } }]);
    const s = state([...events, ...endorsed]);
    expect(s.progress).toMatchObject({ permit: { anniversary: '2028-11-25', endorsements: 1, yearsFrom: '2026-11-25', dueNotified: false } });
    expect(ownTimer(s)).toEqual({ key: 'endorsement-due', at: shanghaiMidnight('2028-10-25') });
  });

  it('given no endorsement by the day before the anniversary, then the permit is suspended from it: no timer is left, the case is kept', () => {
    const events = timersUntil(delivered(), ANNIVERSARY);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['EndorsementDue', 'ResidencePermitSuspended']);
    const s = state(events);
    expect(s.progress).toMatchObject({ permit: { suspendedSince: '2027-11-25' } });
    expect(ownTimer(s)).toBeNull();
    expect(keepsRunning(residencePermit, s)).toBe(true); // for a late endorsement
  });

  it('given a suspended permit, when endorsed late, then it is restored and the residence years restart that day', () => {
    const events = timersUntil(delivered(), ANNIVERSARY);
    given(residencePermit, events)
      .when(station, 'endorse', {}, '2028-01-15T02:00:00.000Z')
      .then([
        { type: 'ResidencePermitEndorsed', data: { late: true, endorsedOn: '2028-01-15', nextAnniversary: '2029-01-15' } },
        { type: 'ResidenceYearsRestarted', data: { from: '2028-01-15', previousFrom: '2026-11-25' } },
      ]);
  });

  it('given another applicant, when endorsing an online permit, then 403', () => {
    const online = after(after(after(after(answered(lodgedOnline()), 'capture-photo', { photo: 'new' }, holder), 'accept'), 'approve'), 'deliver-permit');
    const events = timersUntil(online, DUE);
    given(residencePermit, events).when(applicant('someone-else'), 'endorse', {}, '2027-11-01T02:00:00.000Z').thenFails('forbidden');
    given(residencePermit, events)
      .when(holder, 'endorse', {}, '2027-11-01T02:00:00.000Z')
      .then([{ type: 'ResidencePermitEndorsed', data: { late: false } }]);
  });
});

describe('residence-permit: replacement and surrender', () => {
  it('given a lost permit, when replaced, then a new number is issued with its code and the old one is revoked', () => {
    const events = delivered();
    const old = state(events).documents[0].number;
    const [replaced] = given(residencePermit, events)
      .when(station, 'replace', { reason: 'lost' }, '2027-03-02T02:00:00.000Z')
      .then([{ type: 'ResidencePermitReplaced', data: { replaces: old, reason: 'lost', number: expect.stringMatching(/-1$/) } }]);
    expect(replaced.documents).toEqual([expect.objectContaining({ replaces: old, verificationCode: expect.any(String) })]);
    const s = state([...events, replaced]);
    expect(s.documents.map((d) => [d.number === old, d.revoked ?? false])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(s.progress).toMatchObject({ permit: { number: replaced.data.number, anniversary: '2027-11-25' } }); // the year runs on
  });

  it('given a permit not yet handed over, when replacing, then 409', () => {
    given(residencePermit, issued()).when(station, 'replace', { reason: 'damaged' }).thenFails('conflict');
  });

  it('given a surrendered permit, then no timer is left, the workflow may end, and nothing more can be done to it', () => {
    const events = after(delivered(), 'surrender', { reason: 'hukou-moved-here' });
    const s = state(events);
    expect(ownTimer(s)).toBeNull();
    expect(keepsRunning(residencePermit, s)).toBe(false);
    given(residencePermit, events)
      .when(station, 'replace', { reason: 'lost' })
      .thenFails('conflict', /surrendered/);
  });
});

describe('residence-permit: the issue limit a city may set (art 9)', () => {
  it('given an office policy of up to 30 days, then it is accepted; beyond 30 it is refused with the reason', () => {
    expect(officePolicyProblems({ [HUANGPU]: { clocks: { 'residence-permit': { 'residence-permit-issue': { limit: 30 } } } } })).toEqual([]);
    expect(officePolicyProblems({ [HUANGPU]: { clocks: { 'residence-permit': { 'residence-permit-issue': { limit: 31 } } } } })).toEqual([
      { path: [HUANGPU, 'clocks', 'residence-permit', 'residence-permit-issue', 'limit'], message: expect.stringMatching(/at most 30 CD/) },
    ]);
  });
});
