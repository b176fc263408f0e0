import { caseTypes, fold, idCardReplacement, statutoryClocks, type CaseState, type OpenCaseInput } from '../../../domain';
import { caseworker, given, opened } from '../support/given';

/**
 * The 20 WD decision clock (行政許可法 art 42) is the kernel's default for applications, never for registrations
 * or filings (docs/domain.md §7.9.3): a type carries a decision clock only where it states one, and the default only
 * where it names it. This pins which types do, so that a new type does not inherit it unnoticed.
 */
const decisionLimits = Object.fromEntries(Object.values(caseTypes).map((m) => [m.type, m.clocks.decision ?? null]));

describe('the 20 WD decision default applies only where a type states its own rule', () => {
  it('given every case type, then only hukou migration takes the statutory 20 + 10 WD (no national figure: inferred, §2)', () => {
    const onDefault = Object.entries(decisionLimits)
      .filter(([, clock]) => clock !== null && clock.limit === statutoryClocks.decision.limit && clock.unit === 'WD')
      .map(([type]) => type);
    expect(onDefault).toEqual(['hukou-migration']);
  });

  it('given a registration (newborn, §7.1), then its decision clock is its own: 5 WD (inferred), not the 20 WD default', () => {
    expect(decisionLimits['newborn-registration']).toMatchObject({ unit: 'WD', limit: 5 });
  });

  it.each([
    ['the first ID card: 60 days (居民身份證法 art 12)', 'first-id-card'],
    ['an ID card replacement: 60 days (居民身份證法 art 12)', 'id-card-replacement'],
    ['a residence permit: 15 days from acceptance (居住證暫行條例 art 9)', 'residence-permit'],
  ])('given %s, then it has no decision clock at all', (_what, type) => {
    expect(decisionLimits[type]).toBeNull();
  });
});

describe('a loss report is a filing: no acceptance, no decision, no clock', () => {
  const input: OpenCaseInput = {
    type: 'id-card-replacement',
    channel: 'window',
    receivingOffice: '440104',
    applicant: { name: '陈静', idNumber: '440106199003071231', birthDate: '1990-03-07' },
    materials: ['application form'],
    details: { hukouOffice: '440106', residenceOffice: '440104', delivery: 'pickup', lostOn: '2026-11-20' },
  };
  const lodged = opened(idCardReplacement, input, caseworker('440104'), '2026-11-25T02:00:00.000Z');

  it('given a case just lodged, when any station reports the loss, then it is recorded at once, starting and stopping no clock', () => {
    const [reported] = given(idCardReplacement, lodged)
      .when(caseworker('440105'), 'report-loss', {})
      .then([{ type: 'CardReportedLost', data: { office: '440105', channel: 'window', lostOn: '2026-11-20' } }]);
    expect(reported.clocks).toBeUndefined();
    const s = fold(idCardReplacement, [...lodged, reported]) as CaseState;
    // Still waiting on its own acceptance: the report decided nothing about the application.
    expect(s).toMatchObject({ status: 'submitted', acceptedAt: null });
  });
});
