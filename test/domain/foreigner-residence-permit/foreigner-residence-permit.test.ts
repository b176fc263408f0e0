import {
  decideAction,
  decideTaskResult,
  decideTimers,
  fold,
  foreignerResidencePermit,
  parentLinkProblem,
  pendingTasks,
  policyFor,
  type CaseEvent,
  type CaseState,
  type ForeignerResidencePermit,
  type OpenCaseInput,
  type TaskOutcome,
} from '../../../domain';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

const HUANGPU = '310101'; // Shanghai Huangpu: the county exit-entry office of the intended residence
const XUHUI = '310104';
const EMPLOYER = '91440106MA59ABCD1M';
const openedAt = '2026-11-25T02:00:00.000Z'; // 10:00 in Shanghai, Wednesday 25 November
const at = '2026-11-25T03:00:00.000Z';
const office = caseworker(HUANGPU);
const frp = foreignerResidencePermit;

const input = (over: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'foreigner-residence-permit',
  channel: 'window',
  receivingOffice: HUANGPU,
  applicant: { name: 'Marco Rossi', passportNo: 'YA1234567', nationality: 'ITA' },
  materials: ['application form', 'passport'],
  details: {
    residenceOffice: HUANGPU,
    kind: 'work',
    application: 'first',
    visa: { type: 'Z', entryDate: '2026-11-20' },
    passportValidUntil: '2032-06-30',
    requestedDays: 730,
    employerCreditCode: EMPLOYER,
    ...over,
  },
  ...top,
});
const lodged = (over: Record<string, unknown> = {}) => opened(frp, input(over), office, openedAt);
const state = (events: CaseEvent[]) => fold(frp, events) as CaseState;

const confirmed = (facts: Record<string, string | null> = {}): TaskOutcome => ({ ok: true, value: { ok: true, detail: 'on record', facts } });
const contradicted = (detail: string): TaskOutcome => ({ ok: true, value: { ok: false, detail } });
const CONFIRMED: Record<string, TaskOutcome> = {
  'entry-record': confirmed({ entryDate: '2026-11-20', port: 'Shanghai Pudong Airport' }),
  accommodation: confirmed({ since: '2026-11-20' }),
  'work-permit': confirmed({ employerCreditCode: EMPLOYER, validUntil: '2028-12-31' }),
};
const NO_PHOTO: TaskOutcome = { ok: true, value: { found: false } };
const storedPhoto = (takenAt: string): TaskOutcome => ({ ok: true, value: { found: true, photoId: 'PH-ITA-1', takenAt, takenFor: 'exit-entry' } });

/** Runs every pending task, each with its answer (register checks confirmed unless told), as the workflow would. */
function answered(events: CaseEvent[], answers: Record<string, TaskOutcome> = {}, photo: TaskOutcome = NO_PHOTO): CaseEvent[] {
  let all = events;
  for (const t of pendingTasks(frp, state(all))) {
    const outcome = answers[t.key] ?? (t.key === 'photo-lookup' ? photo : CONFIRMED[t.key]);
    if (!outcome) continue;
    all = [...all, ...decideTaskResult(frp, state(all), t, outcome, at, testEnv)];
  }
  return all;
}
const after = (events: CaseEvent[], action: string, payload: unknown = {}, actor = office) => [
  ...events,
  ...decideAction(frp, state(events), action, payload, { actor, at, ...testEnv }),
];
const accepted = (answers?: Record<string, TaskOutcome>, over: Record<string, unknown> = {}) =>
  after(after(answered(lodged(over), answers), 'capture-photo', { photo: 'new' }), 'accept');
const issued = () => after(accepted(), 'approve');

