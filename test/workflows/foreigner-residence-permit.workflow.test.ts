import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, expectStreamIntact, happyPaths, inputs, SHANGHAI_HUANGPU } from './scenarios';

const office = caseworker(SHANGHAI_HUANGPU);
/** A passport nobody registered as staying anywhere (activities/registries/residence-registers.ts). */
const UNREGISTERED_GUEST = 'NOLODGE01';
const checked = (s: { records: Record<string, unknown> }) => ['entry-record', 'accommodation', 'work-permit'].every((k) => s.records[k] !== undefined);
const photoLookedUp = (s: { progress: unknown }) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined;

describe('foreigner-residence-permit workflow on the real Temporal dev server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => h?.stop());

  it('main path: registers read by passport, accepted in person (passport back, fingerprints), issued, affixed at collection', async () => {
    const done = await happyPaths['foreigner-residence-permit'](h);
    expect(done).toMatchObject({ status: 'completed', crossProvince: false, handlingOffice: SHANGHAI_HUANGPU });
    const stream = await h.stream(done.caseId);
    const types = stream.map((e) => e.type);
    const accepted = types.indexOf('CaseAccepted');
    expect(types.slice(accepted, accepted + 4)).toEqual(['CaseAccepted', 'AcceptanceReceiptIssued', 'PassportVerifiedAndReturned', 'BiometricsCaptured']);
    expect(types.slice(types.indexOf('CaseApproved'))).toEqual([
      'CaseApproved',
      'ForeignerResidencePermitIssued',
      'PassportPresented',
      'ResidencePermitAffixed',
      'CaseCompleted',
    ]);
    const receipt = stream.find((e) => e.type === 'AcceptanceReceiptIssued')!.data as { validUntil: string };
    expect(receipt.validUntil).toBe(done.clocks.decision.deadline); // decided within the receipt's 15 days (art 30)
    expect(done.clocks.decision.state).toBe('stopped');
    expect(done.documents.find((d) => d.kind === 'foreigner-residence-permit')).toMatchObject({
      permitKind: 'work',
      validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      verificationCode: expect.any(String),
    });
    await expectStreamIntact(h, done.caseId);
  }, 60_000);

  it('three years asked: cut to the work permit; an extension linked to the completed case opens, the closed case lists it', async () => {
    const first = { ...inputs.foreignerResidencePermit({ passportNo: 'YD5566778' }) };
    first.details = { ...first.details, requestedDays: 1095 };
    const { caseId } = await h.open(first, office);
    await h.waitFor(caseId, (s) => checked(s) && photoLookedUp(s), { what: 'the register checks and the photo lookup' });
    await h.act(caseId, 'capture-photo', { photo: 'new' }, office);
    await h.act(caseId, 'accept', {}, office);
    const approved = await h.act(caseId, 'approve', {}, office);
    const until = approved.records['work-permit'].facts?.validUntil;
    const permit = approved.documents.find((d) => d.kind === 'foreigner-residence-permit') as unknown as { number: string; validUntil: string };
    expect(permit).toMatchObject({ validUntil: until, cappedByWorkPermit: true });
    const done = await h.act(caseId, 'affix-permit', { passportNo: 'YD5566778' }, office);
    await h.result(caseId); // the run has ended

    const extension = {
      ...first,
      parentCaseId: caseId,
      details: {
        ...first.details,
        application: 'extension',
        visa: undefined,
        currentPermit: { number: permit.number, validUntil: permit.validUntil },
        requestedDays: 365,
      },
    };
    const linked = await h.open(extension, office);
    expect(linked).toMatchObject({ parentCaseId: caseId, status: 'submitted' });
    await h.waitFor(linked.caseId, checked, { what: 'the extension checks' });
    // The issuing case has closed and its run has ended: a run started again from its stream records the link, and ends.
    await expect(h.result(caseId)).resolves.toMatchObject({ status: 'completed', childCases: [{ caseId: linked.caseId, type: 'foreigner-residence-permit' }] });
    expect((await h.types(caseId)).slice(done.version)).toEqual(['ChildCaseLinked']);
    await expectStreamIntact(h, caseId);
    await h.act(linked.caseId, 'withdraw', { reason: 'not needed yet' }, office);
  }, 60_000);

  it('deemed accepted at x300000: only the receipt, no passport nor fingerprints; approval waits for capture-biometrics', async () => {
    // Completeness 5 WD is about a week of business time: 2 s of wall time at x300000.
    const { caseId } = await h.open(inputs.foreignerResidencePermit(), office, { timeScale: 300_000 });
    const stream = await h.waitForStream(caseId, (events) => events.some((e) => e.type === 'CaseDeemedAccepted'), {
      timeoutMs: 40_000,
      what: 'the deemed acceptance',
    });
    const types = stream.map((e) => e.type);
    expect(types).toContain('AcceptanceReceiptIssued');
    expect(types).not.toContain('PassportVerifiedAndReturned');
    await h.waitFor(caseId, (s) => checked(s) && photoLookedUp(s), { timeoutMs: 30_000, what: 'the register checks and the photo lookup' });
    await h.act(caseId, 'capture-photo', { photo: 'new' }, office);
    // Not h.refused: at x300000 the SLA timers keep appending while it compares the stream before and after.
    const blocked = await h.act(caseId, 'approve', {}, office).then(
      () => null,
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );
    expect(blocked).toMatch(/fingerprints/);
    await h.act(caseId, 'capture-biometrics', {}, office);
    await h.act(caseId, 'approve', {}, office);
    const done = await h.act(caseId, 'affix-permit', {}, office);
    expect(done.status).toBe('completed');
    await expectStreamIntact(h, caseId);
  }, 90_000);

  it('refusal: no accommodation registered blocks approval; refused with the reason recorded, final (art 36); bad input changes nothing', async () => {
    const refusedOpening = await h.open(inputs.foreignerResidencePermit({ channel: 'online' }), office).catch((e: Error) => e);
    expect(refusedOpening).toBeInstanceOf(Error);
    const { caseId } = await h.open(inputs.foreignerResidencePermit({ passportNo: UNREGISTERED_GUEST }), office);
    await h.refused(caseId, 'affix-permit', {}, office, 'conflict');
    await h.act(caseId, 'capture-photo', { photo: 'new' }, office);
    await h.act(caseId, 'accept', {}, office);
    const s = await h.waitFor(caseId, checked, { timeoutMs: 30_000, what: 'the register checks' });
    expect(s.records.accommodation).toMatchObject({ registry: 'accommodation-registration', ok: false });
    expect((await h.refused(caseId, 'approve', {}, office, 'conflict')).message).toMatch(/can only be refused/);
    await h.refused(caseId, 'approve', {}, caseworker('310104'), 'not-found'); // an office the case does not involve may not see it: the case does not exist for it
    const refused = await h.act(caseId, 'refuse', { reason: 'no accommodation registered (art 31(3))', legalBasis: '出境入境管理法 第三十一条' }, office);
    expect(refused.status).toBe('refused');
    expect((await h.stream(caseId)).at(-1)).toMatchObject({
      type: 'CaseRefused',
      data: { final: true, appealable: false, reason: expect.stringMatching(/accommodation/) },
    });
    expect((await h.result(caseId)).status).toBe('refused');
    await expectStreamIntact(h, caseId);
  }, 60_000);
});
