import { actionsOf, allowedActions, creditCodeCheckCharacter, fold, portVisa, type CaseState, type OpenCaseInput } from '../../../domain';
import { caseworker, given, opened, supervisor } from '../support/given';

const PORT = '440106';
const code17 = '91440101MA5CK7L2X';
const input: OpenCaseInput = {
  type: 'port-visa',
  channel: 'window',
  receivingOffice: PORT,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport'],
  details: {
    port: 'Guangzhou Baiyun Airport',
    purpose: 'business',
    invitingCompany: { creditCode: code17 + creditCodeCheckCharacter(code17), name: 'Canton Trading Co.' },
    intendedStayDays: 14,
  },
};
const lodged = () => opened(portVisa, input, caseworker(PORT), '2026-11-25T02:00:00.000Z');
const accept = actionsOf(portVisa).get('accept')!;

describe('guards', () => {
  it('return a refusal instead of throwing: who (403) before when (409)', () => {
    const s = fold(portVisa, lodged()) as CaseState;
    expect(accept.guard(s, caseworker(PORT))).toBeNull();
    expect(accept.guard(s, caseworker('440105'))).toEqual({ kind: 'forbidden', message: `only a caseworker of office ${PORT} may accept a case` });
    const closed = fold(portVisa, [...lodged(), { type: 'CaseWithdrawn', data: { reason: 'changed plans' }, at: '2026-11-25T03:00:00.000Z' }]) as CaseState;
    expect(accept.guard(closed, caseworker('440105'))).toMatchObject({ kind: 'forbidden' });
    expect(accept.guard(closed, caseworker(PORT))).toEqual({ kind: 'conflict', message: 'cannot accept a case that is withdrawn (allowed when submitted)' });
  });

  it('are what decide throws and what allowedActions lists', () => {
    given(portVisa, lodged())
      .when(caseworker('440105'), 'accept', {})
      .thenFails('forbidden', /only a caseworker of office 440106 may accept a case/);
    const s = fold(portVisa, lodged()) as CaseState;
    expect(allowedActions(portVisa, s, caseworker(PORT))).toEqual(['request-materials', 'accept', 'refuse-acceptance', 'assign', 'withdraw']);
    expect(allowedActions(portVisa, s, supervisor('440000'))).toEqual(['assign']);
    expect(allowedActions(portVisa, s, caseworker('110101'))).toEqual([]);
  });
});

describe('evolve', () => {
  it('folds an event type no case type knows as no change but a new version', () => {
    const s = fold(portVisa, lodged()) as CaseState;
    const after = fold(portVisa, [{ type: 'SomethingUnknown', data: {}, at: '2026-11-25T03:00:00.000Z' }], s) as CaseState;
    expect(after).toEqual({ ...s, version: s.version + 1, updatedAt: '2026-11-25T03:00:00.000Z' });
  });
});
