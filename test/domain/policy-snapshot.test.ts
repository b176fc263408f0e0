import { creditCodeCheckCharacter, fold, portVisa, type CaseState, type OpenCaseInput } from '../../domain';
import { caseworker, opened, type LooseEvent } from './support/given';

const input: OpenCaseInput = {
  type: 'port-visa',
  channel: 'window',
  receivingOffice: '440106',
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport', 'invitation letter'],
  details: {
    port: 'Guangzhou Baiyun Airport',
    purpose: 'business',
    invitingCompany: { creditCode: `91440101MA5CK7L2X${creditCodeCheckCharacter('91440101MA5CK7L2X')}`, name: 'Canton Trading Co.' },
    intendedStayDays: 14,
  },
};
const openedAt = '2026-11-25T02:00:00.000Z';

describe('the policy snapshot of CaseOpened', () => {
  it('holds the policy version, clocks and per-office policy applied only: the test-only time scale is no fact of the case', () => {
    const [ev] = opened(portVisa, input, caseworker('440106'), openedAt) as LooseEvent[];
    expect(Object.keys(ev.data.policy as object).sort()).toEqual(['clocks', 'local', 'version']);
  });

  it('still folds events recorded when the snapshot carried timeScale, with the same clocks', () => {
    const [ev] = opened(portVisa, input, caseworker('440106'), openedAt) as LooseEvent[];
    const recorded = { ...ev, data: { ...ev.data, policy: { ...(ev.data.policy as object), timeScale: 7_200 } } };
    const now = fold(portVisa, [ev]) as CaseState;
    const then = fold(portVisa, [recorded]) as CaseState;
    expect(then.clocks).toEqual(now.clocks);
    expect(then.status).toBe('submitted');
  });
});
