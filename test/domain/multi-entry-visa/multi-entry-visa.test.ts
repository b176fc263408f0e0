import { testEnv } from '../support/given';
import {
  creditCodeCheckCharacter,
  decideTaskResult,
  decideTimers,
  fold,
  multiEntryVisa,
  pendingTasks,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
} from '../../../domain';
import { caseworker, given, officeHead, opened, type LooseEvent } from '../support/given';

const OFFICE = '440106'; // the exit-entry administration where the visitor stays
const company = (p17: string) => p17 + creditCodeCheckCharacter(p17);
const COMPANY = company('91440101MA5CK7L2X');
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday
const worker = caseworker(OFFICE);

const input = (over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}): OpenCaseInput => ({
  type: 'multi-entry-visa',
  channel: 'window',
  receivingOffice: OFFICE,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU', ...applicant },
  materials: ['passport', 'invitation letter'],
  details: {
    currentVisa: { type: 'M', entryDate: '2026-11-20', stayUntil: '2026-12-19' },
    invitingCompany: { creditCode: COMPANY, name: 'Canton Trading Co.' },
    requestedValidityYears: 3,
    passportValidUntil: '2031-05-31',
    ...over,
  },
});

const lodged = () => opened(multiEntryVisa, input(), worker, openedAt);

/** Answers every pending register check; `fail` names the checks that come back negative. */
function checked(events: CaseEvent[], fail: string[] = []): CaseEvent[] {
  const s = fold(multiEntryVisa, events) as CaseState;
  return pendingTasks(multiEntryVisa, s).flatMap((t) =>
    decideTaskResult(
      multiEntryVisa,
      s,
      t,
      { ok: true, value: { ok: !fail.includes(t.key), detail: fail.includes(t.key) ? 'not found' : 'found' } },
      openedAt,
      testEnv,
    ),
  );
}
const accept = (events: CaseEvent[]): LooseEvent[] => [
  ...events,
  ...given(multiEntryVisa, events)
    .when(worker, 'accept', {})
    .then([{ type: 'CaseAccepted' }, { type: 'AcceptanceReceiptIssued' }, { type: 'PassportVerifiedAndReturned' }]),
];

describe('multi-entry visa: opening', () => {
  it('lodges with the 7-WD decision clock in the policy snapshot', () => {
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    expect(s).toMatchObject({ status: 'submitted', handlingOffice: OFFICE, crossProvince: false });
    expect(s.policy.clocks.decision).toMatchObject({ clock: 'decision', unit: 'WD', limit: 7 });
  });

  it.each([
    ['over 3 years', input({ requestedValidityYears: 4 }), /at most 3 years/],
    ['no passport', input({}, { passportNo: undefined }), /passport number/],
    ['no nationality', input({}, { nationality: undefined }), /nationality/],
    [
      'a wrong credit code check character',
      input({ invitingCompany: { creditCode: COMPANY.slice(0, 17) + (COMPANY[17] === '0' ? '1' : '0'), name: 'X' } }),
      /check character/,
    ],
    ['a non-business visa', input({ currentVisa: { type: 'X1', entryDate: '2026-11-20', stayUntil: '2026-12-19' } }), /business visitor/],
    ['an expired stay', input({ currentVisa: { type: 'M', entryDate: '2026-10-01', stayUntil: '2026-11-24' } }), /apply before it runs out/],
    ['an entry in the future', input({ currentVisa: { type: 'M', entryDate: '2026-11-26', stayUntil: '2026-12-19' } }), /future/],
  ])('refuses %s (422)', (_what, bad, message) => {
    expect(() => opened(multiEntryVisa, bad, worker, openedAt)).toThrow(message);
  });

  it('rejects a validity of 0 years as malformed (400)', () => {
    expect(() => opened(multiEntryVisa, input({ requestedValidityYears: 0 }), worker, openedAt)).toThrow(/not valid/);
  });
});

describe('multi-entry visa: intake', () => {
  it('requests materials once only', () => {
    const requested = given(multiEntryVisa, lodged())
      .when(worker, 'request-materials', { items: ['invitation letter original'] })
      .then([{ type: 'MaterialsRequested' }]);
    const supplemented = given(multiEntryVisa, [...lodged(), ...requested])
      .when(worker, 'supplement', { items: ['invitation letter original'] })
      .then([{ type: 'MaterialsSupplemented' }]);
    given(multiEntryVisa, [...lodged(), ...requested, ...supplemented])
      .when(worker, 'request-materials', { items: ['more'] })
      .thenFails('conflict', /already requested once/);
  });

  it('issues the acceptance receipt valid 7 WD and hands the passport back', () => {
    const [accepted, receipt, passport] = accept(lodged()).slice(-3);
    expect(receipt.data).toEqual({ number: accepted.data.receiptNumber, validUntil: '2026-12-04T15:59:59.999Z' });
    expect(passport.data).toEqual({ passportNo: 'C01X00T47', nationality: 'DEU' });
    const s = fold(multiEntryVisa, accept(lodged())) as CaseState;
    expect(s.clocks.decision.deadline).toBe(receipt.data.validUntil); // the decision falls within the receipt
    expect(s.documents).toContainEqual(expect.objectContaining({ kind: 'acceptance-receipt', validUntil: receipt.data.validUntil }));
  });

  it('deems the case accepted after 5 WD and still issues the receipt from the receipt date', () => {
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    const events: LooseEvent[] = decideTimers(multiEntryVisa, s, '2026-12-03T00:00:00.000Z', testEnv);
    expect(events.map((e) => `${e.type}:${e.data.clock ?? ''}`)).toEqual([
      'SlaGoalMissed:completeness',
      'SlaDeadlinePassed:completeness',
      'CaseDeemedAccepted:',
      'AcceptanceReceiptIssued:', // no PassportVerifiedAndReturned: nobody held the passport (issue 11, finding 10)
      'SlaGoalMissed:decision', // the receipt runs from the receipt date, so its goal has passed too
    ]);
    expect(events[3].data.validUntil).toBe('2026-12-04T15:59:59.999Z');
  });

  it('asks the entry-exit and company registers', () => {
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    expect(pendingTasks(multiEntryVisa, s)).toEqual([
      { key: 'entry-record', kind: 'verify-record', registry: 'entry-exit', subject: 'C01X00T47' },
      { key: 'inviting-company', kind: 'verify-record', registry: 'company', subject: COMPANY },
    ]);
    expect(pendingTasks(multiEntryVisa, fold(multiEntryVisa, checked(lodged()), s) as CaseState)).toEqual([]);
  });
});

