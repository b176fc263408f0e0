import { testEnv } from '../support/given';
import {
  allowedActions,
  creditCodeCheckCharacter,
  decideTaskResult,
  decideTimers,
  fold,
  pendingTasks,
  portVisa,
  type CaseState,
  type OpenCaseInput,
} from '../../../domain';
import { caseworker, given, officeHead, opened, type LooseEvent } from '../support/given';

const PORT = '440106';
const validCode = (prefix17: string) => prefix17 + creditCodeCheckCharacter(prefix17);
const company = validCode('91440101MA5CK7L2X');
const openedAt = '2026-11-25T02:00:00.000Z'; // Wednesday 10:00 in Guangzhou

const input = (over: Partial<Record<string, unknown>> = {}): OpenCaseInput => ({
  type: 'port-visa',
  channel: 'window',
  receivingOffice: PORT,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport', 'invitation letter'],
  details: {
    port: 'Guangzhou Baiyun Airport',
    purpose: 'business',
    invitingCompany: { creditCode: company, name: 'Canton Trading Co.' },
    intendedStayDays: 14,
    ...over,
  },
});

const portWorker = caseworker(PORT);
const lodged = () => opened(portVisa, input(), portWorker, openedAt);
const verified = (ok: boolean) => {
  const s = fold(portVisa, lodged()) as CaseState;
  const [check] = pendingTasks(portVisa, s);
  return decideTaskResult(portVisa, s, check, { ok: true, value: { ok, detail: ok ? 'active company' : 'registration revoked' } }, openedAt, testEnv);
};
describe('port visa: opening', () => {
  it('records the case with the policy snapshot, accepted, its hours clock running', () => {
    const [ev] = lodged();
    expect(ev).toMatchObject({ type: 'CaseOpened', data: { type: 'port-visa', receivingOffice: PORT, handlingOffice: PORT, crossProvince: false } });
    const s = fold(portVisa, lodged()) as CaseState;
    expect(s).toMatchObject({ status: 'accepted', version: 2 });
    expect(s.clocks.decision.state).toBe('on-track');
    expect(s.policy.clocks.decision).toMatchObject({ unit: 'hours', limit: 4 });
  });

  it('refuses a stay over 30 days (422)', () => {
    expect(() => opened(portVisa, input({ intendedStayDays: 31 }), portWorker, openedAt)).toThrow(/at most 30 days/);
  });

  it('refuses a credit code with a wrong check character (422)', () => {
    const bad = company.slice(0, 17) + (company[17] === '0' ? '1' : '0');
    expect(() => opened(portVisa, input({ invitingCompany: { creditCode: bad, name: 'X' } }), portWorker, openedAt)).toThrow(/check character/);
  });

  it('refuses a caseworker of another office (403)', () => {
    expect(() => opened(portVisa, input(), caseworker('310101'), openedAt)).toThrow(/cannot lodge/);
  });
});

describe('port visa: intake', () => {
  it('requests materials once only', () => {
    const requested = given(portVisa, lodged())
      .when(portWorker, 'request-materials', { items: ['return ticket'] })
      .then([{ type: 'MaterialsRequested', data: { items: ['return ticket'] } }]);
    const supplemented = given(portVisa, [...lodged(), ...requested])
      .when(portWorker, 'supplement', { items: ['return ticket'] })
      .then([{ type: 'MaterialsSupplemented' }]);
    given(portVisa, [...lodged(), ...requested, ...supplemented])
      .when(portWorker, 'request-materials', { items: ['more'] })
      .thenFails('conflict', /already requested once/);
  });

  it('rejects an unknown field in an action body (400)', () => {
    given(portVisa, lodged()).when(portWorker, 'assign', { assignee: 'cw-440106', extra: 1 }).thenFails('invalid');
  });
});

describe('port visa: decision', () => {
  it('approves a verified case and issues a single-entry visa for that port', () => {
    given(portVisa, [...lodged(), ...verified(true)])
      .when(portWorker, 'approve', {})
      .then([
        { type: 'CaseApproved' },
        { type: 'VisaIssued', data: { entries: 1, stayDays: 14, port: 'Guangzhou Baiyun Airport' } },
        { type: 'CaseCompleted' },
      ]);
  });

  it('does not approve before the inviting company is verified (409)', () => {
    given(portVisa, lodged())
      .when(portWorker, 'approve', {})
      .thenFails('conflict', /not been verified/);
  });

  it('shows a failed company verification and allows only refusal', () => {
    const events = [...lodged(), ...verified(false)];
    given(portVisa, events)
      .when(portWorker, 'approve', {})
      .thenFails('conflict', /failed verification/);
    given(portVisa, events)
      .when(portWorker, 'refuse', {})
      .then([{ type: 'CaseRefused', data: { final: false, appealable: true, reason: null } }]);
  });

  it('keeps other offices out (403) and does not let a supervisor extend an hour clock (409)', () => {
    const events = [...lodged(), ...verified(true)];
    given(portVisa, events).when(caseworker('310101'), 'approve', {}).thenFails('forbidden');
    given(portVisa, events).when(officeHead(PORT), 'extend-deadline', { workingDays: 5, reason: 'x' }).thenFails('conflict');
  });

  it('withdraws an open case and then refuses further actions', () => {
    const withdrawn = given(portVisa, lodged())
      .when(portWorker, 'withdraw', { reason: 'trip cancelled' })
      .then([{ type: 'CaseWithdrawn' }]);
    given(portVisa, [...lodged(), ...withdrawn])
      .when(portWorker, 'approve', {})
      .thenFails('conflict');
  });
});