describe('foreigner-residence-permit: lodging (出境入境管理法 arts 30, 32, 33)', () => {
  it('given a Z-visa holder five days after entry, when lodged at the Huangpu window, then Huangpu decides and the registers are asked by passport', () => {
    const [openedEvent] = lodged() as LooseEvent[];
    expect(openedEvent.data).toMatchObject({ handlingOffice: HUANGPU, crossProvince: false, involvedOffices: [HUANGPU] });
    const tasks = pendingTasks(frp, state(lodged()));
    expect(tasks).toEqual([
      { key: 'entry-record', kind: 'verify-record', registry: 'entry-exit', subject: 'YA1234567' },
      { key: 'accommodation', kind: 'verify-record', registry: 'accommodation-registration', subject: `ITA/YA1234567@${HUANGPU}` },
      { key: 'work-permit', kind: 'verify-record', registry: 'work-permit', subject: 'ITA/YA1234567' },
      // The shared photo store is keyed by nationality and passport for a foreigner (docs/domain.md §7.8).
      { key: 'photo-lookup', kind: 'activity', activity: 'lookupPhoto', input: { nationality: 'ITA', passportNo: 'YA1234567' } },
    ]);
  });

  it('given a study application, when lodged, then no work permit is asked for', () => {
    const keys = pendingTasks(frp, state(lodged({ kind: 'study', visa: { type: 'X1', entryDate: '2026-11-20' }, employerCreditCode: undefined }))).map(
      (t) => t.key,
    );
    expect(keys).toEqual(['entry-record', 'accommodation', 'photo-lookup']);
  });

  it.each([
    ['no passport number', input({}, { applicant: { name: 'Marco Rossi', nationality: 'ITA' } }), /nationality and passport number/],
    ['an online channel', input({}, { channel: 'online' }), /in person at the window, not online/],
    ['a cross-province channel', input({}, { channel: 'cross-province' }), /in person at the window, not cross-province/],
    ['another office than the intended residence', input({}, { receivingOffice: XUHUI }), /exit-entry office of the intended residence 310101/],
    ['a study visa for a work document', input({ visa: { type: 'X1', entryDate: '2026-11-20' } }), /with a Z visa, not X1/],
    ['an entry 31 days before', input({ visa: { type: 'Z', entryDate: '2026-10-25' } }), /within 30 days of entry, by 2026-11-24 \(出境入境管理法 art 30\)/],
    ['an entry in the future', input({ visa: { type: 'Z', entryDate: '2026-11-26' } }), /lies in the future/],
    ['a first application without the visa', input({ visa: undefined }), /gives the visa entered with/],
    ['a work document for 89 days', input({ requestedDays: 89 }), /at least 90 days/],
    [
      'a study document for 120 days',
      input({ kind: 'study', visa: { type: 'X1', entryDate: '2026-11-20' }, employerCreditCode: undefined, requestedDays: 120 }),
      /at least 180 days/,
    ],
    ['more than five years', input({ requestedDays: 1827 }), /at most 5 years/],
    ['a passport expiring within the shortest term', input({ passportValidUntil: '2027-01-31' }), /renew the passport first/],
    ['a work document without the employer', input({ employerCreditCode: undefined }), /names the employer/],
    ['an employer for private affairs', input({ kind: 'private', visa: { type: 'S1', entryDate: '2026-11-20' } }), /only for a work residence document/],
    [
      'an extension less than 30 days before expiry',
      input({ application: 'extension', visa: undefined, currentPermit: { number: 'WJ1', validUntil: '2026-12-20' } }),
      /at least 30 days before the document expires, by 2026-11-20 \(出境入境管理法 art 32\)/,
    ],
    ['an extension without the current document', input({ application: 'extension', visa: undefined }), /names the residence document held now/],
    [
      'a change 11 days after it',
      input({ application: 'change', visa: undefined, currentPermit: { number: 'WJ1', validUntil: '2027-06-30' }, changedOn: '2026-11-14' }),
      /within 10 days of it, by 2026-11-24 \(出境入境管理法 art 33\)/,
    ],
  ])('given %s, when lodged, then it is refused (422) and nothing is recorded', (_what, bad, message) => {
    // An online opening is lodged by the applicant themself: the type refuses it, not the kernel's who-lodges rule.
    const actor = bad.channel === 'online' ? applicant('rossi') : caseworker(bad.receivingOffice);
    expect(() => opened(frp, bad, actor, openedAt)).toThrow(message);
  });

  it.each([
    ['an extension 40 days before expiry', { application: 'extension', visa: undefined, currentPermit: { number: 'WJ1', validUntil: '2027-01-04' } }],
    [
      'a change 10 days after it',
      { application: 'change', visa: undefined, currentPermit: { number: 'WJ1', validUntil: '2027-06-30' }, changedOn: '2026-11-15' },
    ],
  ])('given %s, when lodged, then it is taken', (_what, over) => {
    expect(lodged(over)[0]).toMatchObject({ type: 'CaseOpened' });
  });
});

