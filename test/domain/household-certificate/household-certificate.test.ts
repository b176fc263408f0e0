import {
  allowedActions,
  decideTaskResult,
  fold,
  householdCertificate,
  pendingTasks,
  verificationCode,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PendingTask,
} from '../../../domain';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

// docs/domain.md §7.5: asked for at any office or online, decided and issued by the hukou-place station from the
// population register (公通字〔2016〕21號); cross-province it is printed at the receiving end.
const STATION = '440106'; // Guangzhou Tianhe: the hukou place
const SHANGHAI = '310101'; // the receiving window, another province
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday 10:00 in Guangzhou
const decidedAt = '2026-11-25T05:00:00.000Z';
const APPLICANT_ID = '440106199003071231';
const RELATIVE_ID = '440106196204150020';

const input = (details: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'household-certificate',
  channel: 'cross-province',
  receivingOffice: SHANGHAI,
  applicant: { name: '陳靜', idNumber: APPLICANT_ID },
  materials: ['ID card'],
  details: { subKind: 'hukou', hukouOffice: STATION, purpose: 'visa application', ...details },
  ...over,
});

const window = caseworker(SHANGHAI);
const station = caseworker(STATION);
const lodge = (details: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}, actor = window): LooseEvent[] =>
  opened(householdCertificate, input(details, over), actor, openedAt);
const stateOf = (events: CaseEvent[]) => fold(householdCertificate, events) as CaseState;

/** The register answers every pending check with `answer(task)`: confirmed, contradicted (with facts) or no answer. */
type Answer = (t: PendingTask) => { ok: boolean; detail: string; facts?: Record<string, string> } | null;
function checked(events: LooseEvent[], answer: Answer): LooseEvent[] {
  const all = [...events];
  for (const task of pendingTasks(householdCertificate, stateOf(all))) {
    const a = answer(task);
    const outcome = a ? { ok: true as const, value: a } : { ok: false as const, error: 'the population register failed: timeout' };
    all.push(...decideTaskResult(householdCertificate, stateOf(all), task, outcome, openedAt, testEnv));
  }
  return all;
}
const confirmed =
  (office = STATION) =>
  () => ({ ok: true, detail: 'registered', facts: { hukouOffice: office } });
const acceptedAndChecked = (details: Record<string, unknown> = {}, answer: Answer = confirmed()) => {
  const lodged = lodge(details);
  const accepted = given(householdCertificate, lodged)
    .when(window, 'accept', {})
    .then([{ type: 'CaseAccepted' }]);
  return checked([...lodged, ...accepted], answer);
};

