import {
  decideAction,
  decideTaskResult,
  fold,
  hukouMigration,
  pendingTasks,
  portVisa,
  toView,
  waitingOn,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
} from '../../../domain';
import { caseworker, given, opened, supervisor, testEnv } from '../support/given';

/** Corrections of a decided case (docs/domain.md §1; 行政許可法 arts 8, 69; 公通字〔2016〕21號 for hukou items). */
const FROM = '440105'; // Guangzhou Haizhu (origin, same province)
const TO = '440106'; // Guangzhou Tianhe (move-in office, decides)
const openedAt = '2026-11-25T02:00:00.000Z';
const moveIn = caseworker(TO);
const origin = caseworker(FROM);
const chief = supervisor(TO);

const input: OpenCaseInput = {
  type: 'hukou-migration',
  channel: 'window',
  receivingOffice: TO,
  applicant: { name: '张三', idNumber: '440105199001011239' },
  materials: ['application form'],
  details: { category: 'talent', fromOffice: FROM, toOffice: TO, destinationCity: { code: '440100' }, residenceYears: 0, socialInsuranceYears: 0 },
};

/** Lodged, checked, accepted, approved, moved out and settled: completed, with its permit and certificate. */
function completed(): CaseEvent[] {
  const events: CaseEvent[] = [...opened(hukouMigration, input, moveIn, openedAt)];
  const s = fold(hukouMigration, events) as CaseState;
  for (const t of pendingTasks(hukouMigration, s)) {
    events.push(
      ...decideTaskResult(hukouMigration, s, t, { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: FROM } } }, openedAt, testEnv),
    );
  }
  for (const [actor, action] of [
    [moveIn, 'accept'],
    [moveIn, 'approve'],
    [origin, 'confirm-move-out'],
    [moveIn, 'register-settlement'],
  ] as const) {
    events.push(...decideAction(hukouMigration, fold(hukouMigration, events)!, action, {}, { actor, at: '2026-11-25T03:00:00.000Z', ...testEnv }));
  }
  expect(fold(hukouMigration, events)?.status).toBe('completed');
  return events;
}

const request = { field: 'applicant.name', value: '张叁', reason: 'the register records 张叁; the window typed 张三' };
const requested = () => [
  ...completed(),
  ...given(hukouMigration, completed())
    .when(moveIn, 'request-correction', request)
    .then([{ type: 'CorrectionRequested' }]),
];

