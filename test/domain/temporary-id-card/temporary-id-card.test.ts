import {
  CARD_COLLECTED_CHANGE,
  checkNewOpening,
  decideAction,
  decideParentEvent,
  decideTaskResult,
  decideTimers,
  fold,
  idCardReplacement,
  nextWakeUp,
  parentLinkProblem,
  pendingTasks,
  temporaryIdCard,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type PendingTask,
  type TaskOutcome,
  type TemporaryIdCard,
} from '../../../domain';
import { caseworker, given, opened, testEnv } from '../support/given';

/**
 * Temporary resident ID card (docs/domain.md §7.3, MPS Order 78): lodged as the child of a pending card case, at the
 * hukou-place office or, in another province, where the card case was once it is signed off; issued within 3 days
 * with the card case's photo, valid 3 months, 10 CNY; handed back when the card is collected.
 */
const HUKOU = '440106'; // Guangzhou Tianhe
const NEAR = '440104'; // Guangzhou Yuexiu (same province)
const FAR = '310101'; // Shanghai Huangpu (another province)
const ID = '440106199003071231'; // born 1990-03-07
const CHILD_ID = '440106201505051230'; // born 2015-05-05: 11 in 2026
const PARENT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const CASE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday
const at = '2026-11-25T03:00:00.000Z';
const hukouWorker = caseworker(HUKOU);
const farWorker = caseworker(FAR);
const nearWorker = caseworker(NEAR);

/** The card case: a replacement lodged in Shanghai for a Guangzhou hukou (or at the hukou office itself). */
function cardCase({ far = true, signedOff = true, photo = true, idNumber = ID, birthDate = '1990-03-07' } = {}): CaseState {
  const office = far ? FAR : HUKOU;
  const input: OpenCaseInput = {
    type: 'id-card-replacement',
    channel: far ? 'cross-province' : 'window',
    receivingOffice: office,
    applicant: { name: '陈静', idNumber, birthDate },
    materials: ['application form'],
    details: { hukouOffice: HUKOU, residenceOffice: office, delivery: 'pickup' },
  };
  const events: CaseEvent[] = [...opened(idCardReplacement, input, caseworker(office), openedAt, PARENT_ID)];
  if (photo) events.push({ type: 'PhotoCaptured', data: { photoId: 'PH-1', takenAt: openedAt, office, standard: 'GA/T 461' }, at: openedAt });
  if (signedOff && far) events.push({ type: 'HukouPlaceSignedOff', data: { office: HUKOU }, at: openedAt });
  return fold(idCardReplacement, events) as CaseState;
}

const input = (top: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'temporary-id-card',
  channel: 'cross-province',
  receivingOffice: FAR,
  applicant: { name: '陈静', idNumber: ID },
  materials: ['application form'],
  parentCaseId: PARENT_ID,
  details: { hukouOffice: HUKOU },
  ...top,
});
const lodged = (top: Partial<OpenCaseInput> = {}, actor = farWorker) => opened(temporaryIdCard, input(top), actor, at, CASE_ID);
const state = (events: CaseEvent[]) => fold(temporaryIdCard, events) as CaseState<TemporaryIdCard>;

/** Runs the card case check as the workflow would, with what the card case says. */
function checked(events: CaseEvent[], outcome: TaskOutcome): CaseEvent[] {
  const t = pendingTasks(temporaryIdCard, state(events)).find((p) => p.key === 'card-case') as PendingTask;
  expect(t).toMatchObject({ kind: 'activity', activity: 'checkCardCase', input: { parentCaseId: PARENT_ID } });
  return [...events, ...decideTaskResult(temporaryIdCard, state(events), t, outcome, at, testEnv)];
}
const facts = (over: Record<string, unknown> = {}) => ({
  ok: true as const,
  value: {
    found: true,
    type: 'id-card-replacement',
    open: true,
    hukouOffice: HUKOU,
    receivingOffice: FAR,
    signedOff: true,
    photo: { photoId: 'PH-1', takenAt: openedAt },
    ...over,
  },
});
const act = (events: CaseEvent[], actor: typeof farWorker, action: string, payload: unknown = {}, when = at) => [
  ...events,
  ...decideAction(temporaryIdCard, state(events), action, payload, { actor, at: when, ...testEnv }),
];
const ready = () => checked(lodged(), facts());
const issued = () => act(ready(), farWorker, 'approve');
const handedOut = () => act(issued(), farWorker, 'hand-over');
const cardHandedOver = () => [
  ...handedOut(),
  ...decideParentEvent(temporaryIdCard, state(handedOut()), { parentCaseId: PARENT_ID, type: 'CardDelivered', at }, at, testEnv),
];

