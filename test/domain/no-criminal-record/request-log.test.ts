import {
  allowedActions,
  decideOpen,
  decideTaskResult,
  fold,
  noCriminalRecord,
  parseRequestLogSubject,
  pendingTasks,
  policyFor,
  REQUEST_LOG_CHANGE,
  requestLogWindow,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PendingTask,
} from '../../../domain';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

// docs/domain.md §7.6: from the third request in a year the applicant shows what the certificate is for (規定, verify).
// The earlier requests are counted from the platform's request log (change no-criminal-record-request-log), not
// declared by the applicant; openings decided before the change replay on the declared figure.
const STATION = '440106'; // Guangzhou Tianhe: the hukou place, deciding
const SHANGHAI = '310101'; // the receiving window
const openedAt = '2026-11-25T02:00:00.000Z';
const APPLICANT_ID = '440106199003071231';
const WINDOW_SUBJECT = `id:${APPLICANT_ID}@2025-11-25@${openedAt}`;

const input = (details: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'no-criminal-record',
  channel: 'cross-province',
  receivingOffice: SHANGHAI,
  applicant: { name: '陳靜', idNumber: APPLICANT_ID },
  materials: ['ID card'],
  details: { ground: 'hukou', decidingOffice: STATION, purpose: 'employment abroad', ...details },
  ...over,
});
const window = caseworker(SHANGHAI);
const station = caseworker(STATION);
const stateOf = (events: CaseEvent[]) => fold(noCriminalRecord, events) as CaseState;
const lodge = (details: Record<string, unknown> = {}, over: Partial<OpenCaseInput> = {}, actor = window): LooseEvent[] =>
  opened(noCriminalRecord, input(details, over), actor, openedAt);

/** The registers: the applicant's hukou at the station, no record, and `requests` earlier requests in the log (null: no answer). */
function checked(events: LooseEvent[], requests: number | null): LooseEvent[] {
  const all = [...events];
  for (const task of pendingTasks(noCriminalRecord, stateOf(all))) {
    const outcome = answer(task, requests);
    all.push(...decideTaskResult(noCriminalRecord, stateOf(all), task, outcome, openedAt, testEnv));
  }
  return all;
}
function answer(task: PendingTask, requests: number | null) {
  if (task.key === 'request-log') {
    return requests === null
      ? { ok: false as const, error: 'the request-log register did not answer (transient)' }
      : { ok: true as const, value: { ok: true, detail: `the platform's request log holds ${requests} earlier requests`, facts: { requests } } };
  }
  if (task.key === 'population-register') return { ok: true as const, value: { ok: true, detail: 'registered', facts: { hukouOffice: STATION } } };
  return { ok: true as const, value: { ok: true, detail: 'no criminal record', facts: { record: 'none' } } };
}
const accept = (events: LooseEvent[]) => [
  ...events,
  ...given(noCriminalRecord, events)
    .when(window, 'accept', {})
    .then([{ type: 'CaseAccepted' }]),
];

