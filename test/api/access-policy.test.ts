import { isCaseworkerOf, isOwnApplicant, isSupervisorOver, ROLES, type Actor, type CaseState, type Role } from '../../domain';
import { accessPolicy, PERMISSIONS } from '../../domain/access';

/**
 * The access policy on its own (pure: no server, no database): who may know a case, whose rows a read
 * model shows, which roles a route admits. The authorization matrix checks the same rules over HTTP.
 */

const actor = (role: Role, office: string, id = `${role}-${office}`): Actor => ({ id, role, office });

/** A cross-province hukou move: out of Shanghai (310101), into Guangzhou Tianhe (440106), lodged online by applicant-1. */
const movingCase = {
  receivingOffice: '440106',
  handlingOffice: '440106',
  involvedOffices: ['310101'],
  applicantId: 'applicant-1',
} as unknown as CaseState;

describe('access policy', () => {
  describe('given a case involving 440106 and 310101', () => {
    it.each([
      ['caseworker', '440106', true, 'of the handling office'],
      ['caseworker', '310101', true, 'of another involved office'],
      ['caseworker', '440104', false, 'of an uninvolved office in the same province'],
      ['supervisor', '440000', true, 'over the province'],
      ['supervisor', '320000', false, 'of another province'],
      ['supervisor', '000000', true, 'of the national office'],
      ['sla-monitor', '310000', true, 'over one involved province'],
      ['sla-monitor', '110000', false, 'of another province'],
      ['admin', '000000', false, 'whatever the office'],
    ] as const)('a %s of %s may see it: %s (%s)', (role, office, expected, _why) => {
      expect(accessPolicy.maySee(actor(role, office), movingCase)).toBe(expected);
    });

    it('only the applicant who lodged it sees it among applicants', () => {
      expect(accessPolicy.maySee(actor('applicant', '440106', 'applicant-1'), movingCase)).toBe(true);
      expect(accessPolicy.maySee(actor('applicant', '440106', 'applicant-2'), movingCase)).toBe(false);
      expect(accessPolicy.maySee(actor('applicant', '440106', 'x'), { ...movingCase, applicantId: undefined })).toBe(false);
    });

    it('its history is for supervisors and caseworkers who may see it, not for SLA monitors or applicants', () => {
      expect(accessPolicy.mayAudit(actor('caseworker', '310101'), movingCase)).toBe(true);
      expect(accessPolicy.mayAudit(actor('supervisor', '000000'), movingCase)).toBe(true);
      expect(accessPolicy.mayAudit(actor('sla-monitor', '000000'), movingCase)).toBe(false);
      expect(accessPolicy.mayAudit(actor('applicant', '440106', 'applicant-1'), movingCase)).toBe(false);
    });
  });

  it('scopes read models: own office, own cases, own province, or everything nationally', () => {
    expect(accessPolicy.scopeOf(actor('caseworker', '440106'))).toEqual({ kind: 'office', office: '440106' });
    expect(accessPolicy.scopeOf(actor('applicant', '440106', 'applicant-1'))).toEqual({ kind: 'applicant', applicantId: 'applicant-1' });
    expect(accessPolicy.scopeOf(actor('supervisor', '440000'))).toEqual({ kind: 'province', province: '44' });
    expect(accessPolicy.scopeOf(actor('sla-monitor', '310101'))).toEqual({ kind: 'province', province: '31' });
    expect(accessPolicy.scopeOf(actor('supervisor', '000000'))).toEqual({ kind: 'all' });
  });

  it('lets caseworkers read only their own queue and list only their own office, supervisors their province', () => {
    expect(accessPolicy.mayReadQueue(actor('caseworker', '440106'), '440106')).toBe(true);
    expect(accessPolicy.mayReadQueue(actor('caseworker', '440106'), '440104')).toBe(false);
    expect(accessPolicy.mayReadQueue(actor('supervisor', '440000'), '440104')).toBe(true);
    expect(accessPolicy.mayReadQueue(actor('supervisor', '440000'), '310101')).toBe(false);
    expect(accessPolicy.mayListOffice(actor('caseworker', '440106'), '440104')).toBe(false);
    expect(accessPolicy.mayListOffice(actor('sla-monitor', '000000'), '310101')).toBe(true);
    expect(accessPolicy.mayWatch(actor('sla-monitor', '440000'), '310101')).toBe(false);
  });

  it("admits to each route exactly api.md's roles, and says which role was refused what", () => {
    const admitted = Object.fromEntries(
      Object.keys(PERMISSIONS).map((p) => [p, ROLES.filter((r) => accessPolicy.permits(actor(r, '440106'), p as keyof typeof PERMISSIONS))]),
    );
    expect(admitted).toEqual({
      'open-cases': ['caseworker', 'applicant'],
      'look-up-cases': ['caseworker', 'supervisor'],
      'list-cases': ['caseworker', 'supervisor', 'sla-monitor', 'applicant'],
      'read-cases': ['caseworker', 'supervisor', 'sla-monitor', 'applicant'],
      'act-on-cases': ['caseworker', 'supervisor', 'applicant'],
      'audit-cases': ['caseworker', 'supervisor'],
      'check-integrity': ['supervisor'],
      'decode-temporal-payloads': ['supervisor'],
      'read-access-log': ['supervisor'],
      'read-queues': ['caseworker', 'supervisor'],
      'read-sla-board': ['supervisor', 'sla-monitor'],
      'watch-sla-alerts': ['supervisor', 'sla-monitor'],
      'read-stats': ['supervisor', 'sla-monitor'],
      'rebuild-projections': ['admin'],
      'publish-reference-data': ['admin'],
      'read-reference-data': ['supervisor', 'admin'],
    });
    expect(accessPolicy.refusal(actor('admin', '000000'), 'open-cases')).toBe('role admin may not open cases');
  });

  it("is what the kernel's guards ask: their who-predicates are the policy's", () => {
    expect(isCaseworkerOf).toBe(accessPolicy.isCaseworkerOf);
    expect(isSupervisorOver).toBe(accessPolicy.isSupervisorOver);
    expect(isOwnApplicant).toBe(accessPolicy.isOwnApplicant);
    expect(isSupervisorOver(actor('supervisor', '440000'), '440106')).toBe(true);
    expect(isSupervisorOver(actor('caseworker', '440106'), '440106')).toBe(false);
  });
});