describe('port visa: a refusal is not final (issue 11, finding 11)', () => {
  // 出境入境管理法 art 21: no reason required; art 36 makes final only refusals to extend, exchange or
  // replace a visa, or to issue or extend a residence/stay document — a port visa is none of them.
  it('refuses without a reason, appealably, citing art 21', () => {
    const events = [...lodged(), ...verified(true)];
    const [refused] = given(portVisa, events)
      .when(portWorker, 'refuse', {})
      .then([{ type: 'CaseRefused', data: { reason: null, final: false, appealable: true } }]);
    expect(refused.data.legalBasis).toContain('第二十一条');
  });
});

describe('port visa: decided at the port, in hours from lodging (issue 11, finding 1)', () => {
  // docs/domain.md §4: one clock in hours from lodging (goal 2 h, deadline 4 h, inferred), no 5 WD completeness clock;
  // accepted when lodged in person at the port office, which decides; humanitarian entries need no company.
  const states = (events: LooseEvent[]) => fold(portVisa, events) as CaseState;

  it('accepts the case at lodging: the receipt comes with the opening and the hours clock runs from it', () => {
    const events: LooseEvent[] = lodged();
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'CaseAccepted']);
    expect(events[1].data.receiptNumber).toMatch(/^SL-440106-20261125-/);
    const s = states(events);
    expect(s).toMatchObject({ status: 'accepted', acceptedAt: openedAt });
    expect(s.receipts).toEqual([expect.objectContaining({ kind: 'acceptance', at: openedAt })]);
    expect(s.clocks.completeness).toBeUndefined();
    expect(s.clocks.decision).toMatchObject({ startedAt: openedAt, state: 'on-track', deadline: '2026-11-25T06:00:00.000Z' });
    expect(s.policy.clocks.completeness).toBeUndefined();
  });

  it('has no accept action: asking for one is a 409', () => {
    given(portVisa, lodged())
      .when(portWorker, 'accept', {})
      .thenFails('conflict', /accepted when it is lodged/);
  });

  it('breaches 4 hours after lodging, never 5 working days later, and escalates every hour', () => {
    const s = states(lodged());
    const kinds = decideTimers(portVisa, s, '2026-11-25T08:30:00.000Z', testEnv).map((e: LooseEvent) => `${e.type}:${e.data.clock}@${e.at}`);
    expect(kinds).toEqual([
      'SlaGoalMissed:decision@2026-11-25T04:00:00.000Z',
      'SlaDeadlinePassed:decision@2026-11-25T06:00:00.000Z',
      'SlaEscalated:decision@2026-11-25T07:00:00.000Z',
      'SlaEscalated:decision@2026-11-25T08:00:00.000Z',
    ]);
  });

  it('keeps the one-time notice: the hours clock stands still while the traveller supplements', () => {
    const requested = given(portVisa, lodged())
      .when(portWorker, 'request-materials', { items: ['return ticket'] }, '2026-11-25T03:00:00.000Z')
      .then([{ type: 'MaterialsRequested' }]);
    expect(states([...lodged(), ...requested])).toMatchObject({ status: 'awaiting-materials' });
    const supplemented = given(portVisa, [...lodged(), ...requested])
      .when(portWorker, 'supplement', { items: ['return ticket'] }, '2026-11-25T04:00:00.000Z')
      .then([{ type: 'MaterialsSupplemented' }]);
    const s = states([...lodged(), ...requested, ...supplemented]);
    // Back to the decision, not to a second acceptance; the hour waited does not count against the office.
    expect(s.status).toBe('accepted');
    expect(s.clocks.completeness).toBeUndefined();
    expect(s.clocks.decision).toMatchObject({ state: 'on-track', deadline: '2026-11-25T07:00:00.000Z' });
    expect(allowedActionsOf(s)).not.toContain('accept');
  });

  it('is lodged in person: not online, and not on the cross-province channel (422/403)', () => {
    const online = { ...input(), channel: 'online' as const };
    expect(() => opened(portVisa, online, { id: 'traveller', role: 'applicant', office: '000000' }, openedAt)).toThrow(/in person at the port/);
    expect(() => opened(portVisa, { ...input(), channel: 'cross-province' as const }, portWorker, openedAt)).toThrow(/in person at the port/);
  });

  it('is lodged only at a port visa office, for a port it serves, and decided there (422)', () => {
    const inland = '440104';
    expect(() => opened(portVisa, { ...input(), receivingOffice: inland }, caseworker(inland), openedAt)).toThrow(/not a port visa office/);
    expect(() => opened(portVisa, input({ port: 'Shanghai Pudong Airport' }), portWorker, openedAt)).toThrow(/does not serve/);
    expect(() => opened(portVisa, { ...input(), handlingOffice: '310101' }, portWorker, openedAt)).toThrow(/decided by office 440106/);
  });

  it('needs no inviting company for a humanitarian entry, and approves it without a register check', () => {
    const humanitarian = input({ purpose: 'humanitarian' });
    delete (humanitarian.details as { invitingCompany?: unknown }).invitingCompany;
    const events = opened(portVisa, humanitarian, portWorker, openedAt);
    expect(pendingTasks(portVisa, states(events))).toEqual([]);
    given(portVisa, events)
      .when(portWorker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'VisaIssued', data: { visaType: 'L', entries: 1 } }, { type: 'CaseCompleted' }]);
  });

  it('still needs the inviting company for a business entry (422)', () => {
    const business = input();
    delete (business.details as { invitingCompany?: unknown }).invitingCompany;
    expect(() => opened(portVisa, business, portWorker, openedAt)).toThrow(/inviting company/);
  });
});

const allowedActionsOf = (s: CaseState) => allowedActions(portVisa, s, portWorker);
