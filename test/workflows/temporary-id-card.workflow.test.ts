import { randomUUID } from 'node:crypto';
import type { CaseActivities, TellCaseRequest } from '../../activities/types';
import type { CaseState } from '../../domain';
import { slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, GUANGZHOU_TIANHE, happyPaths, inputs, SHANGHAI_HUANGPU } from './scenarios';

const residence = caseworker(SHANGHAI_HUANGPU);
const hukou = caseworker(GUANGZHOU_TIANHE);
const ISSUE = 'temporary-id-card-issue';
const progress = (s: CaseState) => s.progress as { cardCase?: { photo: unknown }; returned?: { returned: boolean; reason?: string } };

/** A replacement lodged in Shanghai for a Guangzhou hukou, accepted and signed off; its photo captured or not yet. */
async function cardCase(h: WorkflowHarness, { photo = true } = {}): Promise<string> {
  const { caseId } = await h.open(inputs.idCardReplacement(), residence);
  await h.waitFor(caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, { what: 'the photo lookup' });
  if (photo) await h.act(caseId, 'capture-biometrics', { photo: 'new' }, residence);
  await h.act(caseId, 'accept', {}, residence);
  await h.act(caseId, 'sign-off', {}, hukou);
  return caseId;
}

/** The card case approved, its card produced and handed over: it completes. */
async function deliverCardOf(h: WorkflowHarness, parentCaseId: string): Promise<CaseState> {
  await h.act(parentCaseId, 'approve', {}, residence);
  await h.waitFor(parentCaseId, (s) => (s.progress as { card?: unknown }).card !== undefined, { what: 'the produced card' });
  return h.act(parentCaseId, 'hand-over', {}, residence);
}