describe('foreigner-residence-permit: acceptance, in person only', () => {
  it('given a caseworker with the applicant at the window, when accepting, then the receipt, the passport handed back and the fingerprints are recorded', () => {
    const events = after(answered(lodged()), 'accept') as LooseEvent[];
    const [acceptedEvent, receipt, passport, biometrics] = events.slice(-4);
    expect(acceptedEvent.type).toBe('CaseAccepted');
    expect(receipt).toMatchObject({ type: 'AcceptanceReceiptIssued', data: { number: acceptedEvent.data.receiptNumber } });
    expect(passport).toMatchObject({ type: 'PassportVerifiedAndReturned', data: { passportNo: 'YA1234567', nationality: 'ITA' } });
    expect(biometrics).toMatchObject({ type: 'BiometricsCaptured', data: { office: HUANGPU, fingerprints: true } });
    // 15 days from the materials (art 30), in working days: the receipt is valid until the decision deadline.
    const s = state(events);
    expect(s.clocks.decision).toMatchObject({ state: 'on-track', startedAt: at });
    expect(s.policy.clocks.decision).toMatchObject({ limit: 15, unit: 'WD', maxExtension: 0 });
    expect(receipt.data.validUntil).toBe(s.clocks.decision.deadline);
    expect(s.clocks.decision.deadline).toBe(new Date(Date.parse('2026-12-16T23:59:59.999+08:00')).toISOString());
  });

  it('given an accepted case, when a supervisor extends the decision clock, then 409: the law allows no extension', () => {
    given(frp, accepted())
      .when({ id: 'head', role: 'supervisor', office: HUANGPU, officeHead: true }, 'extend-deadline', { workingDays: 5, reason: 'busy' })
      .thenFails('conflict');
  });

  it('given nobody accepted within 5 WD, when deemed accepted, then only the receipt is recorded and approval waits for capture-biometrics', () => {
    const s = state(after(answered(lodged()), 'capture-photo', { photo: 'new' }));
    const deemed: LooseEvent[] = decideTimers(frp, s, '2026-12-03T00:00:00.000Z', testEnv);
    const types = deemed.map((e) => e.type);
    expect(types).toContain('CaseDeemedAccepted');
    expect(types).toContain('AcceptanceReceiptIssued');
    expect(types).not.toContain('PassportVerifiedAndReturned');
    expect(types).not.toContain('BiometricsCaptured');
    const events = [...answered(lodged()), ...after(answered(lodged()), 'capture-photo', { photo: 'new' }).slice(answered(lodged()).length), ...deemed];
    given(frp, events)
      .when(office, 'approve', {})
      .thenFails('conflict', /fingerprints taken in person \(出境入境管理法 art 30\)/);
    given(frp, events)
      .when(office, 'capture-biometrics', {})
      .then([
        { type: 'PassportVerifiedAndReturned', data: { passportNo: 'YA1234567' } },
        { type: 'BiometricsCaptured', data: { fingerprints: true } },
      ]);
    const captured = after(events, 'capture-biometrics');
    given(frp, captured)
      .when(office, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'ForeignerResidencePermitIssued' }]);
  });

  it('given a case accepted at the window, when capturing the biometrics again, then 409', () => {
    given(frp, accepted())
      .when(office, 'capture-biometrics', {})
      .thenFails('conflict', /at acceptance/);
  });
});