describe('temporary ID card: lodging linked to its card case', () => {
  it('given no parentCaseId, when lodged, then it is refused, naming the card case to give', () => {
    const { parentCaseId: _none, ...alone } = input();
    expect(parentLinkProblem(temporaryIdCard, alone, null)).toBe(
      "a temporary-id-card case is lodged linked to its first-id-card or id-card-replacement case: give that case's id in parentCaseId",
    );
  });

  it('given a parentCaseId the caller cannot see or that names nothing, then the answer is the same and names no person', () => {
    expect(parentLinkProblem(temporaryIdCard, input(), null)).toBe(
      `parentCaseId names no case you may see (${PARENT_ID}): give the id of the first-id-card or id-card-replacement case it belongs to`,
    );
  });

  it('given an open, signed-off card case, when lodged where that case was, then the link holds', () => {
    expect(parentLinkProblem(temporaryIdCard, input(), cardCase())).toBeNull();
  });

  it('given a closed card case, when lodged, then it is refused: a temporary card is for a pending application', () => {
    const withdrawn = fold(idCardReplacement, [{ type: 'CaseWithdrawn', data: { reason: 'found the card' }, at }], cardCase()) as CaseState;
    expect(parentLinkProblem(temporaryIdCard, input(), withdrawn)).toBe(
      'the id-card-replacement case named in parentCaseId is closed (withdrawn): a temporary-id-card case is lodged while its first-id-card or id-card-replacement case is open',
    );
  });

  it('given a card case about another person, when lodged, then it is refused', () => {
    expect(parentLinkProblem(temporaryIdCard, input(), cardCase({ idNumber: '440106198805051238', birthDate: '1988-05-05' }))).toMatch(/about another person/);
  });

  it('given a cross-province card case not signed off yet, when lodged in the other province, then it is refused until it is', () => {
    expect(parentLinkProblem(temporaryIdCard, input(), cardCase({ signedOff: false }))).toBe(
      `in another province a temporary card is lodged only after the hukou-place office ${HUKOU} signed off the card case: ask again once it has`,
    );
  });

  it('given a cross-province card case, when lodged at another office of that province, then it is refused, naming the office', () => {
    expect(parentLinkProblem(temporaryIdCard, input({ receivingOffice: '310104' }), cardCase())).toMatch(
      /lodged at office 310101, which received the card case/,
    );
  });

  it("given a hukou office other than the card case's, when lodged, then it is refused", () => {
    expect(parentLinkProblem(temporaryIdCard, input({ details: { hukouOffice: NEAR } }), cardCase())).toMatch(
      /must be the card case's hukou-place office 440106/,
    );
  });

  it('given a lodging in the hukou province at another office than the hukou office, then it is refused (Order 78 art 9)', () => {
    expect(() => lodged({ channel: 'window', receivingOffice: NEAR }, nearWorker)).toThrow(/lodged at the hukou-place office 440106/);
  });

  it('given a child under 16, when lodged without a guardian, then it is refused; with one, it is lodged', () => {
    const child = { applicant: { name: '陈小', idNumber: CHILD_ID }, channel: 'window' as const, receivingOffice: HUKOU };
    expect(() => lodged(child, hukouWorker)).toThrow(/under 16 a temporary ID card is applied for by a guardian/);
    const guardian = { role: 'guardian' as const, name: '陈静', idNumber: ID };
    expect(state(lodged({ ...child, representative: guardian }, hukouWorker)).representative).toMatchObject({ role: 'guardian' });
    // An adult is not lodged for by a guardian.
    expect(() => checkNewOpening(temporaryIdCard, input({ representative: { role: 'guardian', name: '陈父', idNumber: CHILD_ID } }), at)).toThrow(
      /only for a child under 16/,
    );
  });

  it('given a lodging, then it is accepted at once, the card case is checked, and 3 calendar days run from the request', () => {
    const s = state(lodged());
    expect(s.status).toBe('accepted');
    expect(s.parentCaseId).toBe(PARENT_ID);
    expect(s.handlingOffice).toBe(FAR);
    expect(s.crossProvince).toBe(true);
    // Day 3 is Saturday 28 Nov: the deadline ends on Monday 30 Nov (民法典 art 203).
    expect(s.clocks['temporary-id-card-issue']).toMatchObject({ state: 'on-track', deadline: '2026-11-30T15:59:59.999Z' });
    expect(pendingTasks(temporaryIdCard, s).map((t) => t.key)).toEqual(['card-case']);
  });

  it('given a lodging at the hukou office, then the hukou office decides', () => {
    const s = state(lodged({ channel: 'window', receivingOffice: HUKOU }, hukouWorker));
    expect(s.handlingOffice).toBe(HUKOU);
    expect(s.crossProvince).toBe(false);
  });
});

