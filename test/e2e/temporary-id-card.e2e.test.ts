import { eventually, startTestSystem, type TestSystem } from '../support/system';

/**
 * A temporary ID card over HTTP (docs/domain.md §7.3), cross-province: a first ID card lodged in Shanghai for a
 * Guangzhou hukou; once Guangzhou has decided it, the temporary card is lodged in Shanghai as its child, issued with its
 * photo, verified by anyone holding it, and handed back when the card is collected.
 */
describe('temporary ID card end to end (embedded profile)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite', { CARD_PRODUCTION_LATENCY_MS: '50' });
  });
  afterAll(() => sys?.stop());

  const SHANGHAI = '310101';
  const GUANGZHOU = '440106';
  const applicant = { name: '王小明', idNumber: '440106200802031231', birthDate: '2008-02-03' };
  const cardBody = (details: Record<string, unknown> = {}) => ({
    type: 'first-id-card',
    channel: 'cross-province',
    receivingOffice: SHANGHAI,
    applicant,
    materials: ['hukou booklet'],
    details: { hukouOffice: GUANGZHOU, residenceOffice: SHANGHAI, delivery: 'pickup', ...details },
  });
  const temporaryBody = (parentCaseId?: string, receivingOffice = SHANGHAI) => ({
    type: 'temporary-id-card',
    channel: 'cross-province',
    receivingOffice,
    applicant: { name: applicant.name, idNumber: applicant.idNumber },
    materials: ['application form'],
    ...(parentCaseId ? { parentCaseId } : {}),
    details: { hukouOffice: GUANGZHOU },
  });
  const open = (token: string, body: unknown) => sys.request('POST', '/cases', { token, body });
  const act = async (caseId: string, token: string, action: string, body: unknown = {}, expected = 200) => {
    const r = await sys.request('POST', `/cases/${caseId}/actions/${action}`, { token, body });
    expect({ action, status: r.status, detail: r.body.detail }).toMatchObject({ action, status: expected });
    return r.body;
  };
  const view = async (caseId: string, token: string) => (await sys.request('GET', `/cases/${caseId}`, { token })).body;
  const historyTypes = async (caseId: string): Promise<string[]> =>
    (await sys.request('GET', `/cases/${caseId}/history`, { token: await sys.token('supervisor', '000000') })).body.events.map((e: { type: string }) => e.type);
  const count = async (token: string) => (await sys.request('GET', '/cases', { token })).body.items.length;

  it('cross-province: refused before Guangzhou decided the card case, lodged in Shanghai after, issued, verified, handed out and back', async () => {
    const residence = await sys.token('caseworker', SHANGHAI);
    const hukou = await sys.token('caseworker', GUANGZHOU);

    // 7.9.5: the first card no longer takes the temporary-card add-on; the answer names the type to use.
    const addOn = await open(residence, cardBody({ wantsTemporaryId: true }));
    expect(addOn.status).toBe(422);
    expect(addOn.body.detail).toMatch(/type temporary-id-card, with parentCaseId of this case/);

    const card = await open(residence, cardBody());
    expect(card.status).toBe(201);
    const cardId = card.body.caseId as string;
    await eventually(async () => (await historyTypes(cardId)).includes('PhotoLookedUp'));
    await act(cardId, residence, 'capture-biometrics', { photo: 'new' });
    await act(cardId, residence, 'accept');

    // Not yet signed off by the hukou-place office: refused with what to do, nothing opened.
    await sys.caughtUp();
    const before = await count(residence);
    const early = await open(residence, temporaryBody(cardId));
    expect(early.status).toBe(422);
    expect(early.body.detail).toBe(
      `in another province a temporary card is lodged only after the hukou-place office ${GUANGZHOU} signed off the card case: ask again once it has`,
    );
    await sys.caughtUp();
    expect(await count(residence)).toBe(before);

    await act(cardId, hukou, 'approve');
    const lodged = await open(residence, temporaryBody(cardId));
    expect({ status: lodged.status, detail: lodged.body.detail }).toEqual({ status: 201, detail: undefined });
    const tempId = lodged.body.caseId as string;
    expect(lodged.body).toMatchObject({ status: 'accepted', parentCaseId: cardId, crossProvince: true, handlingOffice: SHANGHAI });
    await eventually(async () => (await view(cardId, residence)).childCases?.some((c: { caseId: string }) => c.caseId === tempId));
    await eventually(async () => (await historyTypes(tempId)).includes('ParentCardCaseChecked'));

    const approved = await act(tempId, residence, 'approve');
    const temporary = approved.documents.find((d: { kind: string }) => d.kind === 'temporary-id-card');
    expect(temporary.number).toMatch(/^LS440106\d{8}[0-9A-F]{8}$/);
    const verified = await eventually(async () => {
      const r = await sys.request('GET', `/verify/${temporary.number}?code=${temporary.verificationCode}`);
      return r.body.status === 'valid' ? r : null;
    });
    expect(verified.body).toMatchObject({ kind: 'temporary-id-card', issuingOffice: GUANGZHOU });
    expect(JSON.stringify(verified.body)).not.toContain(applicant.idNumber);

    // Handed out where it was lodged: the Guangzhou office may not, Shanghai does.
    await act(tempId, hukou, 'hand-over', {}, 403);
    expect((await act(tempId, residence, 'hand-over')).status).toBe('completed');
    // Handed back only when the card is collected (Order 78 art 13).
    await act(tempId, residence, 'record-return', { returned: true }, 409);

    await eventually(async () => (await view(cardId, residence)).documents.some((d: { kind: string }) => d.kind === 'resident-id-card'), 30_000);
    await act(cardId, residence, 'hand-over');
    await eventually(async () => (await historyTypes(tempId)).includes('CardCaseDelivered'));
    await act(tempId, residence, 'record-return', { returned: true });
    const types = await historyTypes(tempId);
    expect(types).toEqual([
      'CaseOpened',
      'CaseAccepted',
      'ParentCardCaseChecked',
      'CaseApproved',
      'TemporaryIdIssued',
      'FeeAssessed',
      'TemporaryIdDelivered',
      'CaseCompleted',
      'CardCaseDelivered',
      'TemporaryIdReturned',
    ]);
  });

  it('the card case withdrawn: the temporary card not yet issued is refused, its prerequisite lapsed (Order 78 art 2)', async () => {
    const hukou = await sys.token('caseworker', GUANGZHOU);
    const atHukouPlace = { channel: 'window', receivingOffice: GUANGZHOU, details: { hukouOffice: GUANGZHOU, residenceOffice: GUANGZHOU, delivery: 'pickup' } };
    const card = await open(hukou, { ...cardBody(), ...atHukouPlace });
    expect(card.status).toBe(201);
    const cardId = card.body.caseId as string;
    const lodged = await open(hukou, { ...temporaryBody(cardId, GUANGZHOU), channel: 'window' });
    expect({ status: lodged.status, detail: lodged.body.detail }).toEqual({ status: 201, detail: undefined });
    const tempId = lodged.body.caseId as string;
    await eventually(async () => (await view(cardId, hukou)).childCases?.some((c: { caseId: string }) => c.caseId === tempId));

    await act(cardId, hukou, 'withdraw', { reason: 'applies later' });
    const refused = await eventually(async () => {
      const v = await view(tempId, hukou);
      return v.status === 'refused' ? v : null;
    });
    expect(refused).toMatchObject({ status: 'refused', allowedActions: [] });
    expect((await historyTypes(tempId)).slice(-2)).toEqual(['CardCaseClosed', 'CaseRefused']);
    await act(tempId, hukou, 'approve', {}, 409);
  });

  it('lodged while the card case is withdrawn, both at once: refused (422) or linked, told and refused, whichever comes first', async () => {
    const hukou = await sys.token('caseworker', GUANGZHOU);
    const atHukouPlace = { channel: 'window', receivingOffice: GUANGZHOU, details: { hukouOffice: GUANGZHOU, residenceOffice: GUANGZHOU, delivery: 'pickup' } };
    const outcomes: string[] = [];
    const refusedAtLodging: { detail: string; childCases: unknown }[] = [];
    for (const delayMs of [0, 20, 40, 80, 120]) {
      const card = await open(hukou, { ...cardBody(), ...atHukouPlace });
      expect(card.status).toBe(201);
      const cardId = card.body.caseId as string;
      const withdrawal = new Promise((r) => setTimeout(r, delayMs)).then(() => act(cardId, hukou, 'withdraw', { reason: 'applies later' }));
      const [lodged] = await Promise.all([open(hukou, { ...temporaryBody(cardId, GUANGZHOU), channel: 'window' }), withdrawal]);
      if (lodged.status === 422) {
        refusedAtLodging.push({ detail: lodged.body.detail, childCases: (await view(cardId, hukou)).childCases });
        continue;
      }
      expect({ status: lodged.status, detail: lodged.body.detail }).toEqual({ status: 201, detail: undefined });
      const tempId = lodged.body.caseId as string;
      // Whether the card case closed before or after it recorded the link, the temporary card hears of the withdrawal.
      const refused = await eventually(async () => {
        const v = await view(tempId, hukou);
        return v.status === 'refused' ? v : null;
      });
      expect(refused).toMatchObject({ allowedActions: [] });
      expect((await historyTypes(tempId)).slice(-2)).toEqual(['CardCaseClosed', 'CaseRefused']);
      await act(tempId, hukou, 'approve', {}, 409);
      const linked = await eventually(async () => {
        const v = await view(cardId, hukou);
        return v.childCases?.length ? v : null;
      });
      expect(linked).toMatchObject({ status: 'withdrawn', childCases: [{ caseId: tempId, type: 'temporary-id-card' }] });
      const cardTypes = await historyTypes(cardId);
      outcomes.push(cardTypes.indexOf('ChildCaseLinked') < cardTypes.indexOf('CaseWithdrawn') ? 'linked, then withdrawn' : 'withdrawn, then linked');
    }
    // The withdrawal came first at the boundary: nothing opened, the card case lists no child.
    const closedFirst = { detail: expect.stringMatching(/^the first-id-card case named in parentCaseId is closed \(withdrawn\)/), childCases: undefined };
    expect(refusedAtLodging).toEqual(refusedAtLodging.map(() => closedFirst));
    // At least one lodging got through, or the race was never run.
    expect(outcomes.length).toBeGreaterThan(0);
  });

  it('without a card case, with one the caller may not see, or with a closed one: 422 with the reason, nothing opened', async () => {
    const residence = await sys.token('caseworker', SHANGHAI);
    // The list is a read model: counted once it holds every case lodged so far.
    await sys.caughtUp();
    const before = await count(residence);

    const alone = await open(residence, temporaryBody());
    expect(alone.status).toBe(422);
    expect(alone.body.detail).toBe(
      "a temporary-id-card case is lodged linked to its first-id-card or id-card-replacement case: give that case's id in parentCaseId",
    );

    // A card case of an office the caller has nothing to do with answers as one that does not exist.
    const nanjing = await sys.token('caseworker', '320102');
    const hidden = await open(nanjing, {
      ...cardBody(),
      channel: 'window',
      receivingOffice: '320102',
      details: { hukouOffice: '320102', residenceOffice: '320102', delivery: 'pickup' },
    });
    expect(hidden.status).toBe(201);
    const unseen = await open(residence, temporaryBody(hidden.body.caseId));
    const missing = await open(residence, temporaryBody('7c9e6679-7425-40de-944b-e07fc1f90ae7'));
    expect(unseen.status).toBe(422);
    expect(unseen.body.detail.replace(hidden.body.caseId, 'ID')).toBe(missing.body.detail.replace('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'ID'));

    const card = await open(residence, cardBody());
    await act(card.body.caseId, residence, 'withdraw', { reason: 'applies later' });
    const closed = await open(residence, temporaryBody(card.body.caseId));
    expect(closed.status).toBe(422);
    expect(closed.body.detail).toMatch(/^the first-id-card case named in parentCaseId is closed \(withdrawn\)/);
    await sys.caughtUp();
    expect(await count(residence)).toBe(before + 1); // only the withdrawn card case
  });
});
