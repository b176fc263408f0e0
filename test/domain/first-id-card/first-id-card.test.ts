import { testEnv } from '../support/given';
import {
  decideAction,
  decideOpen,
  policyFor,
  decideTaskResult,
  decideTimers,
  firstIdCard,
  fold,
  pendingTasks,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PendingTask,
  type TaskOutcome,
} from '../../../domain';
import { caseworker, given, officeHead, opened, type LooseEvent } from '../support/given';

const HUKOU = '440106'; // Guangzhou Tianhe
const RESIDENCE = '440104'; // Guangzhou Yuexiu (same province)
const FAR_RESIDENCE = '310101'; // Shanghai Huangpu (cross-province)
const ID = '440106201002031238'; // born 2010-02-03: 16 on 2026-11-25
const openedAt = '2026-11-25T02:00:00.000Z';
const at = '2026-11-25T03:00:00.000Z';
const hukouWorker = caseworker(HUKOU);
const residenceWorker = caseworker(RESIDENCE);
const farWorker = caseworker(FAR_RESIDENCE);

const input = (over: Record<string, unknown> = {}, top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'first-id-card',
  channel: 'window',
  receivingOffice: RESIDENCE,
  applicant: { name: '王小明', idNumber: ID, birthDate: '2010-02-03' },
  materials: ['hukou booklet'],
  details: { hukouOffice: HUKOU, residenceOffice: RESIDENCE, delivery: 'pickup', ...over },
  ...top,
});
const lodged = (over: Record<string, unknown> = {}) => opened(firstIdCard, input(over), residenceWorker, openedAt);
/** A case lodged before the temporary card became its own case type: the opening as recorded then, without today's rules for new openings. */
const lodgedBefore = (over: Record<string, unknown> = {}) =>
  decideOpen(firstIdCard, input(over), {
    caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    actor: residenceWorker,
    at: openedAt,
    policy: policyFor(firstIdCard),
    ...testEnv,
  });
const lodgedFar = () =>
  opened(firstIdCard, input({ residenceOffice: FAR_RESIDENCE }, { channel: 'cross-province', receivingOffice: FAR_RESIDENCE }), farWorker, openedAt);

/** Runs the pending activity task `key` with `outcome`, as the workflow would. */
function task(events: CaseEvent[], key: string, outcome: TaskOutcome, when = at): CaseEvent[] {
  const s = fold(firstIdCard, events) as CaseState;
  const t = pendingTasks(firstIdCard, s).find((p) => p.key === key) as PendingTask & { kind: 'activity' };
  expect(t).toBeDefined();
  return decideTaskResult(firstIdCard, s, t, outcome, when, testEnv);
}
const photoFound = (takenAt: string) => ({ ok: true as const, value: { found: true, photoId: 'PH-OLD', takenAt, takenFor: 'exit-entry' } });
const noPhoto = { ok: true as const, value: { found: false } };
/** Builds a history with an action that must succeed (its own given/when/then test checks its events). */
const after = (events: CaseEvent[], actor = residenceWorker, action = 'accept', payload: unknown = {}) => [
  ...events,
  ...decideAction(firstIdCard, fold(firstIdCard, events) as CaseState, action, payload, { actor, at, ...testEnv }),
];

const withPhotoLookup = (events: CaseEvent[], outcome: TaskOutcome = noPhoto) => [...events, ...task(events, 'photo-lookup', outcome)];
const captured = (events: CaseEvent[], actor = residenceWorker) => after(withPhotoLookup(events), actor, 'capture-biometrics', { photo: 'new' });
const accepted = () => after(captured(lodged()));
const approved = () => after(accepted(), hukouWorker, 'approve');
const produced = () => [
  ...approved(),
  ...task(
    approved(),
    'card-production',
    { ok: true, value: { cardNumber: '4401061234567890', productionCentre: '440000-production-centre' } },
    '2026-12-01T02:00:00.000Z',
  ),
];

