import { actionsOf, allowedActions, creditCodeCheckCharacter, fold, multiEntryVisa, portVisa, type CaseState, type OpenCaseInput } from '../../../domain';
import { caseworker, given, opened, supervisor } from '../support/given';

const PORT = '440106';
const code17 = '91440101MA5CK7L2X';
const company = { creditCode: code17 + creditCodeCheckCharacter(code17), name: 'Canton Trading Co.' };
// A multi-entry visa: a type accepted by a caseworker's `accept` after the completeness check.
const input: OpenCaseInput = {
  type: 'multi-entry-visa',
  channel: 'window',
  receivingOffice: PORT,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport'],
  details: {
    currentVisa: { type: 'M', entryDate: '2026-11-20', stayUntil: '2026-12-19' },
    invitingCompany: company,
    requestedValidityYears: 3,
    passportValidUntil: '2031-05-31',
  },
};
const portVisaInput: OpenCaseInput = {
  type: 'port-visa',
  channel: 'window',
  receivingOffice: PORT,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport'],
  details: { port: 'Guangzhou Baiyun Airport', purpose: 'business', invitingCompany: company, intendedStayDays: 14 },
};
const lodged = () => opened(multiEntryVisa, input, caseworker(PORT), '2026-11-25T02:00:00.000Z');
const accept = actionsOf(multiEntryVisa).get('accept')!;

describe('guards', () => {
  it('return a refusal instead of throwing: who (403) before when (409)', () => {
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    expect(accept.guard(s, caseworker(PORT))).toBeNull();
    expect(accept.guard(s, caseworker('440105'))).toEqual({ kind: 'forbidden', message: `only a caseworker of office ${PORT} may accept a case` });
    const closed = fold(multiEntryVisa, [
      ...lodged(),
      { type: 'CaseWithdrawn', data: { reason: 'changed plans' }, at: '2026-11-25T03:00:00.000Z' },
    ]) as CaseState;
    expect(accept.guard(closed, caseworker('440105'))).toMatchObject({ kind: 'forbidden' });
    expect(accept.guard(closed, caseworker(PORT))).toEqual({ kind: 'conflict', message: 'cannot accept a case that is withdrawn (allowed when submitted)' });
  });

  it('are what decide throws and what allowedActions lists', () => {
    given(multiEntryVisa, lodged())
      .when(caseworker('440105'), 'accept', {})
      .thenFails('forbidden', /only a caseworker of office 440106 may accept a case/);
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    expect(allowedActions(multiEntryVisa, s, caseworker(PORT))).toEqual(['request-materials', 'accept', 'refuse-acceptance', 'assign', 'withdraw']);
    expect(allowedActions(multiEntryVisa, s, supervisor('440000'))).toEqual(['assign']);
    expect(allowedActions(multiEntryVisa, s, caseworker('110101'))).toEqual([]);
  });

  it('list no accept for a type accepted at lodging, and refuse it to anyone with a 409', () => {
    const events = opened(portVisa, portVisaInput, caseworker(PORT), '2026-11-25T02:00:00.000Z');
    const s = fold(portVisa, events) as CaseState;
    expect(allowedActions(portVisa, s, caseworker(PORT))).toEqual(['request-materials', 'assign', 'refuse', 'withdraw']);
    given(portVisa, events)
      .when(caseworker('440105'), 'accept', {})
      .thenFails('conflict', /accepted when it is lodged/);
  });
});

describe('evolve', () => {
  it('folds an event type no case type knows as no change but a new version', () => {
    const s = fold(multiEntryVisa, lodged()) as CaseState;
    const after = fold(multiEntryVisa, [{ type: 'SomethingUnknown', data: {}, at: '2026-11-25T03:00:00.000Z' }], s) as CaseState;
    expect(after).toEqual({ ...s, version: s.version + 1, updatedAt: '2026-11-25T03:00:00.000Z' });
  });
});
