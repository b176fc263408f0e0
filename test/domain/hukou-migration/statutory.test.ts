import {
  assessEligibility,
  defaultHukouTables,
  type HukouTables,
  decideOpen,
  decideTaskResult,
  fold,
  hukouMigration,
  pendingTasks,
  policyFor,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type HukouMigrationDetails,
  type OpenCaseInput,
} from '../../../domain';
import { caseworker, given, opened, supervisor, testEnv } from '../support/given';

/** Issue 11, finding 8: the hukou admission boundary, reference data, metro-area years, and a declined move-out. */
const FROM = '310101'; // Shanghai Huangpu (origin)
const TO = '440106'; // Guangzhou Tianhe (move-in office, decides)
const openedAt = '2026-11-25T02:00:00.000Z';
const moveIn = caseworker(TO);
const origin = caseworker(FROM);

const details = (over: Partial<HukouMigrationDetails> = {}): HukouMigrationDetails => ({
  category: 'work-transfer',
  fromOffice: FROM,
  toOffice: TO,
  destinationCity: { code: '440100' },
  residenceYears: 0,
  socialInsuranceYears: 0,
  ...over,
});
const input = (over: Record<string, unknown> = {}): OpenCaseInput => ({
  type: 'hukou-migration',
  channel: 'cross-province',
  receivingOffice: TO,
  applicant: { name: '李娜', idNumber: '310101199205061233' },
  materials: ['application form', 'labour contract'],
  details: { ...details({ residenceYears: 8, socialInsuranceYears: 20 }), ...over },
});

describe('hukou admission by the city scale of 國發〔2014〕51號 (issue 11, finding 8)', () => {
  const reference = (population: number): HukouTables => ({
    ...defaultHukouTables,
    populations: { version: 'test-1', data: { '440100': { name: '广州', urbanPopulation: population } } },
  });

  it('given a city of exactly 5,000,000, when eligibility is assessed, then the points rule applies ("以上" includes the figure)', () => {
    expect(assessEligibility(details(), reference(5_000_000))).toMatchObject({ rule: 'points', urbanPopulation: 5_000_000 });
    expect(assessEligibility(details(), reference(4_999_999))).toMatchObject({ rule: 'relaxed' });
    expect(assessEligibility(details(), reference(3_000_000))).toMatchObject({ rule: 'relaxed' });
    expect(assessEligibility(details(), reference(2_999_999))).toMatchObject({ rule: 'open' });
  });

  it('given a new opening, when eligibility is assessed, then the population comes from the versioned reference data', () => {
    const a = assessEligibility(details());
    expect(a.urbanPopulation).toBeGreaterThanOrEqual(5_000_000);
    expect(a.reference['city-populations']).toBe('default');
  });

  it('given a typed-in population, when a new case is lodged, then it is refused (422): the figure is reference data', () => {
    expect(() => opened(hukouMigration, input({ destinationCity: { code: '440100', urbanPopulation: 100 } }), moveIn, openedAt)).toThrow(
      /urbanPopulation|not valid/,
    );
  });

  it('given a city with no reference figure, when a new case is lodged, then it is refused (422)', () => {
    const nowhere = { ...input({ toOffice: '650102', destinationCity: { code: '650100' } }), receivingOffice: '650102' };
    expect(() => opened(hukouMigration, nowhere, caseworker('650102'), openedAt)).toThrow(/no urban population/);
  });

  it('given metro-area years, when eligibility is assessed, then residence and insurance years are each summed separately', () => {
    const a = assessEligibility(
      details({ residenceYears: 8, socialInsuranceYears: 10, metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 2 }] }),
    );
    expect(a).toMatchObject({ residenceYears: 13, socialInsuranceYears: 12 });
    expect(a.metroArea).toMatchObject({ group: 'pearl-river-delta', countedResidenceYears: 5, countedSocialInsuranceYears: 2 });
  });

  it('given metro-area years in the old single-figure form, when a new case is lodged, then it is refused (422)', () => {
    expect(() => opened(hukouMigration, input({ metroAreaYears: [{ cityCode: '440300', years: 5 }] }), moveIn, openedAt)).toThrow(
      /residenceYears and socialInsuranceYears/,
    );
  });
});