describe('first ID card: opening', () => {
  it('is decided by the hukou-place office within the province and starts the 60-day clock', () => {
    const s = fold(firstIdCard, lodged()) as CaseState;
    expect(s).toMatchObject({ receivingOffice: RESIDENCE, handlingOffice: HUKOU, involvedOffices: [HUKOU, RESIDENCE], crossProvince: false });
    expect(s.clocks['first-id-card-production']).toMatchObject({ state: 'on-track', startedAt: openedAt, deadline: '2027-01-25T15:59:59.999Z' }); // day 60 is a Sunday
    expect(s.clocks['temporary-id']).toBeUndefined();
  });

  it('given a new opening asking for a temporary card, when it is lodged, then it is refused: that is a temporary-id-card case (422)', () => {
    expect(() => lodged({ wantsTemporaryId: true })).toThrow(/type temporary-id-card/);
  });

  it('starts the 3-day temporary-ID clock on a case lodged with the old temporary-ID request', () => {
    const s = fold(firstIdCard, lodgedBefore({ wantsTemporaryId: true })) as CaseState;
    // Day 3 is Saturday 28 Nov: the deadline ends on Monday 30 Nov (民法典 art 203).
    expect(s.clocks['temporary-id']).toMatchObject({ state: 'on-track', deadline: '2026-11-30T15:59:59.999Z' });
  });

  it('looks up the shared photo store at lodging and records the answer', () => {
    const s = fold(firstIdCard, lodged()) as CaseState;
    expect(pendingTasks(firstIdCard, s)).toEqual([{ key: 'photo-lookup', kind: 'activity', activity: 'lookupPhoto', input: { idNumber: ID } }]);
    const [ev] = task(lodged(), 'photo-lookup', photoFound('2025-06-01T01:00:00.000Z'));
    expect(ev).toMatchObject({ type: 'PhotoLookedUp', data: { found: true, photoId: 'PH-OLD', takenAt: '2025-06-01T01:00:00.000Z' } });
    expect(pendingTasks(firstIdCard, fold(firstIdCard, [ev], s) as CaseState)).toEqual([]);
  });

  it('records a failed lookup as no photo, so the case never waits on the store', () => {
    const [ev] = task(lodged(), 'photo-lookup', { ok: false, error: 'lookupPhoto failed: timeout' });
    expect(ev).toMatchObject({ type: 'PhotoLookedUp', data: { found: false, error: 'lookupPhoto failed: timeout' } });
  });

  it.each([
    ['no birth date', input({}, { applicant: { name: 'x', idNumber: ID } }), /birth date/],
    ['a birth date unlike the ID number', input({}, { applicant: { name: 'x', idNumber: ID, birthDate: '2010-02-04' } }), /does not match/],
    ['under 16 without a guardian', input({}, { applicant: { name: 'x', idNumber: '440106201205011237', birthDate: '2012-05-01' } }), /guardian/],
    ['an office that is neither hukou nor residence', input({ residenceOffice: '440105' }), /lodged at the hukou office/],
    ['a handling office other than the hukou office', input({}, { handlingOffice: RESIDENCE }), /decided by office 440106/],
  ])('refuses %s (422)', (_what, bad, message) => {
    expect(() => opened(firstIdCard, bad, residenceWorker, openedAt)).toThrow(message);
  });

  it('lets a guardian apply for a child under 16, for a 5-year card', () => {
    const child = input(
      { guardian: { name: '王大明', idNumber: '440106198001011230' } },
      { applicant: { name: '王小小', idNumber: '440106201205011237', birthDate: '2012-05-01' } },
    );
    const events = opened(firstIdCard, child, residenceWorker, openedAt);
    expect(events[0].type).toBe('CaseOpened');
  });
});