describe('no-criminal-record: the earlier requests from the platform request log', () => {
  it('given a new request, when lodged, then the year before it is recorded and the request log is asked about the applicant for it', () => {
    const events = lodge();
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'RequestLogRequested']);
    expect(events[1].data).toEqual({ since: '2025-11-25', before: openedAt });
    expect(pendingTasks(noCriminalRecord, stateOf(events))).toContainEqual({
      key: 'request-log',
      kind: 'verify-record',
      registry: 'request-log',
      subject: WINDOW_SUBJECT,
    });
    expect(parseRequestLogSubject(WINDOW_SUBJECT)).toEqual({ person: { idNumber: APPLICANT_ID }, since: '2025-11-25', before: openedAt });
  });

  it('the year is read from the Shanghai day of the request: lodged at 01:00 on 1 March 2027 (Shanghai), requests since 1 March 2026 count', () => {
    expect(requestLogWindow('2027-02-28T17:00:00.000Z')).toEqual({ since: '2026-03-01', before: '2027-02-28T17:00:00.000Z' });
    // The months are configurable (inferred): a calendar-day clamp where the month is shorter.
    expect(requestLogWindow('2026-08-31T02:00:00.000Z', 6).since).toBe('2026-02-28');
  });

  it('given a new opening declaring its earlier requests, then it is refused (422) naming the log; the schema default (0) is no declaration', () => {
    expect(() => lodge({ earlierRequestsThisYear: 2, proofOfUse: 'letter of the employer' })).toThrow(
      /counted from the platform's request log.*leave details.earlierRequestsThisYear out/,
    );
    expect(lodge({ earlierRequestsThisYear: 0 }).map((e) => e.type)).toEqual(['CaseOpened', 'RequestLogRequested']);
  });

  it('given the log holds two earlier requests, when the station approves, then it is refused (409) naming the count and what to do', () => {
    const events = accept(checked(lodge(), 2));
    expect(stateOf(events).records['request-log']).toMatchObject({ result: 'confirmed', facts: { requests: 2 } });
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /request log holds 2 earlier requests by the applicant since 2025-11-25: from the 3rd request .*show-proof-of-use/);
    expect(allowedActions(noCriminalRecord, stateOf(events), window)).toContain('show-proof-of-use');
    expect(allowedActions(noCriminalRecord, stateOf(events), station)).not.toContain('approve');
  });

  it('given the log holds two earlier requests, when the window shows what the certificate is for, then the station issues it', () => {
    const events = accept(checked(lodge(), 2));
    const shown = given(noCriminalRecord, events)
      .when(window, 'show-proof-of-use', { proofOfUse: 'request letter of the employer, Hong Kong' })
      .then([{ type: 'ProofOfUseShown', data: { proofOfUse: 'request letter of the employer, Hong Kong' } }]);
    const after = [...events, ...shown];
    expect(stateOf(after).progress).toMatchObject({ proofOfUse: { proofOfUse: 'request letter of the employer, Hong Kong', shownAt: expect.any(String) } });
    given(noCriminalRecord, after)
      .when(station, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]);
    given(noCriminalRecord, after)
      .when(window, 'show-proof-of-use', { proofOfUse: 'again' })
      .thenFails('conflict', /already shown/);
  });

  it('given the log answered before acceptance, when the online applicant shows the proof, then it is recorded while the case is submitted', () => {
    const events = checked(lodge({ decidingOffice: SHANGHAI, ground: 'residence' }, { channel: 'online' }, applicant('u-1')), 3);
    expect(stateOf(events).status).toBe('submitted');
    given(noCriminalRecord, events)
      .when(applicant('u-1'), 'show-proof-of-use', { proofOfUse: 'request letter of the university' })
      .then([{ type: 'ProofOfUseShown' }]);
    given(noCriminalRecord, events)
      .when(applicant('somebody-else'), 'show-proof-of-use', { proofOfUse: 'x' })
      .thenFails('forbidden', /only the applicant/);
  });

  it('given the log holds two earlier requests and no proof comes, when the station refuses, then the request is refused with the reason', () => {
    given(noCriminalRecord, accept(checked(lodge(), 2)))
      .when(station, 'refuse', { reason: 'the third request in a year without proof of use', legalBasis: '公安機關辦理犯罪記錄查詢工作規定' })
      .then([{ type: 'CaseRefused', data: { appealable: true } }]);
  });

  it('given the log holds one earlier request, when approved, then the certificate is issued; proof of use is not asked (409)', () => {
    const events = accept(checked(lodge(), 1));
    given(noCriminalRecord, events)
      .when(window, 'show-proof-of-use', { proofOfUse: 'letter' })
      .thenFails('conflict', /no proof of use is needed/);
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]);
  });

  it('given proof of use given at lodging, when the log holds five earlier requests, then the certificate is issued', () => {
    const events = accept(checked(lodge({ proofOfUse: 'request letter of the employer' }), 5));
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]);
  });

  it('given the log did not answer, when the station approves or refuses, then both wait (409); recheck-records asks it again and its answer decides', () => {
    const events = accept(checked(lodge(), null));
    expect(stateOf(events).records['request-log']).toMatchObject({ result: 'unavailable' });
    given(noCriminalRecord, events)
      .when(station, 'approve', {})
      .thenFails('conflict', /request-log register did not answer.*recheck-records/);
    given(noCriminalRecord, events)
      .when(station, 'refuse', { reason: 'no proof of use', legalBasis: '規定' })
      .thenFails('conflict', /no refusal may rest on an unanswered register check/);
    given(noCriminalRecord, events)
      .when(window, 'show-proof-of-use', { proofOfUse: 'letter' })
      .thenFails('conflict', /request log has answered/);
    const recheck = given(noCriminalRecord, events)
      .when(station, 'recheck-records', {})
      .then([{ type: 'RecordsRecheckRequested', data: { keys: ['request-log'] } }]);
    const answered = checked([...events, ...recheck], 2);
    expect(stateOf(answered).records['request-log']).toMatchObject({ result: 'confirmed', facts: { requests: 2 } });
    given(noCriminalRecord, answered)
      .when(station, 'approve', {})
      .thenFails('conflict', /holds 2 earlier requests/);
  });

  it('given a request not yet answered by the log, when approved, then it waits for it (409)', () => {
    const lodged = lodge();
    const partly = [...lodged];
    for (const task of pendingTasks(noCriminalRecord, stateOf(lodged)).filter((t) => t.key !== 'request-log')) {
      partly.push(...decideTaskResult(noCriminalRecord, stateOf(partly), task, answer(task, 0), openedAt, testEnv));
    }
    given(noCriminalRecord, accept(partly))
      .when(station, 'approve', {})
      .thenFails('conflict', /registers have not all answered/);
  });

  describe('an opening decided before the change replays as it was (no-criminal-record-request-log)', () => {
    const before = (details: Record<string, unknown>) =>
      decideOpen(noCriminalRecord, input(details), {
        caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
        actor: window,
        at: openedAt,
        policy: policyFor(noCriminalRecord),
        ...testEnv,
        patched: (id) => id !== REQUEST_LOG_CHANGE,
      }) as LooseEvent[];

    it('a declared third request without proof of use is refused at lodging (422), as it was', () => {
      expect(() => before({ earlierRequestsThisYear: 2 })).toThrow(/from the 3rd request in a year, show what the certificate is for \(details.proofOfUse/);
    });

    it('a declared third request with proof of use is lodged without asking the log, and approved on the registers alone', () => {
      const events = before({ earlierRequestsThisYear: 2, proofOfUse: 'request letter of the employer' });
      expect(events.map((e) => e.type)).toEqual(['CaseOpened']);
      expect(pendingTasks(noCriminalRecord, stateOf(events)).map((t) => t.key)).toEqual(['population-register', 'criminal-record']);
      const decided = accept(checked(events, null));
      expect(stateOf(decided).records['request-log']).toBeUndefined();
      given(noCriminalRecord, decided)
        .when(station, 'approve', {})
        .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]);
    });

    it('a first request lodged so is never asked for proof of use after lodging', () => {
      const decided = accept(checked(before({}), null));
      given(noCriminalRecord, decided)
        .when(window, 'show-proof-of-use', { proofOfUse: 'letter' })
        .thenFails('conflict', /lodged before the request log was read/);
      given(noCriminalRecord, decided)
        .when(station, 'approve', {})
        .then([{ type: 'CaseApproved' }, { type: 'CertificateIssued' }]);
    });
  });
});