describe('corrections of a decided case', () => {
  it('given a completed hukou case, when a caseworker of the deciding office requests a name correction, then CorrectionRequested is recorded and the case waits for its supervisor', () => {
    given(hukouMigration, completed())
      .when(moveIn, 'request-correction', request)
      .then([{ type: 'CorrectionRequested', data: request }]);
    const s = fold(hukouMigration, requested()) as CaseState;
    expect(s).toMatchObject({ status: 'completed', correction: { field: 'applicant.name', value: '张叁' } });
    expect(waitingOn(hukouMigration, s)).toBe(TO);
  });

  it('given an open request, when a supervisor of the deciding office approves it, then the name is corrected and each document showing it reissued, the old one superseded', () => {
    const before = fold(hukouMigration, requested()) as CaseState;
    const old = before.documents.map((d) => d.number);
    expect(before.documents.map((d) => d.kind)).toEqual(['move-in-permit', 'migration-certificate']);
    const [approved] = given(hukouMigration, requested())
      .when(chief, 'decide-correction', { decision: 'approve', reason: 'confirmed against the population register' })
      .then([
        {
          type: 'CorrectionApproved',
          data: {
            field: 'applicant.name',
            oldValue: '张三',
            newValue: '张叁',
            legalBasis: expect.stringContaining('公通字〔2016〕21號'),
            reissued: old.map((replaces) => ({ number: `${replaces}-R1`, replaces })),
          },
        },
      ]);
    // The new numbers are issued documents: their verification facts are recorded on the event.
    expect(approved.documents?.map((d) => d.number)).toEqual(old.map((n) => `${n}-R1`));
    expect(approved.documents?.every((d) => /^[0-9A-Z]{10}$/.test(d.verificationCode))).toBe(true);

    const after = fold(hukouMigration, [...requested(), approved]) as CaseState;
    expect(after).toMatchObject({ status: 'completed', applicant: { name: '张叁' }, correction: null });
    expect(after.corrections).toEqual([expect.objectContaining({ field: 'applicant.name', decision: 'approved', oldValue: '张三', newValue: '张叁' })]);
    expect(after.documents.filter((d) => d.revoked === true).map((d) => d.number)).toEqual(old);
    expect(after.documents.filter((d) => d.revoked !== true).map((d) => d.replaces)).toEqual(old);
    expect(waitingOn(hukouMigration, after)).toBeNull();
    // A second correction numbers the documents on from the first.
    const again = [...requested(), approved];
    const second = given(hukouMigration, again)
      .when(moveIn, 'request-correction', { ...request, value: '张叄' })
      .then([{ type: 'CorrectionRequested' }]);
    given(hukouMigration, [...again, ...second])
      .when(chief, 'decide-correction', { decision: 'approve', reason: 'x' })
      .then([{ type: 'CorrectionApproved', data: { oldValue: '张叁', reissued: old.map((n) => ({ number: `${n}-R2`, replaces: `${n}-R1` })) } }]);
  });

  it('given an open request, when the supervisor rejects it, then nothing is corrected and another may be requested', () => {
    const [rejected] = given(hukouMigration, requested())
      .when(chief, 'decide-correction', { decision: 'reject', reason: 'the register agrees with the permit' })
      .then([{ type: 'CorrectionRejected', data: { field: 'applicant.name', reason: 'the register agrees with the permit' } }]);
    const s = fold(hukouMigration, [...requested(), rejected]) as CaseState;
    expect(s).toMatchObject({ applicant: { name: '张三' }, correction: null, corrections: [{ field: 'applicant.name', decision: 'rejected' }] });
    expect(s.documents.some((d) => d.revoked)).toBe(false);
    given(hukouMigration, [...requested(), rejected])
      .when(moveIn, 'request-correction', request)
      .then([{ type: 'CorrectionRequested' }]);
  });

  it('refuses who may not: another office or role requests (403), a caseworker decides (403), a supervisor of another province decides (403)', () => {
    given(hukouMigration, completed()).when(caseworker('440104'), 'request-correction', request).thenFails('forbidden');
    given(hukouMigration, completed()).when(chief, 'request-correction', request).thenFails('forbidden');
    given(hukouMigration, requested()).when(moveIn, 'decide-correction', { decision: 'approve', reason: 'x' }).thenFails('forbidden');
    given(hukouMigration, requested()).when(supervisor('310000'), 'decide-correction', { decision: 'approve', reason: 'x' }).thenFails('forbidden');
    // An office above the deciding one may (the province department).
    given(hukouMigration, requested())
      .when(supervisor('440000'), 'decide-correction', { decision: 'reject', reason: 'x' })
      .then([{ type: 'CorrectionRejected' }]);
  });

  it('refuses when not now (409): a second open request, a decision with none open, a case not decided yet', () => {
    given(hukouMigration, requested())
      .when(moveIn, 'request-correction', request)
      .thenFails('conflict', /already requested/);
    given(hukouMigration, completed())
      .when(chief, 'decide-correction', { decision: 'approve', reason: 'x' })
      .thenFails('conflict', /no correction/);
    const lodged = opened(hukouMigration, input, moveIn, openedAt);
    given(hukouMigration, lodged)
      .when(moveIn, 'request-correction', request)
      .thenFails('conflict', /only a decided case/);
  });

  it('refuses what is not a correction (422 or 400): a field the type cannot correct, a bad ID number, the same value, a malformed body', () => {
    given(hukouMigration, completed())
      .when(moveIn, 'request-correction', { ...request, field: 'details.category' })
      .thenFails('rule', /cannot correct details\.category; correctable: applicant\.name, applicant\.idNumber/);
    given(hukouMigration, completed())
      .when(moveIn, 'request-correction', { ...request, field: 'applicant.idNumber', value: '440105199001011230' })
      .thenFails('rule', /check character/);
    given(hukouMigration, completed())
      .when(moveIn, 'request-correction', { ...request, value: '张三' })
      .thenFails('rule', /already holds/);
    given(hukouMigration, completed()).when(moveIn, 'request-correction', { field: 'applicant.name', value: '张叁' }).thenFails('invalid');
    given(hukouMigration, requested()).when(chief, 'decide-correction', { decision: 'maybe', reason: 'x' }).thenFails('invalid');
  });

  it('given a type that declares nothing correctable (a port visa), when a correction is requested, then it is a 409 saying to revoke instead', () => {
    const visa: OpenCaseInput = {
      type: 'port-visa',
      channel: 'window',
      receivingOffice: TO,
      applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
      materials: ['passport'],
      details: { port: 'Guangzhou Baiyun Airport', purpose: 'humanitarian', intendedStayDays: 7 },
    };
    const events = [...opened(portVisa, visa, moveIn, openedAt)];
    events.push(
      ...given(portVisa, events)
        .when(moveIn, 'approve', {})
        .then([{ type: 'CaseApproved' }, { type: 'VisaIssued' }, { type: 'CaseCompleted' }]),
    );
    given(portVisa, events)
      .when(moveIn, 'request-correction', request)
      .thenFails('conflict', /nothing that can be corrected: revoke/);
  });

  it('given an open request, the case view shows it; the actions are offered to whom they are for', () => {
    const s = fold(hukouMigration, requested()) as CaseState;
    expect(toView(s).correction).toMatchObject({ field: 'applicant.name', value: '张叁' });
  });
});
