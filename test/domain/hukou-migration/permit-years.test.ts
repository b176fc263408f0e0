import {
  decideOpen,
  decideTaskResult,
  decideTimers,
  fold,
  hukouMigration,
  pendingTasks,
  policyFor,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type TaskOutcome,
} from '../../../domain';
import { caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

/**
 * Metropolitan residence years from residence-permit records (docs/domain.md §7.4 互通互認, §7.9 item 8): the register of
 * permits is read for the other cities of the destination's group, its years replace the declared metro residence
 * years, social-insurance years stay declared, and cases lodged before the change are assessed as they were.
 */
const FROM = '310101'; // Shanghai Huangpu (the applicant's hukou)
const TO = '440106'; // Guangzhou Tianhe (move-in office, decides; Pearl River Delta group)
const ID = '310101198803150012';
const openedAt = '2026-11-25T02:00:00.000Z';
const moveIn = caseworker(TO);
const KEY = 'residence-permit-records';
const PRD_OTHERS = ['440300', '440400', '440600', '441300', '441900', '442000'];

// Guangzhou: 4 points per insured year, 2 per resident year, pass mark 80. Declared: 14 insured, 3 resident = 62.
const input = (over: Record<string, unknown> = {}): OpenCaseInput => ({
  type: 'hukou-migration',
  channel: 'window',
  receivingOffice: TO,
  applicant: { name: '周敏', idNumber: ID },
  materials: ['application form', 'labour contract'],
  details: {
    category: 'work-transfer',
    fromOffice: FROM,
    toOffice: TO,
    destinationCity: { code: '440100' },
    residenceYears: 3,
    socialInsuranceYears: 14,
    ...over,
  },
});

const lodged = (over: Record<string, unknown> = {}) => opened(hukouMigration, input(over), moveIn, openedAt);
const state = (events: CaseEvent[]) => fold(hukouMigration, events) as CaseState;

/** The register's answer to the permit check (verifyRecord's value), or no answer at all. */
const permits = (events: CaseEvent[], years: Record<string, number> | 'no answer', at = openedAt) => {
  const s = state(events);
  const task = pendingTasks(hukouMigration, s).find((t) => t.key === KEY)!;
  const outcome: TaskOutcome =
    years === 'no answer'
      ? { ok: false, error: 'the residence-permit register failed: timeout' }
      : {
          ok: true,
          value: {
            ok: true,
            detail: 'permits',
            facts: { asOf: '2026-11-25', ...Object.fromEntries(Object.entries(years).map(([c, y]) => [`years:${c}`, y])) },
          },
        };
  return decideTaskResult(hukouMigration, s, task, outcome, at, testEnv) as LooseEvent[];
};
const population = (events: CaseEvent[]) => {
  const s = state(events);
  const task = pendingTasks(hukouMigration, s).find((t) => t.key === 'population-register')!;
  return decideTaskResult(hukouMigration, s, task, { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: FROM } } }, openedAt, testEnv);
};
const accepted = (events: CaseEvent[]) => [
  ...events,
  ...given(hukouMigration, events)
    .when(moveIn, 'accept', {})
    .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed' }]),
];