describe('temporary ID card: the card case check and the decision', () => {
  it('given the check, when recorded, then ParentCardCaseChecked holds the photo and sign-off, and the task is done', () => {
    const events = ready();
    expect(events.at(-1)).toMatchObject({
      type: 'ParentCardCaseChecked',
      data: { parentCaseId: PARENT_ID, found: true, signedOff: true, photo: { photoId: 'PH-1' } },
    });
    expect(pendingTasks(temporaryIdCard, state(events))).toEqual([]);
  });

  it('given no check yet, when approved, then it is refused (409)', () => {
    given(temporaryIdCard, lodged())
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /not been checked yet/);
  });

  it('given a card case with no photo yet, when approved, then it is refused; when the card case captures one, it is checked again', () => {
    const noPhoto = checked(lodged(), facts({ photo: null }));
    given(temporaryIdCard, noPhoto)
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /no photo yet/);
    const changed = decideParentEvent(temporaryIdCard, state(noPhoto), { parentCaseId: PARENT_ID, type: 'PhotoCaptured', at }, at, testEnv);
    expect(changed).toEqual([{ type: 'ParentCardCaseChanged', data: { parentCaseId: PARENT_ID, parentEvent: 'PhotoCaptured' }, at }]);
    expect(pendingTasks(temporaryIdCard, state([...noPhoto, ...changed])).map((t) => t.key)).toEqual(['card-case']);
  });

  it('given a usable check, when the card case records something, then nothing is checked again', () => {
    expect(decideParentEvent(temporaryIdCard, state(ready()), { parentCaseId: PARENT_ID, type: 'PhotoCaptured', at }, at, testEnv)).toEqual([]);
  });

  it('given a closed card case at the check, when approved, then it is refused: it can only be refused', () => {
    given(temporaryIdCard, checked(lodged(), facts({ open: false })))
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /card case is closed/);
  });

  it('given a cross-province card case not signed off at the check, when approved, then it is refused', () => {
    given(temporaryIdCard, checked(lodged(), facts({ signedOff: false })))
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /not signed off/);
  });

  it('given a card case that could not be read, when approved, then it is refused, saying why', () => {
    given(temporaryIdCard, checked(lodged(), { ok: false, error: 'checkCardCase failed: timeout' }))
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /could not be read \(checkCardCase failed: timeout\)/);
  });

  it('given another office, when it approves, then it is refused (403)', () => {
    given(temporaryIdCard, ready()).when(hukouWorker, 'approve', {}).thenFails('forbidden');
  });

  it('given a checked case, when approved, then the card is issued with the card case photo, valid 3 months, 10 CNY, and the clock stops', () => {
    const events = given(temporaryIdCard, ready())
      .when(farWorker, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        {
          type: 'TemporaryIdIssued',
          data: { kind: 'temporary-id-card', number: 'LS440106202611250F8FAD5B', validFrom: '2026-11-25', validUntil: '2027-02-24', photoId: 'PH-1' },
        },
        { type: 'FeeAssessed', data: { item: 'temporary', amountCny: 10, waived: false, basis: '发改价格〔2003〕2322号' } },
      ]);
    // Verifiable like every document (GET /verify), issued in the name of the hukou-place police (Order 78 art 10).
    expect(events[1].documents).toEqual([
      expect.objectContaining({ number: 'LS440106202611250F8FAD5B', kind: 'temporary-id-card', issuingOffice: HUKOU, validUntil: '2027-02-24' }),
    ]);
    const s = state([...ready(), ...events]);
    expect(s.clocks['temporary-id-card-issue'].state).toBe('stopped');
    expect(s.documents.map((d) => d.number)).toEqual(['LS440106202611250F8FAD5B']);
    expect(waitingOn(temporaryIdCard, s)).toBe(FAR);
  });

  it('given a checked case, when refused, then it closes with the reason and its basis', () => {
    given(temporaryIdCard, ready())
      .when(farWorker, 'refuse', { reason: 'the card case is about to be refused', legalBasis: '临时居民身份证管理办法 第二条' })
      .then([{ type: 'CaseRefused', data: { reason: 'the card case is about to be refused', legalBasis: '临时居民身份证管理办法 第二条' } }]);
  });
});