describe('foreigner-residence-permit: the photo (一照通用, docs/domain.md §7.8)', () => {
  it('given a shared exit-entry photo eight months old, when the applicant chooses to reuse it, then PhotoReuseChosen records the 12-month limit', () => {
    given(frp, answered(lodged(), {}, storedPhoto('2026-03-20T02:00:00.000Z')))
      .when(office, 'capture-photo', { photo: 'reuse' })
      .then([{ type: 'PhotoReuseChosen', data: { photoId: 'PH-ITA-1', maxAgeMonths: 12, source: 'shared-photo-store' } }]);
  });

  it('given a shared photo older than 12 months, when reusing it, then 409 asks for a new one', () => {
    given(frp, answered(lodged(), {}, storedPhoto('2025-10-01T02:00:00.000Z')))
      .when(office, 'capture-photo', { photo: 'reuse' })
      .thenFails('conflict', /more than 12 months ago/);
  });

  it('given no shared photo, when reusing, then 409; a new photo is taken to the exit-entry standard and shared under the passport', () => {
    given(frp, answered(lodged()))
      .when(office, 'capture-photo', { photo: 'reuse' })
      .thenFails('conflict', /no photo for this passport/);
    const taken = after(answered(lodged()), 'capture-photo', { photo: 'new' }) as LooseEvent[];
    expect(taken.at(-1)).toMatchObject({ type: 'PhotoCaptured', data: { standard: 'exit-entry', office: HUANGPU } });
    expect(pendingTasks(frp, state(taken))).toEqual([
      expect.objectContaining({
        key: 'photo-share',
        activity: 'storePhoto',
        input: expect.objectContaining({ nationality: 'ITA', passportNo: 'YA1234567', takenFor: 'exit-entry' }),
      }),
    ]);
  });

  it('given a caseworker of another office, when taking the photo, then 403', () => {
    given(frp, answered(lodged())).when(caseworker(XUHUI), 'capture-photo', { photo: 'new' }).thenFails('forbidden');
  });
});

describe('foreigner-residence-permit: decision (arts 30, 31, 36)', () => {
  it('given the registers have not all answered, when approving, then 409 names what is missing', () => {
    given(frp, after(after(lodged(), 'capture-photo', { photo: 'new' }), 'accept'))
      .when(office, 'approve', {})
      .thenFails('conflict', /registers have not answered yet \(entry-record, accommodation, work-permit\)/);
  });

  it.each([
    ['no accommodation registered', { accommodation: contradicted('no accommodation registered with the police in 310101') }, /no accommodation registered/],
    ['no work permit', { 'work-permit': contradicted('no work permit on record for this passport') }, /no work permit/],
    [
      'a work permit for another employer',
      { 'work-permit': confirmed({ employerCreditCode: '91310101MA1FL0000A', validUntil: '2028-12-31' }) },
      /another employer/,
    ],
    ['an expired work permit', { 'work-permit': confirmed({ employerCreditCode: EMPLOYER, validUntil: '2026-11-01' }) }, /work permit expired on 2026-11-01/],
    ['an entry recorded 40 days before', { 'entry-record': confirmed({ entryDate: '2026-10-16', port: null }) }, /more than 30 days before the application/],
  ])('given %s, when approving, then 409: the case can only be refused, and the refusal is final (art 36)', (_what, answers, message) => {
    const events = accepted(answers);
    given(frp, events).when(office, 'approve', {}).thenFails('conflict', message);
    given(frp, events)
      .when(office, 'refuse', { reason: 'art 31(3): the supporting documents are not borne out', legalBasis: '出境入境管理法 第三十一条' })
      .then([{ type: 'CaseRefused', data: { final: true, appealable: false, reason: expect.stringMatching(/art 31/) } }]);
  });

  it('given a refusal without a reason, when refusing, then 400: the reason is recorded', () => {
    given(frp, accepted()).when(office, 'refuse', { legalBasis: '出境入境管理法 第三十一条' }).thenFails('invalid');
  });

  it('given an unanswered register, when refusing, then 409: no refusal rests on it', () => {
    given(frp, accepted({ accommodation: { ok: false, error: 'the accommodation register failed' } }))
      .when(office, 'refuse', { reason: 'no accommodation', legalBasis: '出境入境管理法 第三十一条' })
      .thenFails('conflict', /unanswered register/);
  });

  it('given every check confirmed, when approving, then the document is issued with its number, two years of validity and a verification code', () => {
    const [, issuedEvent] = given(frp, accepted())
      .when(office, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        {
          type: 'ForeignerResidencePermitIssued',
          data: {
            kind: 'foreigner-residence-permit',
            permitKind: 'work',
            nationality: 'ITA',
            passportNo: 'YA1234567',
            validFrom: '2026-11-25',
            validUntil: '2028-11-23',
            cappedByPassport: false,
            number: expect.stringMatching(/^WJ31010120261125/),
          },
        },
      ]);
    expect(issuedEvent.documents).toEqual([
      expect.objectContaining({ kind: 'foreigner-residence-permit', validUntil: '2028-11-23', verificationCode: expect.stringMatching(/^[0-9A-Z]{10}$/) }),
    ]);
    expect(state(issued())).toMatchObject({ status: 'approved', step: 'collection' });
  });

  it('given a passport expiring before the requested term, when approving, then the validity ends with the passport (inferred)', () => {
    given(frp, accepted(undefined, { passportValidUntil: '2027-08-31' }))
      .when(office, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'ForeignerResidencePermitIssued', data: { validUntil: '2027-08-31', cappedByPassport: true } }]);
  });
});

