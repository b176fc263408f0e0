import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, hukouBody, openSettled, OWN, problemDefects, raw } from './support/fixtures';
import { idNumberCheckCharacter } from '../../domain/registers/id-number';

/** A resident ID number with its GB 11643 check character. */
const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);

/**
 * An applicant acts for themself (issue 12): the token's verified identity is the person lodging; a case
 * about somebody else is refused unless the type's rule allows it (a guardian for a child under 16 applying
 * for a first ID card, 居民身份證法 art 7); applicants list their own cases; register answers shown to them
 * say only what concerns the person the case is about.
 */
describe('applicants bound to their token', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('pglite');
  }, 120_000);
  afterAll(() => sys?.stop());

  const open = async (token: string, body: unknown) => raw(sys, 'POST', '/cases', { token, body: JSON.stringify(body) });
  const GUARDIAN_ID = '440106198001011230';
  /** A first ID card, online, for a child born in 2014 (under 16), with their guardian named. */
  const childCard = (guardianId: string, birthDate = '2014-05-06') => ({
    type: 'first-id-card',
    channel: 'online',
    receivingOffice: OWN,
    applicant: { name: '王小红', idNumber: withCheck(`440106${birthDate.replace(/-/g, '')}123`), birthDate },
    materials: ['hukou booklet'],
    details: { hukouOffice: OWN, residenceOffice: OWN, delivery: 'pickup', guardian: { name: '王大明', idNumber: guardianId } },
  });

  it('lets an applicant lodge for themself, and refuses a case about another person with 403, opening nothing', async () => {
    const self = await sys.token('applicant', OWN, 'zhang-san', { idNumber: APPLICANT_ID });
    expect((await open(self, hukouBody('online'))).status).toBe(201);

    const other = await sys.token('applicant', OWN, 'li-si', { idNumber: '110101199003071233' });
    const refused = await open(other, hukouBody('online'));
    expect(refused.status).toBe(403);
    expect(problemDefects(refused)).toEqual([]);
    expect(refused.body.detail).toBe('you may lodge a case only for yourself: the applicant is not the person your token names');
    expect(JSON.stringify(refused.body)).not.toContain(APPLICANT_ID);

    const anonymousPerson = await sys.token('applicant', OWN, 'nobody-known', {});
    const noIdentity = await open(anonymousPerson, hukouBody('online'));
    expect(noIdentity.status).toBe(403);
    expect(noIdentity.body.detail).toMatch(/no verified identity/);

    // Neither refused applicant has a case, and the register was never asked on their behalf.
    for (const token of [other, anonymousPerson]) expect((await sys.request('GET', '/cases', { token })).body.items).toEqual([]);
  });

  it('lets a guardian apply for a child under 16, and nobody else, nor for a child of 16', async () => {
    const guardian = await sys.token('applicant', OWN, 'wang-daming', { idNumber: GUARDIAN_ID });
    const opened = await open(guardian, childCard(GUARDIAN_ID));
    expect({ status: opened.status, detail: opened.body.detail }).toEqual({ status: 201, detail: undefined });

    const stranger = await sys.token('applicant', OWN, 'stranger', { idNumber: '440106198512121239' });
    const notGuardian = await open(stranger, childCard(GUARDIAN_ID));
    expect(notGuardian.status).toBe(403);
    expect(notGuardian.body.detail).toMatch(/guardian named in details\.guardian for a child under 16 \(居民身份證法 art 7\)/);
    // Naming oneself as guardian does not make an adult a child.
    expect((await open(guardian, childCard(GUARDIAN_ID, '2008-03-04'))).status).toBe(403);
  });

  it('refuses a representative where the type allows none: 403 online, 422 at the window, opening nothing', async () => {
    const parent = { role: 'parent', name: '王大明', idNumber: GUARDIAN_ID };
    const token = await sys.token('applicant', OWN, 'wang-daming-2', { idNumber: GUARDIAN_ID });
    const online = await open(token, { ...hukouBody('online'), representative: parent });
    expect(online.status).toBe(403);
    expect(online.body.detail).toBe('you may lodge a case only for yourself: the applicant is not the person your token names');
    expect((await sys.request('GET', '/cases', { token })).body.items).toEqual([]);

    const worker = await sys.token('caseworker', OWN, 'cw-representation');
    const window = await open(worker, { ...hukouBody('window'), representative: parent });
    expect(window.status).toBe(422);
    expect(problemDefects(window)).toEqual([]);
    expect(window.body.detail).toBe('a hukou-migration case cannot be lodged by a parent of the applicant: it is lodged only by the person it is about');
  });

  /** The cases a caseworker of the office finds by `idNumber=` or `passportNo=` (the look-up is exact). */
  const casesAbout = async (query: string) => {
    const worker = await sys.token('caseworker', OWN, 'cw-finder');
    return (await sys.request('GET', `/cases?${query}`, { token: worker })).body.items as unknown[];
  };

  it('lets the declarant register a newborn online, the child without an ID number; nobody else', async () => {
    const MOTHER = withCheck('44010619920708456');
    const FATHER = withCheck('44010619900315456');
    const birthDate = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const newborn = {
      type: 'newborn-registration',
      channel: 'online',
      receivingOffice: OWN,
      applicant: { name: '李小雨', birthDate },
      materials: ['declaration form'],
      details: {
        sex: 'female',
        birthCertificateNo: 'O441999001',
        placeOfBirth: 'mainland',
        chosenParent: { role: 'father', name: '李明', idNumber: FATHER },
        otherParent: { role: 'mother', name: '王芳', idNumber: MOTHER },
        declarant: { relation: 'mother', name: '王芳', idNumber: MOTHER },
      },
    };
    const stranger = await sys.token('applicant', OWN, 'stranger-newborn', { idNumber: '440106198512121239' });
    const refused = await open(stranger, newborn);
    expect(refused.status).toBe(403);
    expect(problemDefects(refused)).toEqual([]);
    expect(refused.body.detail).toMatch(
      /^you may apply only for yourself, or as the parent who declares the birth in details\.declarant \(户口登记条例 art 7\)/,
    );
    expect((await sys.request('GET', '/cases', { token: stranger })).body.items).toEqual([]);

    const mother = await sys.token('applicant', OWN, 'wang-fang', { idNumber: MOTHER });
    const opened = await open(mother, newborn);
    expect(opened.status).toBe(201);
    expect(opened.body.applicant).not.toHaveProperty('idNumber');
  });

  // A capacity the type's sources do not give (docs/domain.md §§2–5, 7): refused at the window (422) before anything is
  // opened, with the capacities the type does give; online the same opening is a 403.
  it.each([
    [
      'residence-permit, a relative for an adult who gave no art 9 reason',
      {
        type: 'residence-permit',
        applicant: { name: '陈静', idNumber: withCheck('31010119920315771') },
        materials: ['application form'],
        details: { residenceOffice: OWN, basis: 'home', delivery: 'pickup' },
        representative: { role: 'relative', name: '陈大', idNumber: withCheck('31010119600101771') },
      },
      /only for a child under 16, or for an elderly person with reduced mobility or a disabled person \(居住證暫行條例 art 9\)/,
    ],
    [
      'id-card-replacement, a guardian for a holder of 30',
      {
        type: 'id-card-replacement',
        applicant: { name: '张伟', idNumber: withCheck('44010619960412772'), birthDate: '1996-04-12' },
        materials: ['application form'],
        details: { hukouOffice: OWN, residenceOffice: OWN, delivery: 'pickup', guardian: { name: '张大', idNumber: withCheck('44010619700412772') } },
        representative: { role: 'guardian', name: '张大', idNumber: withCheck('44010619700412772') },
      },
      /^a guardian applies for a replacement ID card only for a holder under 16 \(居民身份證法 arts 7, 11\)$/,
    ],
    [
      'household-certificate, a relative for a hukou certificate',
      {
        type: 'household-certificate',
        applicant: { name: '陳靜', idNumber: withCheck('44010619900307773') },
        materials: ['ID card'],
        details: { subKind: 'hukou', hukouOffice: OWN, purpose: 'visa application' },
        representative: { role: 'relative', name: '陳大', idNumber: withCheck('44010619600307773') },
      },
      /^a relative applies for another person only for a cancellation certificate \(inferred\)/,
    ],
    [
      'foreigner-residence-permit, an agent',
      {
        type: 'foreigner-residence-permit',
        applicant: { name: 'Marco Rossi', passportNo: 'YA7730001', nationality: 'ITA' },
        materials: ['application form', 'passport'],
        details: {
          residenceOffice: OWN,
          kind: 'study',
          application: 'first',
          visa: { type: 'X1', entryDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) },
          passportValidUntil: '2031-01-01',
          requestedDays: 365,
        },
        representative: { role: 'agent', name: '李律師', idNumber: withCheck('31010119850707773'), powerOfAttorney: 'WT-2026-1' },
      },
      /^a foreigner-residence-permit case cannot be lodged by an agent of the applicant: it is lodged only by the person it is about$/,
    ],
  ])('refuses %s: 422 at the window, 403 online, opening nothing', async (_what, opening, reason) => {
    const worker = await sys.token('caseworker', OWN, 'cw-capacity');
    const atWindow = await open(worker, { ...opening, channel: 'window', receivingOffice: OWN });
    expect({ status: atWindow.status, defects: problemDefects(atWindow) }).toEqual({ status: 422, defects: [] });
    expect(atWindow.body.detail).toMatch(reason);
    const rep = opening.representative;
    const asRepresentative = await sys.token('applicant', OWN, `rep-${opening.type}`, { idNumber: rep.idNumber });
    const online = await open(asRepresentative, { ...opening, channel: 'online', receivingOffice: OWN });
    expect(online.status).toBe(403);
    for (const r of [atWindow, online]) expect(JSON.stringify(r.body)).not.toContain(rep.idNumber);
    const { idNumber, passportNo } = opening.applicant as { idNumber?: string; passportNo?: string };
    expect(await casesAbout(idNumber ? `idNumber=${idNumber}` : `passportNo=${passportNo}`)).toEqual([]);
    expect((await sys.request('GET', '/cases', { token: asRepresentative })).body.items).toEqual([]);
  });

  /** The recorded check of the representative (the case view lists checks by register), once the register answered. */
  const representativeRecord = (caseId: string, token: string, registry: 'kinship' | 'power-of-attorney') =>
    eventually(async () => {
      const records = (await sys.request('GET', `/cases/${caseId}`, { token })).body.records as { registry: string; result: string; detail: string }[];
      return records?.find((r) => r.registry === registry);
    });
  const act = (caseId: string, token: string, action: string, body: object = {}) =>
    raw(sys, 'POST', `/cases/${caseId}/actions/${action}`, { token, body: JSON.stringify(body) });

  it("checks an agent's deed against the notarial register: a revoked deed blocks approval, another matter's fails, one in force passes", async () => {
    const worker = await sys.token('caseworker', OWN, 'cw-deeds');
    const byAgent = (powerOfAttorney: string) => ({
      type: 'household-certificate',
      channel: 'window',
      receivingOffice: OWN,
      applicant: { name: '陳靜', idNumber: '440106199003071231' },
      materials: ['ID card', 'power of attorney'],
      details: { subKind: 'hukou', hukouOffice: OWN, purpose: 'visa application' },
      representative: { role: 'agent', name: '李律師', idNumber: '310101198507070018', powerOfAttorney },
    });
    const revoked = (await open(worker, byAgent('(2026)粵廣州天河證字第1205號'))).body.caseId as string;
    expect(await representativeRecord(revoked, worker, 'power-of-attorney')).toMatchObject({
      result: 'contradicted',
      detail: 'the power of attorney on record was revoked',
    });
    expect((await act(revoked, worker, 'accept')).status).toBe(200);
    const approve = await act(revoked, worker, 'approve');
    expect(approve.status).toBe(409);
    expect(approve.body.detail).toMatch(/notarial register does not confirm the agent's power of attorney .*refuse, or have the applicant lodge in person/);

    const otherMatter = (await open(worker, byAgent('(2026)粵廣州天河證字第1201號'))).body.caseId as string;
    expect(await representativeRecord(otherMatter, worker, 'power-of-attorney')).toMatchObject({
      result: 'contradicted',
      detail: expect.stringMatching(/does not cover a household-certificate request/),
    });
    const inForce = (await open(worker, byAgent('(2026)粵廣州天河證字第1204號'))).body.caseId as string;
    expect(await representativeRecord(inForce, worker, 'power-of-attorney')).toMatchObject({ result: 'confirmed' });
  });

  it("finds a guardian the register records only as an adult's parent unconfirmed, naming no one, and approval blocked", async () => {
    const worker = await sys.token('caseworker', OWN, 'cw-kinship');
    const APPLICANT = withCheck('31010119920315881');
    const PARENT = withCheck('31010119600101881');
    const caseId = (
      await open(worker, {
        type: 'residence-permit',
        channel: 'window',
        receivingOffice: OWN,
        applicant: { name: '陈静', idNumber: APPLICANT },
        materials: ['application form'],
        details: { residenceOffice: OWN, basis: 'home', delivery: 'pickup', representedBecause: 'disability' },
        representative: { role: 'guardian', name: '陈大', idNumber: PARENT },
      })
    ).body.caseId as string;
    const record = await representativeRecord(caseId, worker, 'kinship');
    expect(record).toMatchObject({ result: 'contradicted', detail: expect.stringMatching(/guardian by law only of a minor child \(民法典 art 27\)/) });
    for (const id of [APPLICANT, PARENT]) expect(record?.detail).not.toContain(id);
    expect((await act(caseId, worker, 'capture-photo', { photo: 'new' })).status).toBe(200);
    expect((await act(caseId, worker, 'accept')).status).toBe(200);
    const approve = await act(caseId, worker, 'approve');
    expect(approve.status).toBe(409);
    expect(approve.body.detail).toMatch(/does not record the representative as the applicant's guardian/);
  });

  it('lists to an applicant the cases they lodged, and nobody else’s', async () => {
    const first = await sys.token('applicant', OWN, 'zhang-san-2', { idNumber: APPLICANT_ID });
    const mine = (await open(first, hukouBody('online'))).body.caseId;
    const someoneElse = await sys.token('applicant', OWN, 'zhang-san-3', { idNumber: APPLICANT_ID });
    const theirs = (await open(someoneElse, hukouBody('online'))).body.caseId;
    const listed = await eventually(async () => {
      const items = (await sys.request('GET', '/cases', { token: first })).body.items as any[];
      return items.length > 0 ? items.map((c) => c.caseId) : null;
    });
    expect(listed).toEqual([mine]);
    expect(listed).not.toContain(theirs);
  });

  it('shows an applicant the register answers about themself', async () => {
    const self = await sys.token('applicant', OWN, 'zhang-san-4', { idNumber: APPLICANT_ID });
    const caseId = await openSettled(sys, self, hukouBody('online'));
    const view = (await sys.request('GET', `/cases/${caseId}`, { token: self })).body;
    expect(view.records.length).toBeGreaterThan(0);
    // What concerns them is there in full; anything about another person would be blanked (unit test of masked()).
    expect(view.records.filter((r: any) => r.subject === APPLICANT_ID).every((r: any) => r.detail.length > 0)).toBe(true);
    expect(view.records.every((r: any) => r.subject === APPLICANT_ID || (r.subject === '' && r.detail === ''))).toBe(true);
  });
});