describe('temporary ID card: hand-over and return', () => {
  it('given an issued card, when another office hands it over, then it is refused (403); before approval it is 409', () => {
    given(temporaryIdCard, issued()).when(hukouWorker, 'hand-over', {}).thenFails('forbidden');
    given(temporaryIdCard, ready()).when(farWorker, 'hand-over', {}).thenFails('conflict');
  });

  it('given an issued card, when handed over where it was lodged, then the case completes and is kept until the card comes back', () => {
    given(temporaryIdCard, issued())
      .when(farWorker, 'hand-over', {})
      .then([{ type: 'TemporaryIdDelivered', data: { office: FAR, number: 'LS440106202611250F8FAD5B' } }, { type: 'CaseCompleted' }]);
    const s = state(handedOut());
    expect(s.status).toBe('completed');
    expect(temporaryIdCard.keptAfterClose!(s)).toBe(true);
  });

  it('given a card handed out, when the return is recorded before the card case hands the card over, then it is refused (Order 78 art 13)', () => {
    given(temporaryIdCard, handedOut())
      .when(farWorker, 'record-return', { returned: true })
      .thenFails('conflict', /art 13/);
  });

  it("given the card case's hand-over, when it is signalled, then CardCaseDelivered is recorded once, on the closed but kept case", () => {
    const events = cardHandedOver();
    expect(events.at(-1)).toMatchObject({ type: 'CardCaseDelivered', data: { parentCaseId: PARENT_ID } });
    expect(decideParentEvent(temporaryIdCard, state(events), { parentCaseId: PARENT_ID, type: 'CardDelivered', at }, at, testEnv)).toEqual([]);
    // Only from its own card case.
    expect(decideParentEvent(temporaryIdCard, state(handedOut()), { parentCaseId: CASE_ID, type: 'CardDelivered', at }, at, testEnv)).toEqual([]);
    expect(waitingOn(temporaryIdCard, state(events))).toBe(FAR);
  });

  it('given the card collected, when the temporary card is handed back, then TemporaryIdReturned and the case is let go', () => {
    const events = given(temporaryIdCard, cardHandedOver())
      .when(farWorker, 'record-return', { returned: true })
      .then([{ type: 'TemporaryIdReturned', data: { number: 'LS440106202611250F8FAD5B', office: FAR } }]);
    expect(temporaryIdCard.keptAfterClose!(state([...cardHandedOver(), ...events]))).toBe(false);
    given(temporaryIdCard, [...cardHandedOver(), ...events])
      .when(farWorker, 'record-return', { returned: true })
      .thenFails('conflict', /already recorded/);
  });

  it('given the card collected, when the temporary card is not handed back, then the reason is required and recorded (inferred)', () => {
    given(temporaryIdCard, cardHandedOver()).when(farWorker, 'record-return', { returned: false }).thenFails('invalid');
    given(temporaryIdCard, cardHandedOver())
      .when(hukouWorker, 'record-return', { returned: false, reason: 'lost by the holder' })
      .then([{ type: 'TemporaryIdNotReturned', data: { reason: 'lost by the holder', office: HUKOU } }]);
    given(temporaryIdCard, cardHandedOver()).when(nearWorker, 'record-return', { returned: true }).thenFails('forbidden');
  });

  it('given a card never handed back, when its validity ends, then TemporaryIdNotReturned is recorded and the case let go', () => {
    const s = state(handedOut());
    expect(nextWakeUp(temporaryIdCard, s)).toBe('2027-02-24T16:00:00.000Z'); // 25 Feb 2027, 00:00 in Shanghai
    const events = decideTimers(temporaryIdCard, s, '2027-02-24T16:00:00.000Z', testEnv);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'TemporaryIdNotReturned',
        data: { number: 'LS440106202611250F8FAD5B', reason: 'expired on 2027-02-24 before it was handed back' },
      }),
    ]);
    expect(temporaryIdCard.keptAfterClose!(state([...handedOut(), ...events]))).toBe(false);
  });
});

