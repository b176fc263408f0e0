import { masked } from '../../apps/api/cases/case-access';
import type { CaseView } from '../../domain';

/** What each role's view of a case keeps of register answers (issue 12). */
describe('masked case views', () => {
  const CHILD = '440106201405061236';
  const GUARDIAN = '440106198001011237';
  const view = {
    caseId: 'c1',
    applicant: { name: '王小红', idNumber: CHILD },
    assignee: 'officer-zhou',
    records: [
      { registry: 'population', subject: CHILD, ok: true, detail: `resident ${CHILD} is registered at 440106`, at: '2026-11-30T00:00:00.000Z' },
      { registry: 'population', subject: GUARDIAN, ok: true, detail: `resident ${GUARDIAN} is registered at 440106`, at: '2026-11-30T00:00:00.000Z' },
    ],
    documents: [{ kind: 'resident-id-card', number: 'C-1' }],
    receipts: [],
    details: { guardian: { name: '王大明', idNumber: GUARDIAN } },
    materials: ['hukou booklet'],
    materialsRequested: null,
  } as unknown as CaseView;
  const who = (role: 'applicant' | 'sla-monitor' | 'caseworker') => ({ id: 'u', role, office: '440106' });

  it('shows an applicant the answers about the person the case is about, and of others only registry and outcome', () => {
    const seen = masked(view, who('applicant'));
    expect(seen.records).toEqual([view.records[0], { registry: 'population', subject: '', ok: true, detail: '', at: '2026-11-30T00:00:00.000Z' }]);
    expect(JSON.stringify(seen.records)).not.toContain(GUARDIAN);
  });

  it('shows a caseworker everything and an SLA monitor no identifier at all', () => {
    expect(masked(view, who('caseworker'))).toEqual(view);
    const monitor = JSON.stringify(masked(view, who('sla-monitor')));
    for (const secret of [GUARDIAN, CHILD.slice(6, 14), '王大明', 'officer-zhou', 'C-1']) expect(monitor).not.toContain(secret);
  });
});