describe('first ID card: biometrics', () => {
  it('reuses a shared photo under 3 years old, always with fingerprints', () => {
    given(firstIdCard, withPhotoLookup(lodged(), photoFound('2025-06-01T01:00:00.000Z')))
      .when(residenceWorker, 'capture-biometrics', { photo: 'reuse' })
      .then([{ type: 'PhotoReused', data: { photoId: 'PH-OLD', source: 'shared-photo-store' } }, { type: 'FingerprintsCaptured' }]);
  });

  it('refuses to reuse before the store answered, without a photo, or with one too old (409)', () => {
    given(firstIdCard, lodged())
      .when(residenceWorker, 'capture-biometrics', { photo: 'reuse' })
      .thenFails('conflict', /not answered yet/);
    given(firstIdCard, withPhotoLookup(lodged()))
      .when(residenceWorker, 'capture-biometrics', { photo: 'reuse' })
      .thenFails('conflict', /capture a new photo/);
    given(firstIdCard, withPhotoLookup(lodged(), photoFound('2023-01-01T01:00:00.000Z')))
      .when(residenceWorker, 'capture-biometrics', { photo: 'reuse' })
      .thenFails('conflict', /more than 36 months ago/);
  });

  it('captures a new photo and shares it with the photo store', () => {
    const events = captured(lodged());
    expect(events.slice(-2).map((e) => e.type)).toEqual(['PhotoCaptured', 'FingerprintsCaptured']);
    const s = fold(firstIdCard, events) as CaseState;
    const [share] = pendingTasks(firstIdCard, s);
    expect(share).toMatchObject({ key: 'photo-share', activity: 'storePhoto', input: { idNumber: ID, takenFor: 'id-card', takenAt: at } });
    const [shared] = task(events, 'photo-share', { ok: true, value: { stored: true } });
    expect(shared.type).toBe('PhotoShared');
    expect(pendingTasks(firstIdCard, fold(firstIdCard, [shared], s) as CaseState)).toEqual([]);
  });

  it('keeps other offices out (403) and captures only once (409)', () => {
    given(firstIdCard, withPhotoLookup(lodged())).when(caseworker('440105'), 'capture-biometrics', { photo: 'new' }).thenFails('forbidden');
    given(firstIdCard, captured(lodged()))
      .when(residenceWorker, 'capture-biometrics', { photo: 'new' })
      .thenFails('conflict', /already captured/);
  });

  it('rejects an unknown photo choice (400)', () => {
    given(firstIdCard, lodged()).when(residenceWorker, 'capture-biometrics', { photo: 'scan' }).thenFails('invalid');
  });
});

describe('first ID card: intake and decision', () => {
  it('requests materials once only', () => {
    const requested = after(lodged(), residenceWorker, 'request-materials', { items: ['hukou booklet page'] });
    const supplemented = after(requested, residenceWorker, 'supplement', { items: ['hukou booklet page'] });
    given(firstIdCard, supplemented)
      .when(residenceWorker, 'request-materials', { items: ['x'] })
      .thenFails('conflict', /already requested once/);
  });

  it('does not approve before biometrics (409), nor from the residence office (403)', () => {
    const events = after(withPhotoLookup(lodged()));
    given(firstIdCard, events)
      .when(hukouWorker, 'approve', {})
      .thenFails('conflict', /biometrics/);
    given(firstIdCard, accepted()).when(residenceWorker, 'approve', {}).thenFails('forbidden');
    expect(waitingOn(firstIdCard, fold(firstIdCard, events) as CaseState)).toBe(RESIDENCE);
  });

  it('needs no sign-off within the province (409)', () => {
    given(firstIdCard, accepted())
      .when(hukouWorker, 'sign-off', {})
      .thenFails('conflict', /no sign-off is needed/);
  });

  it('approves and asks the production centre for a card valid 10 years', () => {
    given(firstIdCard, accepted())
      .when(hukouWorker, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        { type: 'CardProductionRequested', data: { ageAtApplication: 16, validity: '10 years', delivery: 'pickup' } },
        { type: 'FeeAssessed', data: { item: 'first-issue', amountCny: 20, waived: false, basis: '发改价格〔2003〕2322号' } },
      ]);
    const s = fold(firstIdCard, approved()) as CaseState;
    expect(pendingTasks(firstIdCard, s).map((t) => t.key)).toEqual(['photo-share', 'card-production']);
    expect(waitingOn(firstIdCard, s)).toBeNull(); // the production centre works now
  });

  it('given a minimum-subsistence recipient, when approved, then the 20 CNY fee is waived (2322号, docs/domain.md §7.9 item 4)', () => {
    const poor = after(captured(lodged({ minimumSubsistence: true })));
    given(firstIdCard, poor)
      .when(hukouWorker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CardProductionRequested' }, { type: 'FeeAssessed', data: { amountCny: 0, waived: true } }]);
  });

  it('given a case approved before the fee was recorded, when its approval replays, then it decides no fee (id-card-fee-assessed unpatched)', () => {
    const s = fold(firstIdCard, accepted()) as CaseState;
    const replayed = decideAction(firstIdCard, s, 'approve', {}, { actor: hukouWorker, at, ...testEnv, patched: () => false });
    expect(replayed.map((e) => e.type)).toEqual(['CaseApproved', 'CardProductionRequested']);
  });

  it('refuses with a reason and legal basis, appealably', () => {
    given(firstIdCard, accepted())
      .when(hukouWorker, 'refuse', { reason: 'not the hukou of this office', legalBasis: '居民身份证法 第八条' })
      .then([{ type: 'CaseRefused', data: { appealable: true, final: false } }]);
  });
});