describe('foreigner-residence-permit: a work document ends with its work permit (inferred)', () => {
  const shortWorkPermit = { 'work-permit': confirmed({ employerCreditCode: EMPLOYER, validUntil: '2027-06-30' }) };

  it('given a work permit ending before the requested term, when approving, then the validity ends with the work permit', () => {
    given(frp, accepted(shortWorkPermit))
      .when(office, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        { type: 'ForeignerResidencePermitIssued', data: { validUntil: '2027-06-30', cappedByPassport: false, cappedByWorkPermit: true } },
      ]);
  });

  it('given a passport ending before the work permit, then the passport caps it; a work permit ending later caps nothing', () => {
    given(frp, accepted(shortWorkPermit, { passportValidUntil: '2027-03-31' }))
      .when(office, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        { type: 'ForeignerResidencePermitIssued', data: { validUntil: '2027-03-31', cappedByPassport: true, cappedByWorkPermit: false } },
      ]);
    given(frp, accepted())
      .when(office, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'ForeignerResidencePermitIssued', data: { validUntil: '2028-11-23', cappedByWorkPermit: false } }]);
  });

  it('given a case decided before the change (replay), when approving, then the term is not cut and nothing new is recorded', () => {
    const events = decideAction(frp, state(accepted(shortWorkPermit)), 'approve', {}, { actor: office, at, ...testEnv, patched: () => false });
    const issuedEvent = events.find((e) => e.type === 'ForeignerResidencePermitIssued')!;
    expect(issuedEvent.data).toMatchObject({ validUntil: '2028-11-23', cappedByPassport: false });
    expect(issuedEvent.data).not.toHaveProperty('cappedByWorkPermit');
  });

  it('given a study document, then no work permit caps it', () => {
    const study = accepted(undefined, { kind: 'study', visa: { type: 'X1', entryDate: '2026-11-20' }, employerCreditCode: undefined });
    const events = decideAction(frp, state(study), 'approve', {}, { actor: office, at, ...testEnv });
    expect(events.find((e) => e.type === 'ForeignerResidencePermitIssued')!.data).not.toHaveProperty('cappedByWorkPermit');
  });
});