describe('temporary ID card: its card case closed without a card (Order 78 art 2)', () => {
  const told = (events: CaseEvent[], type: string) => decideParentEvent(temporaryIdCard, state(events), { parentCaseId: PARENT_ID, type, at }, at, testEnv);

  it.each([
    ['CaseWithdrawn', 'withdrawn'],
    ['CaseRefused', 'refused'],
    ['AcceptanceRefused', 'not-accepted'],
    ['DecisionRevoked', 'revoked'],
  ])('given a card not yet issued, when the card case records %s, then the case is refused: its prerequisite lapsed', (type, outcome) => {
    const events = told(ready(), type);
    expect(events).toEqual([
      expect.objectContaining({ type: 'CardCaseClosed', data: { parentCaseId: PARENT_ID, parentEvent: type, outcome, temporaryCard: 'not-issued' } }),
      expect.objectContaining({
        type: 'CaseRefused',
        data: {
          reason: `the card case ${PARENT_ID} was ${outcome}: a temporary ID card is issued only while a card application is pending (MPS Order 78 art 2)`,
          legalBasis: '临时居民身份证管理办法 第二条',
          final: false,
          appealable: true,
        },
      }),
    ]);
    const closed = state([...ready(), ...events]);
    expect(closed).toMatchObject({ status: 'refused', progress: { cardCaseClosed: { outcome } } });
    expect(closed.clocks['temporary-id-card-issue'].state).toBe('stopped');
    // Closed and not kept: it hears nothing more.
    expect(told([...ready(), ...events], 'CaseWithdrawn')).toEqual([]);
  });

  it('given a card issued and handed out, when the card case is withdrawn, then it stays valid, is to be handed back and still expires', () => {
    const events = [...handedOut(), ...told(handedOut(), 'CaseWithdrawn')];
    expect(events.at(-1)).toMatchObject({ type: 'CardCaseClosed', data: { outcome: 'withdrawn', temporaryCard: 'to-be-returned' } });
    const s = state(events);
    expect(s.status).toBe('completed');
    expect(s.documents.find((d) => d.kind === 'temporary-id-card')?.revoked).toBeUndefined();
    expect(waitingOn(temporaryIdCard, s)).toBe(FAR);
    expect(temporaryIdCard.keptAfterClose!(s)).toBe(true);
    expect(nextWakeUp(temporaryIdCard, s)).toBe('2027-02-24T16:00:00.000Z'); // its 3 months (Order 78 art 7)
    // Told once.
    expect(told(events, 'CaseRefused')).toEqual([]);
    given(temporaryIdCard, events)
      .when(farWorker, 'record-return', { returned: true })
      .then([{ type: 'TemporaryIdReturned', data: { number: 'LS440106202611250F8FAD5B', office: FAR } }]);
  });

  it('given a card issued but not yet handed out, when the card case is refused, then it may still be handed out, then handed back', () => {
    const events = [...issued(), ...told(issued(), 'CaseRefused')];
    expect(state(events).status).toBe('approved');
    const out = act(events, farWorker, 'hand-over');
    given(temporaryIdCard, out)
      .when(farWorker, 'record-return', { returned: true })
      .then([{ type: 'TemporaryIdReturned' }]);
  });

  it('given the card already collected, when the card case is then revoked, then nothing more is recorded', () => {
    expect(told(cardHandedOver(), 'DecisionRevoked')).toEqual([]);
  });
});