describe('multi-entry visa: decision', () => {
  it('approves with both checks passed: type M, multiple entries, valid for the requested years', () => {
    const events = accept([...lodged(), ...checked(lodged())]);
    given(multiEntryVisa, events)
      .when(worker, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        {
          type: 'VisaIssued',
          data: { visaType: 'M', entries: 'multiple', validityYears: 3, validFrom: '2026-11-25', validUntil: '2029-11-24', stayPerEntryDays: 90 },
        },
        { type: 'CaseCompleted' },
      ]);
  });

  it('does not approve before the records are verified (409)', () => {
    given(multiEntryVisa, accept(lodged()))
      .when(worker, 'approve', {})
      .thenFails('conflict', /entry record has not been verified/);
  });

  it('does not approve without an entry record, and refuses without a reason, finally', () => {
    const events = accept([...lodged(), ...checked(lodged(), ['entry-record'])]);
    given(multiEntryVisa, events)
      .when(worker, 'approve', {})
      .thenFails('conflict', /entry record failed verification/);
    given(multiEntryVisa, events)
      .when(worker, 'refuse', {})
      .then([{ type: 'CaseRefused', data: { reason: null, final: true, appealable: false, legalBasis: '出境入境管理法 第三十六条' } }]);
  });

  it('does not approve with a failed company check', () => {
    const events = accept([...lodged(), ...checked(lodged(), ['inviting-company'])]);
    given(multiEntryVisa, events)
      .when(worker, 'approve', {})
      .thenFails('conflict', /inviting company failed/);
  });

  it('keeps other offices out (403) and cannot extend the 7-WD receipt (409)', () => {
    const events = accept([...lodged(), ...checked(lodged())]);
    given(multiEntryVisa, events).when(caseworker('310101'), 'approve', {}).thenFails('forbidden');
    given(multiEntryVisa, events)
      .when(officeHead(OFFICE), 'extend-deadline', { workingDays: 3, reason: 'x' })
      .thenFails('conflict', /cannot be extended/);
  });

  it('raises SLA events when the decision is not made within the receipt', () => {
    const s = fold(multiEntryVisa, accept(lodged())) as CaseState;
    const events: LooseEvent[] = decideTimers(multiEntryVisa, s, '2026-12-05T00:00:00.000Z', testEnv);
    expect(events.map((e) => `${e.type}:${e.data.clock}`)).toEqual(['SlaGoalMissed:decision', 'SlaDeadlinePassed:decision']);
  });
});

describe('multi-entry visa: passport and stay per entry (issue 11, finding 10)', () => {
  it('given a case nobody accepted, when it is deemed accepted, then no passport is recorded as verified and returned', () => {
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    const events: LooseEvent[] = decideTimers(multiEntryVisa, s, '2026-12-03T00:00:00.000Z', testEnv);
    expect(events.map((e) => e.type)).toContain('CaseDeemedAccepted');
    expect(events.map((e) => e.type)).not.toContain('PassportVerifiedAndReturned');
    expect((fold(multiEntryVisa, events, s) as CaseState).progress).not.toHaveProperty('passportReturnedAt');
  });

  it('given a human accept, when the caseworker accepts with the passport in hand, then it is verified and returned', () => {
    given(multiEntryVisa, lodged())
      .when(worker, 'accept', {})
      .then([{ type: 'CaseAccepted' }, { type: 'AcceptanceReceiptIssued' }, { type: 'PassportVerifiedAndReturned', data: { passportNo: 'C01X00T47' } }]);
  });

  it('given a passport expiring before 3 years, when the visa is issued, then its validity ends with the passport', () => {
    const short = opened(multiEntryVisa, input({ passportValidUntil: '2028-03-31' }), worker, openedAt);
    given(multiEntryVisa, accept([...short, ...checked(short)]))
      .when(worker, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        { type: 'VisaIssued', data: { validFrom: '2026-11-25', validUntil: '2028-03-31', cappedByPassport: true } },
        { type: 'CaseCompleted' },
      ]);
  });

  it('given a requested stay per entry, when the visa is issued, then it records that stay', () => {
    const withStay = opened(multiEntryVisa, input({ stayPerEntryDays: 60 }), worker, openedAt);
    given(multiEntryVisa, accept([...withStay, ...checked(withStay)]))
      .when(worker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'VisaIssued', data: { entries: 'multiple', stayPerEntryDays: 60 } }, { type: 'CaseCompleted' }]);
  });

  it.each([
    ['no passport expiry date', input({ passportValidUntil: undefined }), /passport's expiry/],
    ['an expired passport', input({ passportValidUntil: '2026-11-24' }), /passport expired/],
    ['a stay per entry over 180 days', input({ stayPerEntryDays: 181 }), /at most 180 days/],
  ])('refuses %s at opening (422)', (_what, bad, message) => {
    expect(() => opened(multiEntryVisa, bad, worker, openedAt)).toThrow(message);
  });
});