describe('foreigner-residence-permit: an extension linked to the case that issued the document (art 32)', () => {
  const affixed = () => after(issued(), 'affix-permit', { passportNo: 'YA1234567' });
  const earlier = () => state(affixed()) as CaseState<ForeignerResidencePermit>;
  const extension = (over: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => {
    const permit = earlier().progress.permit!;
    return input(
      { application: 'extension', visa: undefined, currentPermit: { number: permit.number, validUntil: permit.validUntil }, ...over },
      { parentCaseId: PARENT_ID, ...top },
    );
  };
  const PARENT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('given the completed case that issued the document, when an extension names it, then the link holds though that case is closed', () => {
    expect(earlier().status).toBe('completed');
    expect(parentLinkProblem(frp, extension(), earlier())).toBeNull();
  });

  it('given the linked case, when the extension names another document or date, then 422 names the one on record', () => {
    const permit = earlier().progress.permit!;
    expect(parentLinkProblem(frp, extension({ currentPermit: { number: permit.number, validUntil: '2029-12-31' } }), earlier())).toBe(
      `details.currentPermit must be the document the case named in parentCaseId issued: number ${permit.number}, valid until ${permit.validUntil}`,
    );
  });

  it('given a linked first application, another kind, a case that issued nothing or a revoked one, then 422 with the reason', () => {
    expect(parentLinkProblem(frp, input({}, { parentCaseId: PARENT_ID }), earlier())).toMatch(/^only an extension \(出境入境管理法 art 32\)/);
    const study = extension({ kind: 'study', employerCreditCode: undefined });
    expect(parentLinkProblem(frp, study, earlier())).toMatch(/keeps the kind of the document \(work\)/);
    expect(parentLinkProblem(frp, extension(), state(accepted()))).toBe('the case named in parentCaseId has issued no residence document to extend');
    const revoked = after(
      affixed(),
      'revoke',
      { reason: 'false employment contract', legalBasis: '出境入境管理法 第三十一条' },
      { id: 'sv', role: 'supervisor', office: HUANGPU },
    );
    expect(parentLinkProblem(frp, extension(), state(revoked))).toMatch(/was revoked: there is nothing to extend/);
    // A case about another person is refused by the kernel, as for any link.
    expect(parentLinkProblem(frp, extension({}, { applicant: { name: 'Anna Rossi', passportNo: 'YB7654321', nationality: 'ITA' } }), earlier())).toMatch(
      /about another person/,
    );
  });

  it('given the document on record expires within 30 days, when the linked extension is lodged, then 422 (出境入境管理法 art 32)', () => {
    const permit = earlier().progress.permit!; // valid until 2028-11-23
    const late = '2028-10-25T02:00:00.000Z'; // 29 days before it expires
    expect(() => opened(frp, extension(), office, late)).toThrow(/at least 30 days before the document expires, by 2028-10-24 \(出境入境管理法 art 32\)/);
    expect(permit.validUntil).toBe('2028-11-23');
    const [openedEvent] = opened(frp, extension(), office, '2028-10-24T02:00:00.000Z') as LooseEvent[];
    expect(openedEvent.data).toMatchObject({ parentCaseId: PARENT_ID, details: { application: 'extension' } });
  });
});

describe('foreigner-residence-permit: collection (affix-permit)', () => {
  it('given an issued document, when the passport is presented, then the document is affixed and the case completes', () => {
    const [presented, affixed, completed] = given(frp, issued())
      .when(office, 'affix-permit', { passportNo: 'YA1234567' })
      .then([
        { type: 'PassportPresented', data: { passportNo: 'YA1234567', nationality: 'ITA', office: HUANGPU } },
        { type: 'ResidencePermitAffixed', data: { passportNo: 'YA1234567', number: expect.stringMatching(/^WJ/) } },
        { type: 'CaseCompleted' },
      ]);
    expect(state([...issued(), presented, affixed, completed]).status).toBe('completed');
    expect(state([...issued(), presented, affixed, completed]).clocks.delivery.state).toBe('stopped');
  });

  it('given an issued document, then the 10 WD delivery clock runs from the decision until the collection (行政許可法 art 44)', () => {
    expect(state(issued()).clocks.delivery).toMatchObject({ state: 'on-track', startedAt: at });
    // Opened by code from before the clock (patched() false on replay): the policy has no such clock, and none starts.
    expect(policyFor(frp, () => false).clocks).not.toHaveProperty('delivery');
    expect(policyFor(frp).clocks.delivery).toMatchObject({ limit: 10, unit: 'WD' });
  });

  it('given another passport at collection, when affixing, then 409: a new passport is a change (art 33)', () => {
    given(frp, issued())
      .when(office, 'affix-permit', { passportNo: 'YB7654321' })
      .thenFails('conflict', /change of registered items.*art 33/);
  });

  it('given a case not yet decided, when affixing, then 409; a caseworker of another office, 403', () => {
    given(frp, accepted()).when(office, 'affix-permit', {}).thenFails('conflict');
    given(frp, issued()).when(caseworker(XUHUI), 'affix-permit', {}).thenFails('forbidden');
  });
});