describe('household certificate: lodging', () => {
  it('given a Shanghai window, when a Tianhe hukou certificate is lodged, then the hukou station decides it, cross-province', () => {
    const [ev] = lodge();
    expect(ev).toMatchObject({
      type: 'CaseOpened',
      data: { type: 'household-certificate', receivingOffice: SHANGHAI, handlingOffice: STATION, crossProvince: true, involvedOffices: [STATION] },
    });
    const s = stateOf(lodge());
    expect(s).toMatchObject({ status: 'submitted', step: 'intake' });
    expect(s.clocks.completeness.state).toBe('on-track');
    expect(s.policy.clocks.decision).toMatchObject({ unit: 'WD', limit: 3 });
  });

  it.each([
    ['identity', /ID card or the hukou booklet/],
    ['marital-status', /civil affairs/],
    ['education', /education authority/],
    ['normal-death', /medical institution/],
  ])('given a %s certificate the police no longer issue, when lodged, then acceptance is refused on the spot naming whom to ask', (subKind, authority) => {
    const events = lodge({ subKind });
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'CertificateNotIssued', 'AcceptanceRefused']);
    expect(events[1].data).toMatchObject({ requested: subKind, authority: expect.stringMatching(authority), legalBasis: '公通字〔2016〕21號' });
    expect(events[2].data).toMatchObject({ reason: expect.stringMatching(authority), receiptNumber: expect.stringMatching(/^BSL-310101-20261125-/) });
    const s = stateOf(events);
    expect(s).toMatchObject({ status: 'not-accepted', step: 'closed' });
    expect(s.receipts).toEqual([expect.objectContaining({ kind: 'refusal' })]);
    expect(pendingTasks(householdCertificate, s)).toEqual([]);
  });

  it.each([
    ['an item change without the item', { subKind: 'item-change' }, /details\.itemChange/],
    [
      'an item change dated in the future',
      { subKind: 'item-change', itemChange: { item: 'name', from: '陳晶', to: '陳靜', changedOn: '2027-01-05' } },
      /future/,
    ],
    [
      'an item change that changes nothing',
      { subKind: 'item-change', itemChange: { item: 'name', from: '陳靜', to: '陳靜', changedOn: '2020-01-05' } },
      /same/,
    ],
    ['a kinship certificate without the relative', { subKind: 'kinship' }, /names the relative/],
    [
      'a relative whose ID number has a wrong check character',
      { subKind: 'kinship', person: { name: '陳父', idNumber: '440106196204150021', relation: 'parent' } },
      /check character/,
    ],
    ['the applicant named as the relative', { subKind: 'kinship', person: { name: '陳靜', idNumber: APPLICANT_ID, relation: 'sibling' } }, /is the applicant/],
    ['another person on a hukou certificate', { person: { name: '陳父', idNumber: RELATIVE_ID, relation: 'parent' } }, /about the applicant only/],
  ])('given %s, when lodged, then it is refused (422) and nothing is recorded', (_what, details, message) => {
    expect(() => lodge(details)).toThrow(message);
  });

  it('refuses an applicant without a resident ID number (422) and an unknown sub-kind (400)', () => {
    expect(() => lodge({}, { applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' } })).toThrow(/resident ID number/);
    expect(() => lodge({ subKind: 'wealth' })).toThrow(/not valid/);
  });

  it('refuses a handling office other than the hukou station (422)', () => {
    expect(() => lodge({}, { handlingOffice: SHANGHAI })).toThrow(/decided by office 440106/);
  });
});

describe('household certificate: register checks (免交證)', () => {
  it('checks the applicant in the population register, and a relative too for kinship', () => {
    const tasks = pendingTasks(
      householdCertificate,
      stateOf(lodge({ subKind: 'kinship', person: { name: '陳父', idNumber: RELATIVE_ID, relation: 'parent' } })),
    );
    expect(tasks).toEqual([
      { key: 'applicant-record', kind: 'verify-record', registry: 'population', subject: APPLICANT_ID },
      { key: 'person-record', kind: 'verify-record', registry: 'population', subject: RELATIVE_ID },
    ]);
  });

  it("asks the register's cancellation records about the person whose hukou was cancelled", () => {
    const own = pendingTasks(householdCertificate, stateOf(lodge({ subKind: 'cancellation' })));
    expect(own.map((t) => t.kind === 'verify-record' && t.registry)).toEqual(['hukou-cancellation']);
    const relative = pendingTasks(
      householdCertificate,
      stateOf(lodge({ subKind: 'cancellation', person: { name: '陳父', idNumber: RELATIVE_ID, relation: 'parent' } })),
    );
    expect(relative.map((t) => t.kind === 'verify-record' && t.registry)).toEqual(['population', 'hukou-cancellation']);
  });
});

describe('household certificate: decision', () => {
  it('given the register confirmed the applicant, when the station approves, then an e-certificate is issued with number, e-seal and check code', () => {
    const events = acceptedAndChecked();
    const got = given(householdCertificate, events)
      .when(station, 'approve', {}, decidedAt)
      .then([
        { type: 'CaseApproved' },
        {
          type: 'CertificateIssued',
          data: { kind: 'household-certificate', subKind: 'hukou', purpose: 'visa application', eSeal: { office: STATION }, issuedOn: '2026-11-25' },
        },
      ]);
    const number = got[1].data.number as string;
    expect(number).toMatch(/^HJ44010620261125[0-9A-F]{8}$/);
    expect(got[1].documents).toEqual([
      expect.objectContaining({ number, issuingOffice: STATION, verificationCode: verificationCode(stateOf(events).caseId, number) }),
    ]);
    const s = stateOf([...events, ...got]);
    expect(s).toMatchObject({ status: 'approved', step: 'delivery' });
    expect(allowedActions(householdCertificate, s, window)).toContain('deliver-certificate');
  });

  it('given an issued certificate, when the Shanghai window prints it, then it is delivered there and the case completes', () => {
    const events = acceptedAndChecked();
    const approved = given(householdCertificate, events)
      .when(station, 'approve', {}, decidedAt)
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]);
    given(householdCertificate, [...events, ...approved])
      .when(station, 'deliver-certificate', {})
      .thenFails('forbidden');
    const done = given(householdCertificate, [...events, ...approved])
      .when(window, 'deliver-certificate', {}, '2026-11-25T06:00:00.000Z')
      .then([{ type: 'CertificateDelivered', data: { mode: 'printed', office: SHANGHAI } }, { type: 'CaseCompleted' }]);
    const s = stateOf([...events, ...approved, ...done]);
    expect(s.status).toBe('completed');
    // The printing window's delivery clock (行政許可法 art 44) ran from the issue and stopped at the hand-over.
    expect(s.clocks['certificate-delivery']).toMatchObject({ startedAt: decidedAt, state: 'stopped' });
  });

  it('given an online application, when approved, then the e-certificate is downloaded at once and the case completes', () => {
    const lodged = opened(householdCertificate, input({}, { channel: 'online' }), applicant('u-1'), openedAt);
    const accepted = given(householdCertificate, lodged)
      .when(window, 'accept', {})
      .then([{ type: 'CaseAccepted' }]);
    given(householdCertificate, checked([...lodged, ...accepted], confirmed()))
      .when(station, 'approve', {}, decidedAt)
      .then([
        { type: 'CaseApproved' },
        { type: 'CertificateIssued' },
        { type: 'CertificateDelivered', data: { mode: 'download', office: STATION } },
        { type: 'CaseCompleted' },
      ]);
  });

  it('does not approve before the register has answered, nor at the receiving window (409, 403)', () => {
    const lodged = lodge();
    const accepted = given(householdCertificate, lodged)
      .when(window, 'accept', {})
      .then([{ type: 'CaseAccepted' }]);
    given(householdCertificate, [...lodged, ...accepted])
      .when(station, 'approve', {})
      .thenFails('conflict', /not been checked/);
    given(householdCertificate, checked([...lodged, ...accepted], confirmed()))
      .when(window, 'approve', {})
      .thenFails('forbidden');
  });

  it('does not approve when the register places the hukou at another station (409): only the hukou-place station certifies', () => {
    given(householdCertificate, acceptedAndChecked({}, confirmed('440104')))
      .when(station, 'approve', {})
      .thenFails('conflict', /hukou at office 440104/);
  });

  it('given the register contradicts the facts, when approving, then 409; when declining, then a numbered notice and a refusal', () => {
    const events = acceptedAndChecked({ subKind: 'kinship', person: { name: '陳父', idNumber: RELATIVE_ID, relation: 'parent' } }, (t) =>
      t.key === 'person-record' ? { ok: false, detail: 'not in the register' } : { ok: true, detail: 'registered', facts: { hukouOffice: STATION } },
    );
    given(householdCertificate, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /can only be declined/);
    const got = given(householdCertificate, events)
      .when(station, 'decline-certificate', { reason: 'the register records no such relation: a notary certifies it' }, decidedAt)
      .then([
        {
          type: 'CertificateDeclined',
          data: { kind: 'certificate-declined-notice', certificate: 'household-certificate', legalBasis: '公通字〔2016〕21號', appealable: true },
        },
        { type: 'CaseRefused', data: { reason: 'the register records no such relation: a notary certifies it', final: false, appealable: true } },
      ]);
    expect(got[0].data.number).toMatch(/^HJBY440106/);
    expect(got[0].documents?.[0]).toMatchObject({ kind: 'certificate-declined-notice', issuingOffice: STATION });
    const s = stateOf([...events, ...got]);
    expect(s.status).toBe('refused');
    expect(s.documents.map((d) => d.kind)).toEqual(['certificate-declined-notice']);
  });

  it('declines only at the station, after acceptance, with a reason, and never on an unanswered register (403, 409, 400, 422)', () => {
    const events = acceptedAndChecked();
    given(householdCertificate, events).when(window, 'decline-certificate', { reason: 'no such record' }).thenFails('forbidden');
    given(householdCertificate, lodge())
      .when(station, 'decline-certificate', { reason: 'no such record' })
      .thenFails('conflict', /submitted/);
    given(householdCertificate, events).when(station, 'decline-certificate', {}).thenFails('invalid');
    given(householdCertificate, events)
      .when(station, 'decline-certificate', { reason: 'no' })
      .thenFails('rule', /say why/);
    const unanswered = acceptedAndChecked({}, () => null);
    given(householdCertificate, unanswered)
      .when(station, 'decline-certificate', { reason: 'no such record' })
      .thenFails('conflict', /unanswered/);
    given(householdCertificate, unanswered)
      .when(station, 'approve', {})
      .thenFails('conflict', /did not answer/);
  });

  it('given a cancelled relative confirmed by the cancellation records, when approved, then the cancellation certificate is issued', () => {
    const events = acceptedAndChecked({ subKind: 'cancellation', person: { name: '陳父', idNumber: RELATIVE_ID, relation: 'parent' } }, (t) =>
      t.kind === 'verify-record' && t.registry === 'hukou-cancellation'
        ? { ok: true, detail: 'cancelled', facts: { hukouOffice: STATION } }
        : { ok: true, detail: 'registered', facts: { hukouOffice: '310101' } },
    );
    given(householdCertificate, events)
      .when(station, 'approve', {}, decidedAt)
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued', data: { subKind: 'cancellation' } }]);
  });
});