describe('hukou migration: metro residence years from residence-permit records', () => {
  it('records at lodging which cities of the group the register is asked about, and on which day', () => {
    const events = lodged() as LooseEvent[];
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'PermitRecordsRequested']);
    expect(events[1].data).toEqual({ group: 'pearl-river-delta', cities: PRD_OTHERS, asOf: '2026-11-25' });
    expect(pendingTasks(hukouMigration, state(events)).map((t) => (t.kind === 'verify-record' ? [t.registry, t.subject] : t.key))).toEqual([
      ['population', ID],
      ['residence-permit', `${ID}@${PRD_OTHERS.join(',')}@2026-11-25`],
    ]);
  });

  it('asks nothing where the destination belongs to no metropolitan group (Wuhan)', () => {
    const events = opened(
      hukouMigration,
      { ...input({ toOffice: '420102', destinationCity: { code: '420100' } }), receivingOffice: '420102' },
      caseworker('420102'),
      openedAt,
    );
    expect(events.map((e) => e.type)).toEqual(['CaseOpened']);
    expect(pendingTasks(hukouMigration, state(events)).map((t) => t.key)).toEqual(['population-register']);
  });

  it("counts the permits' years instead of the declared metro residence years: 7 + 2 years reach Guangzhou's pass mark", () => {
    // Declared: 5 metro residence years in Shenzhen (no longer counted) and 0 insured years there.
    const base = lodged({ metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 0 }] });
    const checked = [...base, ...population(base)];
    const events = [...checked, ...permits(checked, { '440300': 7, '440600': 2 })];
    const assessment = accepted(events).at(-1) as LooseEvent;
    expect(assessment.data).toMatchObject({
      rule: 'points',
      eligible: true,
      residenceYears: 12,
      socialInsuranceYears: 14,
      points: { total: 80, passMark: 80, residence: { years: 12, points: 24 }, socialInsurance: { years: 14, points: 56 } },
      metroArea: {
        group: 'pearl-river-delta',
        residenceYearsFrom: 'permit-records',
        permitYears: [
          { cityCode: '440300', residenceYears: 7 },
          { cityCode: '440600', residenceYears: 2 },
        ],
        countedResidenceYears: 9,
        countedSocialInsuranceYears: 0,
      },
    });
    given(hukouMigration, accepted(events))
      .when(moveIn, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'MoveInPermitIssued' }]);
  });

  it('without permits on record, only the declared destination years count: 62 points, refused', () => {
    const base = lodged({ metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 0 }] });
    const checked = [...base, ...population(base)];
    const answered = permits(checked, {});
    expect(answered[0]).toMatchObject({ type: 'RecordsVerified', data: { key: KEY, registry: 'residence-permit', ok: true, result: 'confirmed' } });
    const assessment = accepted([...checked, ...answered]).at(-1) as LooseEvent;
    expect(assessment.data).toMatchObject({ eligible: false, points: { total: 62 }, metroArea: { countedResidenceYears: 0, permitYears: [] } });
  });

  it('keeps social-insurance years apart: the permits add residence years only', () => {
    const base = lodged({ metroAreaYears: [{ cityCode: '440300', residenceYears: 0, socialInsuranceYears: 2 }] });
    const checked = [...base, ...population(base)];
    const assessment = accepted([...checked, ...permits(checked, { '440300': 4 })]).at(-1) as LooseEvent;
    expect(assessment.data).toMatchObject({
      socialInsuranceYears: 16,
      residenceYears: 7,
      metroArea: { countedSocialInsuranceYears: 2, countedResidenceYears: 4 },
    });
  });

  it('accepted before the register answered: the assessment waits for the answer, and approval with it', () => {
    const base = lodged();
    const checked = [...base, ...population(base)];
    const events = [
      ...checked,
      ...given(hukouMigration, checked)
        .when(moveIn, 'accept', {})
        .then([{ type: 'CaseAccepted' }]),
    ];
    given(hukouMigration, events)
      .when(moveIn, 'approve', {})
      .thenFails('conflict', /waits for the residence-permit records/);
    const answered = permits(events, { '440300': 7, '440600': 2 }, '2026-11-25T03:00:00.000Z');
    expect(answered.map((e) => e.type)).toEqual(['RecordsVerified', 'EligibilityAssessed']);
    expect(answered[1]).toMatchObject({ at: '2026-11-25T03:00:00.000Z', data: { eligible: true, points: { total: 80 } } });
  });

  it('a register that did not answer: nothing assessed, approval waits, recheck-records asks again', () => {
    const base = lodged();
    const checked = [...base, ...population(base)];
    const accepting = [
      ...checked,
      ...given(hukouMigration, checked)
        .when(moveIn, 'accept', {})
        .then([{ type: 'CaseAccepted' }]),
    ];
    const silent = permits(accepting, 'no answer');
    expect(silent.map((e) => e.type)).toEqual(['RecordsVerified']);
    expect(silent[0].data).toMatchObject({ result: 'unavailable' });
    const events = [...accepting, ...silent];
    given(hukouMigration, events)
      .when(moveIn, 'approve', {})
      .thenFails('conflict', /residence-permit register did not answer/);
    const rechecking = [
      ...events,
      ...given(hukouMigration, events)
        .when(moveIn, 'recheck-records', {})
        .then([{ type: 'RecordsRecheckRequested', data: { keys: [KEY] } }]),
    ];
    expect(permits(rechecking, { '440300': 7, '440600': 2 }).map((e) => e.type)).toEqual(['RecordsVerified', 'EligibilityAssessed']);
  });

  it('deemed accepted before the register answered (行政許可法 art 32(4)): assessed once it answers', () => {
    const base = lodged();
    const checked = [...base, ...population(base)];
    const deemed = decideTimers(hukouMigration, state(checked), '2026-12-10T02:00:00.000Z', testEnv);
    expect(deemed.map((e) => e.type)).toContain('CaseDeemedAccepted');
    expect(deemed.map((e) => e.type)).not.toContain('EligibilityAssessed');
    expect(permits([...checked, ...deemed], { '440300': 7, '440600': 2 }).map((e) => e.type)).toEqual(['RecordsVerified', 'EligibilityAssessed']);
  });

  it('an opening decided before the change replays as it was: no permit records asked, declared metro years counted', () => {
    const ctx = { caseId: '0f8fad5b-d9cb-469f-a165-70867728950e', actor: moveIn, at: openedAt, policy: policyFor(hukouMigration), ...testEnv };
    const before = decideOpen(hukouMigration, input({ metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 0 }] }), {
      ...ctx,
      patched: (id) => id !== 'hukou-permit-residence-years',
    });
    expect(before.map((e) => e.type)).toEqual(['CaseOpened']);
    const checked = [...before, ...population(before)];
    expect(pendingTasks(hukouMigration, state(checked))).toEqual([]);
    const assessment = accepted(checked).at(-1) as LooseEvent;
    expect(assessment.data.metroArea).not.toHaveProperty('residenceYearsFrom');
    expect(assessment.data).toMatchObject({ residenceYears: 8, points: { total: 72 } });
  });
});