/** Something a test waits for, once. */
function signal(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The link of one child, held on its way to a card case whose run has ended (the tellCase activity) until the test lets
 * it go; and the child's check of its card case, reported once it has read it. Every other message passes at once.
 */
class LinkHold {
  private held?: { child: string; release: ReturnType<typeof signal>; reached: ReturnType<typeof signal> };
  private checks = new Map<string, ReturnType<typeof signal>>();

  /** Holds the link of `child` until `release()`; `reached` once the child sent it. */
  hold(child: string) {
    this.held = { child, release: signal(), reached: signal() };
    this.checks.set(child, signal());
    return { reached: this.held.reached.promise, checked: this.checks.get(child)!.promise, release: () => this.held!.release.resolve() };
  }

  wrap = (own: Pick<CaseActivities, 'tellCase' | 'checkCardCase'>) => ({
    tellCase: async (request: TellCaseRequest) => {
      const held = this.held;
      if (held && request.message.signal === 'childCaseLinked' && request.message.child.caseId === held.child) {
        held.reached.resolve();
        await held.release.promise;
      }
      return own.tellCase(request);
    },
    checkCardCase: async (input: { caseId: string; parentCaseId: string }) => {
      const facts = await own.checkCardCase(input);
      this.checks.get(input.caseId)?.resolve();
      return facts;
    },
  });
}

/**
 * Temporary ID card (docs/domain.md §7.3) on the real Temporal dev server: the first type lodged as the child of another
 * case. The card case records the link, tells the temporary card of its photo and of the card's hand-over, of its close
 * also when it closed first or either case's run has ended, and of what it recorded between the temporary card's
 * lodging and the link.
 */
describe('temporary-id-card workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  const links = new LinkHold();
  beforeAll(async () => {
    h = await startWorkflowHarness({ cardProductionMs: 50, activities: links.wrap });
  }, 120_000);
  afterAll(() => h?.stop());
  const deliverCard = (parentCaseId: string) => deliverCardOf(h, parentCaseId);

  it('cross-province: linked to a signed-off replacement, issued with its photo in Shanghai, handed back when the card is collected', async () => {
    const done = await happyPaths['temporary-id-card'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: true, handlingOffice: SHANGHAI_HUANGPU });
    expect(progress(done).returned).toEqual(expect.objectContaining({ returned: true }));
    const types = (await h.stream(done.caseId)).map((e) => e.type);
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
    const card = (await h.state(done.parentCaseId!))!;
    expect(card.childCases).toEqual([expect.objectContaining({ caseId: done.caseId, type: 'temporary-id-card' })]);
    // The photo is the card case's (一照通用, Order 78 art 11).
    const cardPhoto = (card.progress as { photo: { photoId: string } }).photo.photoId;
    const issued = (await h.stream(done.caseId)).find((e) => e.type === 'TemporaryIdIssued')!;
    expect(issued.data).toMatchObject({ kind: 'temporary-id-card', photoId: cardPhoto });
    expect(issued.metadata.documents).toEqual([expect.objectContaining({ kind: 'temporary-id-card', issuingOffice: GUANGZHOU_TIANHE })]);
    expect(done.clocks[ISSUE].state).toBe('stopped');
    // Returned: the kept case is let go and its run ends.
    await expect(h.result(done.caseId)).resolves.toMatchObject({ status: 'completed' });
    await expectStreamIntact(h, done.caseId);
  });

  it('the 3 calendar days pass while the card case has no photo (x400000); its photo, once captured, re-checks it', async () => {
    const parentCaseId = await cardCase(h, { photo: false });
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence, { timeScale: 400_000 });
    await h.waitFor(parentCaseId, (s) => (s.childCases ?? []).length === 1, { what: 'the link on the card case' });
    const stream = await h.waitForStream(caseId, (events) => slaEventsOf(events, ISSUE).length >= 2, { timeoutMs: 30_000, what: 'two SLA events' });
    expect(slaEventsOf(stream, ISSUE).slice(0, 2)).toEqual(['SlaGoalMissed', 'SlaDeadlinePassed']);
    const passed = stream.find((e) => e.type === 'SlaDeadlinePassed')!;
    const days = (Date.parse((passed.data as { dueAt: string }).dueAt) - Date.parse(stream[0].metadata.at)) / 86_400_000;
    expect(days).toBeGreaterThan(2);
    expect(days).toBeLessThanOrEqual(10); // a holiday at the end rolls forward (民法典 art 203)
    expect(progress((await h.state(caseId))!).cardCase?.photo).toBeNull();
    expect((await h.refused(caseId, 'approve', {}, residence)).message).toMatch(/no photo yet/);

    await h.act(parentCaseId, 'capture-biometrics', { photo: 'new' }, residence);
    const checked = await h.waitFor(caseId, (s) => !!progress(s).cardCase?.photo, { what: 'the card case checked again' });
    expect((await h.stream(caseId)).map((e) => e.type)).toContain('ParentCardCaseChanged');
    expect(checked.status).toBe('accepted');
    await expect(h.act(caseId, 'approve', {}, residence)).resolves.toMatchObject({ status: 'approved' });
  });

  it('the card case withdrawn before the temporary card is issued: it is told and refused, its prerequisite lapsed (Order 78 art 2)', async () => {
    const parentCaseId = await cardCase(h);
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence);
    await h.waitFor(parentCaseId, (s) => (s.childCases ?? []).length === 1, { what: 'the link on the card case' });
    await h.act(parentCaseId, 'withdraw', { reason: 'found the old card' }, residence);
    const refused = await h.result(caseId);
    expect(refused).toMatchObject({ status: 'refused', progress: { cardCaseClosed: { outcome: 'withdrawn' } } });
    const stream = await h.stream(caseId);
    expect(stream.map((e) => e.type).slice(-2)).toEqual(['CardCaseClosed', 'CaseRefused']);
    expect(stream.at(-1)!.data).toMatchObject({ legalBasis: '临时居民身份证管理办法 第二条', appealable: true });
    expect(refused.clocks[ISSUE].state).toBe('stopped');
    await expectStreamIntact(h, caseId);
  });

  it('the card case withdrawn and its run ended before the link: started again from its stream, it records the link and tells the temporary card', async () => {
    const parentCaseId = await cardCase(h);
    const withdrawn = await h.act(parentCaseId, 'withdraw', { reason: 'found the old card' }, residence);
    await h.result(parentCaseId); // its run has ended
    // The API refuses a card case already closed (422): this is a lodging that passed that check as the card case closed.
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence);
    const refused = await h.result(caseId);
    expect(refused).toMatchObject({ status: 'refused', progress: { cardCaseClosed: { outcome: 'withdrawn' } } });
    expect((await h.types(caseId)).slice(-2)).toEqual(['CardCaseClosed', 'CaseRefused']);
    // The closed card case lists it; the run that recorded the link has ended again.
    const card = await h.result(parentCaseId);
    expect(card).toMatchObject({ status: 'withdrawn', childCases: [{ caseId, type: 'temporary-id-card' }] });
    expect((await h.types(parentCaseId)).slice(withdrawn.version)).toEqual(['ChildCaseLinked']);
    await expectStreamIntact(h, parentCaseId);
    await expectStreamIntact(h, caseId);
  });

  it('lodged while the card case is withdrawn, both at once (x3): whichever comes first, the card case lists it once and it is refused', async () => {
    for (const delayMs of [0, 60, 120]) {
      const parentCaseId = await cardCase(h);
      const withdraw = new Promise((r) => setTimeout(r, delayMs)).then(() => h.act(parentCaseId, 'withdraw', { reason: 'found the old card' }, residence));
      const [{ caseId }] = await Promise.all([h.open(inputs.temporaryIdCard(parentCaseId), residence), withdraw]);
      await expect(h.result(caseId)).resolves.toMatchObject({ status: 'refused', progress: { cardCaseClosed: { outcome: 'withdrawn' } } });
      const card = await h.waitForStream(parentCaseId, (events) => events.some((e) => e.type === 'ChildCaseLinked'), { what: 'the link' });
      expect(card.filter((e) => e.type === 'ChildCaseLinked').map((e) => e.data)).toEqual([{ caseId, type: 'temporary-id-card' }]);
      expect(card.map((e) => e.type)).toContain('CaseWithdrawn');
      await expect(h.result(parentCaseId)).resolves.toMatchObject({ status: 'withdrawn', childCases: [{ caseId }] });
    }
  });

  it('runs ended while open (history no longer kept) are started again: the link reaches the card case, its withdrawal the temporary card', async () => {
    const parentCaseId = await cardCase(h);
    await h.client.workflow.getHandle(parentCaseId).terminate('history no longer kept');
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence);
    await h.waitFor(parentCaseId, (s) => (s.childCases ?? []).some((c) => c.caseId === caseId), { what: 'the link on the restored card case' });
    await h.waitFor(caseId, (s) => progress(s).cardCase !== undefined, { what: 'the card case check' });
    await h.client.workflow.getHandle(caseId).terminate('history no longer kept');

    await h.act(parentCaseId, 'withdraw', { reason: 'found the old card' }, residence);
    await expect(h.result(caseId)).resolves.toMatchObject({ status: 'refused', progress: { cardCaseClosed: { outcome: 'withdrawn' } } });
    expect((await h.types(caseId)).slice(-2)).toEqual(['CardCaseClosed', 'CaseRefused']);
    await expectStreamIntact(h, parentCaseId);
    await expectStreamIntact(h, caseId);
  });

  it('the card delivered by the card case before the temporary card is issued: it is told and refused, nothing pending (Order 78 art 2)', async () => {
    const parentCaseId = await cardCase(h);
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence);
    await h.waitFor(caseId, (s) => progress(s).cardCase !== undefined, { what: 'the card case check' });
    await deliverCard(parentCaseId);
    const refused = await h.result(caseId);
    expect(refused).toMatchObject({ status: 'refused', progress: { cardDeliveredAt: expect.any(String) } });
    expect(refused.documents).toEqual([]);
    const stream = await h.stream(caseId);
    expect(stream.map((e) => e.type).slice(-2)).toEqual(['CardCaseDelivered', 'CaseRefused']);
    expect(stream.at(-1)!.data).toMatchObject({ legalBasis: '临时居民身份证管理办法 第二条', appealable: true });
    expect(refused.clocks[ISSUE].state).toBe('stopped');
    await expectStreamIntact(h, caseId);
  });

  it('the card case completed, its run ended, before it recorded the link: started again, it tells the temporary card, which refuses itself', async () => {
    const parentCaseId = await cardCase(h);
    const seen = (await h.state(parentCaseId))!.version; // the boundary found it open
    const delivered = await deliverCard(parentCaseId);
    await h.result(parentCaseId); // its run has ended
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence, { parentVersion: seen });
    const refused = await h.result(caseId);
    expect(refused).toMatchObject({ status: 'refused', progress: { cardDeliveredAt: expect.any(String) } });
    expect((await h.types(caseId)).slice(-2)).toEqual(['CardCaseDelivered', 'CaseRefused']);
    // No caseworker needed: nothing is left to approve or refuse.
    expect((await h.refused(caseId, 'approve', {}, residence, 'conflict')).message).toMatch(/refused/);
    const card = await h.result(parentCaseId);
    expect(card).toMatchObject({ status: 'completed', childCases: [{ caseId, type: 'temporary-id-card' }] });
    expect((await h.types(parentCaseId)).slice(delivered.version)).toEqual(['ChildCaseLinked']);
    await expectStreamIntact(h, parentCaseId);
    await expectStreamIntact(h, caseId);
  });

  it('the card case records its photo after the lodging read it and before it records the link: it tells the temporary card, which is checked again', async () => {
    const parentCaseId = await cardCase(h, { photo: false });
    const seen = (await h.state(parentCaseId))!.version; // the boundary found it open, without a photo
    // Its run ended while open (history no longer kept): the link goes through the tellCase activity, held here.
    await h.client.workflow.getHandle(parentCaseId).terminate('history no longer kept');
    const caseId = randomUUID();
    const link = links.hold(caseId);
    const opening = h.open(inputs.temporaryIdCard(parentCaseId), residence, { caseId, parentVersion: seen });
    await Promise.all([link.reached, link.checked]); // the temporary card read its card case: no photo
    await h.act(parentCaseId, 'capture-biometrics', { photo: 'new' }, residence); // heard by no child yet
    link.release();
    await opening;
    await h.waitFor(parentCaseId, (s) => (s.childCases ?? []).some((c) => c.caseId === caseId), { what: 'the link on the card case' });
    const checked = await h.waitFor(caseId, (s) => !!progress(s).cardCase?.photo, { what: 'the card case checked again, with its photo' });
    const types = await h.types(caseId);
    expect(types.filter((t) => t === 'ParentCardCaseChecked')).toHaveLength(2);
    expect(types).toContain('ParentCardCaseChanged');
    expect(checked.status).toBe('accepted');
    await expect(h.act(caseId, 'approve', {}, residence)).resolves.toMatchObject({ status: 'approved' });
    // The card case recorded the photo before the link, and told it after.
    const card = await h.types(parentCaseId);
    expect(card.indexOf('PhotoCaptured')).toBeLessThan(card.indexOf('ChildCaseLinked'));
    await expectStreamIntact(h, parentCaseId);
    await expectStreamIntact(h, caseId);
  });

  it('the card case refused after the temporary card was handed out: it stays valid and is handed back', async () => {
    const parentCaseId = await cardCase(h);
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence);
    await h.waitFor(caseId, (s) => progress(s).cardCase !== undefined, { what: 'the card case check' });
    await h.act(caseId, 'approve', {}, residence);
    await h.act(caseId, 'hand-over', {}, residence);
    await h.act(parentCaseId, 'refuse', { reason: 'identity not established', legalBasis: '居民身份证法 第十一条' }, residence);
    const told = await h.waitFor(caseId, (s) => (s.progress as { cardCaseClosed?: unknown }).cardCaseClosed !== undefined, { what: 'CardCaseClosed' });
    expect(told.status).toBe('completed');
    await h.act(caseId, 'record-return', { returned: true }, residence);
    await expect(h.result(caseId)).resolves.toMatchObject({ status: 'completed', progress: { returned: { returned: true } } });
  });

  it('a temporary card never handed back: at the end of its 3 months it is recorded as not returned and the run ends (x4000000)', async () => {
    const parentCaseId = await cardCase(h);
    const { caseId } = await h.open(inputs.temporaryIdCard(parentCaseId), residence, { timeScale: 4_000_000 });
    await h.waitFor(caseId, (s) => progress(s).cardCase !== undefined, { what: 'the card case check' });
    await h.act(caseId, 'approve', {}, residence);
    await h.act(caseId, 'hand-over', {}, residence);
    const done = await h.result(caseId);
    expect(progress(done).returned).toMatchObject({
      returned: false,
      reason: expect.stringMatching(/^expired on \d{4}-\d{2}-\d{2} before it was handed back$/),
    });
    expect((await h.stream(caseId)).map((e) => e.type).slice(-1)).toEqual(['TemporaryIdNotReturned']);
    await h.act(parentCaseId, 'withdraw', { reason: 'found the old card' }, residence);
  });
});
