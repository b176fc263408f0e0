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