describe('temporary ID card: the card delivered by its card case before it was issued (Order 78 art 2)', () => {
  const cardDelivered = (events: CaseEvent[], patched?: (id: string) => boolean) =>
    decideParentEvent(temporaryIdCard, state(events), { parentCaseId: PARENT_ID, type: 'CardDelivered', at }, at, { ...testEnv, patched });
  const refusal = {
    type: 'CaseRefused',
    data: {
      reason: `the card of the card case ${PARENT_ID} has been delivered: a temporary ID card is issued only while a card application is pending (MPS Order 78 art 2)`,
      legalBasis: '临时居民身份证管理办法 第二条',
      final: false,
      appealable: true,
    },
    at,
  };

  it('given a checked card not yet issued, when the card case delivers the card, then the case is refused: nothing is pending any more', () => {
    const events = cardDelivered(ready());
    expect(events).toEqual([expect.objectContaining({ type: 'CardCaseDelivered', data: { parentCaseId: PARENT_ID } }), expect.objectContaining(refusal)]);
    const closed = state([...ready(), ...events]);
    expect(closed).toMatchObject({ status: 'refused', progress: { cardDeliveredAt: at } });
    expect(closed.clocks['temporary-id-card-issue'].state).toBe('stopped');
    expect(closed.documents).toEqual([]);
    // Closed and not kept (nothing was issued): it hears nothing more, and waits on nobody.
    expect(temporaryIdCard.keptAfterClose!(closed)).toBe(false);
    expect(cardDelivered([...ready(), ...events])).toEqual([]);
    expect(waitingOn(temporaryIdCard, closed)).toBeNull();
  });

  it('given a card case that completed before it recorded the link, when it tells the late card of its CardDelivered, then the case is refused, not left to a caseworker', () => {
    // The check read the card case already closed: approval was refused (409) and the case waited for a caseworker.
    const seenClosed = checked(lodged(), facts({ open: false }));
    given(temporaryIdCard, seenClosed)
      .when(farWorker, 'approve', {})
      .thenFails('conflict', /only be refused/);
    const events = cardDelivered(seenClosed);
    expect(events.map((e) => e.type)).toEqual(['CardCaseDelivered', 'CaseRefused']);
    expect(state([...seenClosed, ...events]).status).toBe('refused');
    // Told before its check answered: refused all the same, and the check is no longer due.
    const unchecked = [...lodged(), ...cardDelivered(lodged())];
    expect(state(unchecked).status).toBe('refused');
    expect(pendingTasks(temporaryIdCard, state(unchecked))).toEqual([]);
  });

  it('given a temporary card told before the change (replaying, patched answers false), then only CardCaseDelivered is recorded, as then', () => {
    const asked: string[] = [];
    const events = cardDelivered(ready(), (id) => (asked.push(id), false));
    expect(events.map((e) => e.type)).toEqual(['CardCaseDelivered']);
    expect(asked).toEqual([CARD_COLLECTED_CHANGE]);
    expect(state([...ready(), ...events]).status).toBe('accepted');
  });

  it('given a card issued but not yet handed out, when the card case delivers the card, then it is only recorded: handed out, then handed back', () => {
    const asked: string[] = [];
    const events = [...issued(), ...cardDelivered(issued(), (id) => (asked.push(id), true))];
    expect(events.slice(issued().length).map((e) => e.type)).toEqual(['CardCaseDelivered']);
    expect(asked).toEqual([]); // nothing changed for an issued card: the change is not asked for
    expect(state(events).status).toBe('approved');
    given(temporaryIdCard, act(events, farWorker, 'hand-over'))
      .when(farWorker, 'record-return', { returned: true })
      .then([{ type: 'TemporaryIdReturned' }]);
  });
});