describe('first ID card: cross-province, the hukou-place office decides (issue 11, finding 9)', () => {
  // docs/domain.md §3: lodged, captured and handed over where the person lives, decided (approved or refused)
  // by the hukou-place office, the legal issuer (居民身份證法 art 8).
  const acceptedFar = () => after(captured(lodgedFar(), farWorker), farWorker);

  it('given a case lodged in another province, when it is opened, then the hukou-place office handles it', () => {
    const s = fold(firstIdCard, lodgedFar()) as CaseState;
    expect(s).toMatchObject({ receivingOffice: FAR_RESIDENCE, handlingOffice: HUKOU, crossProvince: true });
  });

  it('given an accepted cross-province case, when the residence office approves or refuses, then it may not (403)', () => {
    given(firstIdCard, acceptedFar()).when(farWorker, 'approve', {}).thenFails('forbidden');
    given(firstIdCard, acceptedFar()).when(farWorker, 'refuse', { reason: 'x', legalBasis: '居民身份证法 第八条' }).thenFails('forbidden');
    expect(waitingOn(firstIdCard, fold(firstIdCard, acceptedFar()) as CaseState)).toBe(HUKOU);
  });

  it('given an accepted cross-province case, when the hukou-place office decides, then it approves or refuses itself, with no separate sign-off', () => {
    given(firstIdCard, acceptedFar())
      .when(hukouWorker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CardProductionRequested' }, { type: 'FeeAssessed' }]);
    given(firstIdCard, acceptedFar())
      .when(hukouWorker, 'refuse', { reason: 'identity not established', legalBasis: '居民身份证法 第八条' })
      .then([{ type: 'CaseRefused', data: { appealable: true } }]);
    given(firstIdCard, acceptedFar())
      .when(hukouWorker, 'sign-off', {})
      .thenFails('conflict', /no sign-off is needed/);
  });

  it('given a new cross-province case naming the residence office as the decider, when it is lodged, then it is refused (422)', () => {
    const wrong = input({ residenceOffice: FAR_RESIDENCE }, { channel: 'cross-province', receivingOffice: FAR_RESIDENCE, handlingOffice: FAR_RESIDENCE });
    expect(() => opened(firstIdCard, wrong, farWorker, openedAt)).toThrow(/decided by office 440106/);
  });

  it('given a cross-province case recorded before this rule, when it is folded, then the residence office still decides after the sign-off', () => {
    const recorded = input({ residenceOffice: FAR_RESIDENCE }, { channel: 'cross-province', receivingOffice: FAR_RESIDENCE });
    const events = decideOpen(firstIdCard, recorded, {
      caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      actor: farWorker,
      at: openedAt,
      policy: policyFor(firstIdCard),
      ...testEnv,
    });
    const old = after(captured(events, farWorker), farWorker);
    expect(fold(firstIdCard, old)).toMatchObject({ handlingOffice: FAR_RESIDENCE });
    given(firstIdCard, old)
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /has not signed off/);
    const signed = after(old, hukouWorker, 'sign-off');
    given(firstIdCard, signed)
      .when(farWorker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'CardProductionRequested' }, { type: 'FeeAssessed' }]);
  });
});