/** Lodged, checked, accepted and approved: the move-in permit is out, the origin office is to act. */
function approved(): CaseEvent[] {
  const events: CaseEvent[] = [...opened(hukouMigration, input(), moveIn, openedAt)];
  const s = fold(hukouMigration, events) as CaseState;
  for (const t of pendingTasks(hukouMigration, s)) {
    events.push(
      ...decideTaskResult(hukouMigration, s, t, { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: FROM } } }, openedAt, testEnv),
    );
  }
  events.push(
    ...given(hukouMigration, events)
      .when(moveIn, 'accept', {})
      .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed', data: { eligible: true } }]),
  );
  events.push(
    ...given(hukouMigration, events)
      .when(moveIn, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'MoveInPermitIssued' }]),
  );
  return events;
}
const declined = () => [
  ...approved(),
  ...given(hukouMigration, approved())
    .when(origin, 'decline-move-out', { reason: 'the applicant is under a travel restriction (出境入境 obstacle)' })
    .then([{ type: 'MoveOutDeclined', data: { office: FROM } }]),
];

describe('hukou: the origin office may decline the move-out (issue 11, finding 8)', () => {
  it('given an approved case, when the origin office declines without a reason, then it is refused (422)', () => {
    given(hukouMigration, approved())
      .when(origin, 'decline-move-out', {})
      .thenFails('rule', /reason/);
  });

  it('given an approved case, when another office declines, then it may not (403)', () => {
    given(hukouMigration, approved()).when(moveIn, 'decline-move-out', { reason: 'x' }).thenFails('forbidden');
  });

  it('given a declined move-out, when anyone tries to carry on, then the case is back with the move-in office, which must revoke', () => {
    const s = fold(hukouMigration, declined()) as CaseState;
    const permitNumber = s.documents[0].number;
    expect(permitNumber).toMatch(/^ZQ/);
    expect(waitingOn(hukouMigration, s)).toBe(TO);
    given(hukouMigration, declined())
      .when(origin, 'confirm-move-out', {})
      .thenFails('conflict', /declined/);
    given(hukouMigration, declined()).when(moveIn, 'register-settlement', {}).thenFails('conflict');
    given(hukouMigration, declined())
      .when(supervisor(TO), 'revoke', { reason: 'the origin office declined the move-out', legalBasis: '行政许可法 第六十九条' })
      .then([{ type: 'DecisionRevoked', data: { revokedDocuments: [permitNumber] } }]);
    const revoked = fold(hukouMigration, [
      ...declined(),
      ...given(hukouMigration, declined())
        .when(supervisor(TO), 'revoke', { reason: 'declined', legalBasis: '行政许可法 第六十九条' })
        .then([{ type: 'DecisionRevoked' }]),
    ]) as CaseState;
    expect(revoked).toMatchObject({ status: 'revoked', step: 'closed' });
    expect(revoked.documents[0]).toMatchObject({ kind: 'move-in-permit', revoked: true });
  });

  it('given a completed move-out, when anyone revokes, then it is refused (409): the person must keep a hukou somewhere', () => {
    const movedOut = [
      ...approved(),
      ...given(hukouMigration, approved())
        .when(origin, 'confirm-move-out', {})
        .then([{ type: 'MoveOutCompleted' }, { type: 'MigrationCertificateIssued' }]),
    ];
    given(hukouMigration, movedOut)
      .when(supervisor(TO), 'revoke', { reason: 'x', legalBasis: '行政许可法 第六十九条' })
      .thenFails('conflict', /moved out/);
  });
});

describe('the general revoke action (api.md; 行政許可法 art 69)', () => {
  it('is for a supervisor of the deciding office or an office above it, on a decided case, with a reason and a legal basis', () => {
    given(hukouMigration, approved()).when(moveIn, 'revoke', { reason: 'x', legalBasis: 'y' }).thenFails('forbidden');
    given(hukouMigration, approved()).when(supervisor('440104'), 'revoke', { reason: 'x', legalBasis: 'y' }).thenFails('forbidden');
    given(hukouMigration, approved()).when(supervisor('310000'), 'revoke', { reason: 'x', legalBasis: 'y' }).thenFails('forbidden');
    given(hukouMigration, approved())
      .when(supervisor('440000'), 'revoke', { reason: 'x' })
      .thenFails('rule', /legal basis/);
    given(hukouMigration, approved())
      .when(supervisor('440000'), 'revoke', { reason: 'permit granted on false materials', legalBasis: '行政许可法 第六十九条' })
      .then([{ type: 'DecisionRevoked', data: { reason: 'permit granted on false materials', appealable: true } }]);
    const accepted = approved().slice(0, -2);
    given(hukouMigration, accepted)
      .when(supervisor(TO), 'revoke', { reason: 'x', legalBasis: 'y' })
      .thenFails('conflict', /only a decided case/);
  });

  it('keeps recorded cases readable: the decline event did not exist before, so an old approved case is unchanged', () => {
    const recorded = decideOpen(hukouMigration, input(), {
      caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      actor: moveIn,
      at: openedAt,
      policy: policyFor(hukouMigration),
      ...testEnv,
    });
    expect(fold(hukouMigration, recorded)).toMatchObject({ status: 'submitted' });
  });
});