describe('first ID card: production and hand-over', () => {
  it('records the produced card with its validity; the 60-day clock runs on to the hand-over (issue 11, finding 9)', () => {
    const events = produced();
    expect(events.at(-1)).toMatchObject({
      type: 'CardProduced',
      data: { number: '4401061234567890', validity: '10 years', validFrom: '2026-12-01', validUntil: '2036-11-30' },
    });
    const s = fold(firstIdCard, events) as CaseState;
    expect(s).toMatchObject({ step: 'hand-over' });
    // Issued (发放) within 60 days (居民身份證法 art 12): production is not issue.
    expect(s.clocks['first-id-card-production'].state).toBe('on-track');
    expect(waitingOn(firstIdCard, s)).toBe(RESIDENCE);
  });

  it('stops retrying after 3 failed productions and lets the handling office ask again', () => {
    let events = approved();
    for (let i = 0; i < 3; i++) events = [...events, ...task(events, 'card-production', { ok: false, error: 'produceCard failed: unavailable' })];
    const s = fold(firstIdCard, events) as CaseState;
    expect(pendingTasks(firstIdCard, s).map((t) => t.key)).not.toContain('card-production');
    expect(waitingOn(firstIdCard, s)).toBe(HUKOU);
    given(firstIdCard, approved())
      .when(hukouWorker, 'retry-production', {})
      .thenFails('conflict', /not stalled/);
    const retried = after(events, hukouWorker, 'retry-production');
    expect(pendingTasks(firstIdCard, fold(firstIdCard, retried) as CaseState).map((t) => t.key)).toContain('card-production');
  });

  it('hands over only a produced card, at the receiving office, and completes', () => {
    given(firstIdCard, approved())
      .when(residenceWorker, 'hand-over', {})
      .thenFails('conflict', /not been produced/);
    given(firstIdCard, produced()).when(hukouWorker, 'hand-over', {}).thenFails('forbidden');
    const done = given(firstIdCard, produced())
      .when(residenceWorker, 'hand-over', {}, '2026-12-02T02:00:00.000Z')
      .then([{ type: 'CardDelivered', data: { mode: 'pickup', cardNumber: '4401061234567890' } }, { type: 'CaseCompleted' }]);
    expect(fold(firstIdCard, [...produced(), ...done])!.status).toBe('completed');
  });

  it('posts the card with a tracking number when asked to', () => {
    const base = lodged({ delivery: 'post' });
    const approvedPost = after(after(captured(base)), hukouWorker, 'approve');
    const producedPost = [...approvedPost, ...task(approvedPost, 'card-production', { ok: true, value: { cardNumber: '4401060000000001' } })];
    given(firstIdCard, producedPost)
      .when(residenceWorker, 'hand-over', { trackingNumber: 'EMS123' })
      .then([{ type: 'CardDelivered', data: { mode: 'post', trackingNumber: 'EMS123' } }, { type: 'CaseCompleted' }]);
  });
});

describe('first ID card: temporary ID card', () => {
  // Kept for cases lodged with the request before the temporary card became its own type (docs/domain.md §7.9 item 5).
  const requested = () => lodgedBefore({ wantsTemporaryId: true });

  it('is issued only when asked for, after acceptance and biometrics', () => {
    given(firstIdCard, after(captured(lodged())))
      .when(residenceWorker, 'issue-temporary-id', {})
      .thenFails('conflict', /did not ask/);
    given(firstIdCard, after(withPhotoLookup(requested())))
      .when(residenceWorker, 'issue-temporary-id', {})
      .thenFails('conflict', /biometrics first/);
    given(firstIdCard, captured(requested()))
      .when(residenceWorker, 'issue-temporary-id', {})
      .thenFails('conflict', /submitted/);
  });

  it('is valid 3 months and stops its 3-day clock', () => {
    const events = after(captured(requested()));
    const issued = given(firstIdCard, events)
      .when(residenceWorker, 'issue-temporary-id', {})
      .then([{ type: 'TemporaryIdIssued', data: { kind: 'temporary-id-card', validFrom: '2026-11-25', validUntil: '2027-02-24' } }]);
    const s = fold(firstIdCard, [...events, ...issued]) as CaseState;
    expect(s.clocks['temporary-id'].state).toBe('stopped');
    given(firstIdCard, [...events, ...issued])
      .when(residenceWorker, 'issue-temporary-id', {})
      .thenFails('conflict', /already issued/);
  });

  it('raises SLA events when it is not issued within 3 days', () => {
    const s = fold(firstIdCard, after(captured(requested()))) as CaseState;
    const events: LooseEvent[] = decideTimers(firstIdCard, s, '2026-12-01T00:00:00.000Z', testEnv);
    expect(events.filter((e) => e.data.clock === 'temporary-id').map((e) => e.type)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed']);
  });
});

describe('first ID card: withdrawal while the card is in production (issue 11, finding 13)', () => {
  // domain.md §1: withdraw only before a decision; card production follows `approve` (§3), so a
  // withdrawal then is refused and the card is produced and handed over as decided.
  it('refuses withdrawal once the card production was requested (409)', () => {
    given(firstIdCard, approved())
      .when(residenceWorker, 'withdraw', { reason: 'no longer needed' })
      .thenFails('conflict', /decision/);
  });

  // A closed case receives no further fact (issue 11, done-when): a stream closed before this rule
  // existed, with production still running, records nothing when the centre answers.
  it('records nothing when the production centre answers for a closed case', () => {
    const closed = [...approved(), { type: 'CaseWithdrawn', data: { reason: 'no longer needed' }, at }];
    const s = fold(firstIdCard, closed) as CaseState;
    expect(s.status).toBe('withdrawn');
    const [production] = pendingTasks(firstIdCard, fold(firstIdCard, approved()) as CaseState).filter((t) => t.key === 'card-production');
    expect(production).toBeDefined();
    const recorded = decideTaskResult(firstIdCard, s, production, { ok: true, value: { cardNumber: '4401061234567890', productionCentre: 'c' } }, at, testEnv);
    expect(recorded).toEqual([]);
  });
});

describe('first ID card: the guardian rule cites its article (issue 11, finding 9)', () => {
  // 居民身份證法 art 7: under 16 a resident may apply, through the guardian (art 9 is about the hukou place).
  it('refuses an under-16 application without a guardian, citing art 7 (422)', () => {
    const child = input({}, { applicant: { name: 'x', idNumber: '440106201205011237', birthDate: '2012-05-01' } });
    expect(() => opened(firstIdCard, child, residenceWorker, openedAt)).toThrow(/居民身份證法 art 7\b/);
  });
});

describe('first ID card: ID numbers are checked for their GB 11643 check character (issue 11, finding 9)', () => {
  // docs/domain.md §3: ID numbers (GB 11643) are checked for their check character on input.
  // 44010620100203123 has check character 8 (ISO 7064 MOD 11-2); ...1234 is a mistyped number. The check is
  // made at the boundary (checkNewOpening, which `opened` runs as the API does), never in the workflow's opening
  // decision: the recorded replay fixtures hold made-up numbers with wrong check characters and must replay.
  it('given a mistyped ID number, when a new case is lodged, then it is refused (422)', () => {
    expect(() =>
      opened(firstIdCard, input({}, { applicant: { name: 'x', idNumber: '440106201002031234', birthDate: '2010-02-03' } }), residenceWorker, openedAt),
    ).toThrow(/check character/);
  });

  it('given a recorded opening with a mistyped ID number, when the workflow decides it again on replay, then it is not re-validated', () => {
    const recorded = input({}, { applicant: { name: 'x', idNumber: '440106201002031234', birthDate: '2010-02-03' } });
    const events = decideOpen(firstIdCard, recorded, {
      caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      actor: residenceWorker,
      at: openedAt,
      policy: policyFor(firstIdCard),
      ...testEnv,
    });
    expect(events[0].type).toBe('CaseOpened');
  });

  it('opens with a valid ID number', () => {
    const events = opened(
      firstIdCard,
      input({}, { applicant: { name: 'x', idNumber: '440106201002031238', birthDate: '2010-02-03' } }),
      residenceWorker,
      openedAt,
    );
    expect(events[0].type).toBe('CaseOpened');
  });
});

describe('first ID card: waiting for the applicant is never a dead end (issue 11, finding 5)', () => {
  const requested = () => after(lodged(), residenceWorker, 'request-materials', { items: ['hukou booklet page 2'] });

  it('gives the applicant a supplement deadline and closes the case as not accepted, by events, when it passes', () => {
    const events = requested();
    const s = fold(firstIdCard, events) as CaseState;
    expect(s.status).toBe('awaiting-materials');
    // 30 calendar days from the notice (inferred default, docs/domain.md §1), recorded with the request.
    expect(s.clocks.supplement).toMatchObject({ state: 'on-track', deadline: '2026-12-25T15:59:59.999Z' });
    const late: LooseEvent[] = decideTimers(firstIdCard, s, '2026-12-26T00:00:00.000Z', testEnv);
    expect(late.map((e) => e.type)).toEqual(['SlaDeadlinePassed', 'AcceptanceRefused']);
    expect(late[1].data).toMatchObject({ reason: expect.stringMatching(/not supplemented/), receiptNumber: expect.stringMatching(/^BSL-/) });
    expect(fold(firstIdCard, late, s)).toMatchObject({ status: 'not-accepted', step: 'closed' });
  });

  it("stops the office's applicant-dependent clocks while it waits, and moves them by the time waited", () => {
    const events = requested();
    const waiting = fold(firstIdCard, events) as CaseState;
    expect(waiting.clocks['first-id-card-production'].state).toBe('paused');
    const before = fold(firstIdCard, lodged()) as CaseState;
    const supplied = [...events, ...decideActionAt(events, 'supplement', { items: ['hukou booklet page 2'] }, '2026-12-05T03:00:00.000Z')];
    const s = fold(firstIdCard, supplied) as CaseState;
    expect(s.clocks['first-id-card-production'].state).toBe('on-track');
    // Paused from the notice (03:00 on 25 Nov) to the supplement (03:00 on 5 Dec): day 60 moves ten days, from Sunday
    // 24 Jan (rolled to Monday 25 Jan) to Wednesday 3 Feb.
    expect(before.clocks['first-id-card-production'].deadline).toBe('2027-01-25T15:59:59.999Z');
    expect(s.clocks['first-id-card-production'].deadline).toBe('2027-02-03T15:59:59.999Z');
    expect(s.clocks.supplement.state).toBe('stopped');
  });
});

function decideActionAt(events: CaseEvent[], action: string, payload: unknown, when: string) {
  return decideAction(firstIdCard, fold(firstIdCard, events) as CaseState, action, payload, { actor: residenceWorker, at: when, ...testEnv });
}

describe('first ID card: the issue clock is the special law’s (issue 11, findings 9 and 12)', () => {
  const ISSUE = 'first-id-card-production';

  it('given a case lodged on 2026-11-25, when its 60th day is Sunday 2027-01-24, then the deadline is Monday 2027-01-25 (民法典 art 203)', () => {
    const s = fold(firstIdCard, lodged()) as CaseState;
    expect(s.clocks[ISSUE].deadline).toBe('2027-01-25T15:59:59.999Z');
  });

  it('given an accepted case, then no 20-working-day decision clock runs: the ID card law governs (art 12)', () => {
    const s = fold(firstIdCard, accepted()) as CaseState;
    expect(s.status).toBe('accepted');
    expect(s.clocks.decision).toBeUndefined();
    expect(s.policy.clocks.decision).toBeUndefined();
    expect(s.clocks[ISSUE].state).not.toBe('stopped');
  });

  it('given an accepted case, when the head of the deciding office extends by 30 calendar days, then the issue deadline moves once (art 12)', () => {
    const [ev] = given(firstIdCard, accepted())
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 30, reason: 'remote area: poor transport' })
      .then([{ type: 'DeadlineExtended', data: { clock: ISSUE, calendarDays: 30, previousDeadline: '2027-01-25T15:59:59.999Z' } }]);
    // 90 days from lodging: Tuesday 2027-02-23.
    expect(ev.data.deadline).toBe('2027-02-23T15:59:59.999Z');
    expect(ev.data.legalBasis).toContain('居民身份证法');
    const s = fold(firstIdCard, [...accepted(), ev]) as CaseState;
    expect(s.clocks[ISSUE].deadline).toBe('2027-02-23T15:59:59.999Z');
    given(firstIdCard, [...accepted(), ev])
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 1, reason: 'again' })
      .thenFails('conflict', /already extended/);
  });

  it('given an approved case (card in production), when the head extends, then the issue clock still moves', () => {
    given(firstIdCard, approved())
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 10, reason: 'remote area: poor transport' })
      .then([{ type: 'DeadlineExtended', data: { clock: ISSUE, calendarDays: 10 } }]);
  });

  it('refuses more than 30 days (422), working days (422), and anyone but the head of the deciding office (403)', () => {
    given(firstIdCard, accepted())
      .when(officeHead(HUKOU), 'extend-deadline', { calendarDays: 31, reason: 'x' })
      .thenFails('rule', /at most 30 calendar days/);
    given(firstIdCard, accepted())
      .when(officeHead(HUKOU), 'extend-deadline', { workingDays: 10, reason: 'x' })
      .thenFails('rule', /calendar days/);
    given(firstIdCard, accepted())
      .when(officeHead(RESIDENCE), 'extend-deadline', { calendarDays: 30, reason: 'x' })
      .thenFails('forbidden', /head of office 440106/);
  });

  it('given an accepted case, when the head pauses under art 45, then it is refused (409): there is no decision clock to pause', () => {
    given(firstIdCard, accepted())
      .when(officeHead(HUKOU), 'pause-clock', { kind: 'inspection', reason: 'x' })
      .thenFails('conflict', /no decision clock/);
  });
});
