import { accessPolicy } from '../../../domain/access';
import {
  decideOpen,
  defaultReferenceSet,
  fold,
  hukouMigration,
  officePolicyProblems,
  policyFor,
  portVisa,
  type CaseState,
  type OpenCaseInput,
  type ReferenceSet,
} from '../../../domain';
import { caseworker, given, supervisor, testEnv, type LooseEvent } from '../support/given';

/** The office directory and per-office policy as reference data: what a case records of them, and what they decide. */
const FROM = '310101'; // Shanghai Huangpu (origin)
const TO = '440106'; // Guangzhou Tianhe (receives and decides)
const openedAt = '2026-11-25T02:00:00.000Z';
const acceptedAt = '2026-11-25T03:00:00.000Z'; // Wednesday 25 November, 11:00 in Shanghai
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

const input = (channel: OpenCaseInput['channel'] = 'cross-province'): OpenCaseInput => ({
  type: 'hukou-migration',
  channel,
  receivingOffice: TO,
  applicant: { name: '李娜', idNumber: '310101199205061233' },
  materials: ['application form', 'labour contract'],
  details: { category: 'work-transfer', fromOffice: FROM, toOffice: TO, destinationCity: { code: '440100' }, residenceYears: 8, socialInsuranceYears: 20 },
});
const lodge = (reference: ReferenceSet, channel?: OpenCaseInput['channel']) =>
  decideOpen(hukouMigration, input(channel), {
    caseId: 'c0ffee00-0000-4000-8000-000000000001',
    actor: caseworker(TO),
    at: openedAt,
    policy: policyFor(hukouMigration),
    ...testEnv,
    reference,
  }) as LooseEvent[];
const withTable = <N extends keyof ReferenceSet>(name: N, snapshot: ReferenceSet[N]): ReferenceSet => ({ ...defaultReferenceSet(), [name]: snapshot });

describe('the office directory a case is lodged with', () => {
  it('is recorded in CaseOpened as its version and the entries of the case’s own offices and those above them only', () => {
    const [ev] = lodge(defaultReferenceSet());
    expect(ev.data.officeDirectory.version).toBe('default');
    // Tianhe's county bureau, Guangzhou's city bureau, Guangdong's department; Huangpu's bureau and Shanghai's.
    expect(Object.keys(ev.data.officeDirectory.data).sort()).toEqual(['310000', FROM, '440000', '440100', TO]);
    expect(ev.data.officeDirectory.data[TO]).toMatchObject({ name: '广州市公安局天河区分局', kind: 'county-bureau', parent: '440100', province: '44' });
    expect(ev.data.crossProvince).toBe(true);
  });

  it('decides which province an office lies in: a directory that puts both offices in one province makes the case local', () => {
    const directory = withTable('offices', {
      version: 'merged',
      data: { [FROM]: { name: 'origin', kind: 'county-bureau', province: '44' }, [TO]: { name: 'move-in', kind: 'county-bureau', province: '44' } },
    });
    expect(lodge(directory, 'window')[0].data.crossProvince).toBe(false);
    expect(() => lodge(directory, 'cross-province')).toThrow(/two provinces/);
    // An office the directory does not list lies in the province its code names (GB/T 2260).
    expect(lodge(withTable('offices', { version: 'empty', data: {} }))[0].data.crossProvince).toBe(true);
  });
});

describe('who may revoke: the deciding office or one above it, by the directory the case was lodged with (行政許可法 art 69)', () => {
  const directory = (
    data: Record<string, { name: string; kind: 'county-bureau' | 'city-bureau' | 'province-department'; parent?: string; province: string }>,
  ) => ({ version: 'test', data }) as never;
  const policy = accessPolicy;

  it('follows the parent chain where the directory lists the office', () => {
    // A county bureau placed under another city's bureau than its code suggests (e.g. after a redistricting).
    const d = directory({
      [TO]: { name: 'Tianhe', kind: 'county-bureau', parent: '440300', province: '44' },
      '440300': { name: 'city', kind: 'city-bureau', parent: '440000', province: '44' },
      '440000': { name: 'province', kind: 'province-department', province: '44' },
    });
    expect(policy.isSupervisorOfOrAbove(supervisor('440300'), TO, d)).toBe(true);
    expect(policy.isSupervisorOfOrAbove(supervisor('440000'), TO, d)).toBe(true);
    expect(policy.isSupervisorOfOrAbove(supervisor(TO), TO, d)).toBe(true);
    expect(policy.isSupervisorOfOrAbove(supervisor('000000'), TO, d)).toBe(true);
    // Its code names Guangzhou (4401xx), but the directory puts it elsewhere.
    expect(policy.isSupervisorOfOrAbove(supervisor('440100'), TO, d)).toBe(false);
    expect(policy.isSupervisorOfOrAbove(caseworker('440300'), TO, d)).toBe(false);
  });

  it('reads the hierarchy from the codes for an office the directory does not list, or a case lodged without one', () => {
    expect(policy.isSupervisorOfOrAbove(supervisor('440100'), TO, directory({}))).toBe(true);
    expect(policy.isSupervisorOfOrAbove(supervisor('440100'), TO)).toBe(true);
    expect(policy.isSupervisorOfOrAbove(supervisor('440300'), TO)).toBe(false);
  });
});

describe('per-office policy: the limits an office commits to, recorded at lodging', () => {
  const local = (limit: number): ReferenceSet =>
    withTable('office-policies', {
      version: `local-${limit}`,
      data: {
        [TO]: { clocks: { 'hukou-migration': { decision: { limit } } }, source: 'Tianhe bureau service commitment' },
        '440104': { clocks: { 'hukou-migration': { decision: { limit: 5 } } } }, // another office's: not this case's
      },
    });
  const decisionDeadline = (events: LooseEvent[]) => {
    const accepted = given(hukouMigration, events as never)
      .when(caseworker(TO), 'accept', {}, acceptedAt)
      // Eligibility waits for the residence-permit records, not asked for here (docs/domain.md §7.4).
      .then([{ type: 'CaseAccepted' }])[0];
    const state = fold(hukouMigration, [...(events as never[]), accepted as never]) as CaseState;
    expect(accepted.clocks?.find((c) => c.clock === 'decision')?.deadline).toBe(state.clocks.decision.deadline);
    return state.clocks.decision.deadline;
  };

  it('gives the deciding office’s shorter decision clock, and records the version and the entry applied', () => {
    const events = lodge(local(15));
    const policy = events[0].data.policy;
    expect(policy.clocks.decision).toMatchObject({ limit: 15, maxExtension: 10 });
    expect(policy.clocks.completeness.limit).toBe(5);
    expect(policy.local).toEqual({
      version: 'local-15',
      offices: { [TO]: { clocks: { 'hukou-migration': { decision: { limit: 15 } } }, source: 'Tianhe bureau service commitment' } },
    });
    // 15 WD after Wednesday 25 November 2026, instead of the 20 WD of 行政許可法 art 42.
    expect(decisionDeadline(events)).toBe(endOf('2026-12-16'));
    expect(decisionDeadline(lodge(defaultReferenceSet()))).toBe(endOf('2026-12-23'));
  });

  it('refuses, when published, a commitment longer than the statute, an unknown case type or clock', () => {
    expect(officePolicyProblems({ [TO]: { clocks: { 'hukou-migration': { decision: { limit: 20 }, supplement: { limit: 60 } } } } })).toEqual([]);
    const problems = officePolicyProblems({
      [TO]: { clocks: { 'hukou-migration': { decision: { limit: 25 }, supplement: { limit: 91 }, lunch: { limit: 1 } }, 'fishing-licence': {} } },
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual([
      `${TO}.clocks.hukou-migration.decision.limit`,
      `${TO}.clocks.hukou-migration.supplement.limit`,
      `${TO}.clocks.hukou-migration.lunch`,
      `${TO}.clocks.fishing-licence`,
    ]);
    expect(problems[0].message).toMatch(/less than the 20 WD/);
  });
});

describe('port visa offices: the ports of the directory the case is lodged with (出境入境管理法 art 20)', () => {
  const port = (receivingOffice: string, portName: string): OpenCaseInput => ({
    type: 'port-visa',
    channel: 'window',
    receivingOffice,
    applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
    materials: ['passport'],
    details: { port: portName, purpose: 'humanitarian', intendedStayDays: 7 },
  });
  const lodgePort = (input: OpenCaseInput, reference: ReferenceSet) =>
    decideOpen(portVisa, input, {
      caseId: 'c0ffee00-0000-4000-8000-000000000002',
      actor: caseworker(input.receivingOffice),
      at: openedAt,
      policy: policyFor(portVisa),
      ...testEnv,
      reference,
    }) as LooseEvent[];
  const directory = (data: Record<string, { ports?: string[] }>): ReferenceSet =>
    withTable('offices', {
      version: 'ports',
      data: Object.fromEntries(Object.entries(data).map(([code, e]) => [code, { name: code, kind: 'port' as const, province: code.slice(0, 2), ...e }])),
    });

  it('takes a port visa at an office the shipped directory lists for that port, and records its entry', () => {
    const [ev] = lodgePort(port('440304', 'Shenzhen Huanggang'), defaultReferenceSet());
    expect(ev.data.officeDirectory.data['440304']).toMatchObject({ kind: 'port', ports: ['Shenzhen Huanggang', 'Shenzhen Futian'] });
  });

  it('follows a published directory: a new port office may lodge, one that no longer serves the port may not', () => {
    const published = directory({ '440106': { ports: ['Guangzhou South Railway Station'] }, '440113': { ports: ['Guangzhou Baiyun Airport'] } });
    expect(lodgePort(port('440113', 'Guangzhou Baiyun Airport'), published)[0].type).toBe('CaseOpened');
    expect(() => lodgePort(port('440106', 'Guangzhou Baiyun Airport'), published)).toThrow(/does not serve Guangzhou Baiyun Airport/);
    expect(() => lodgePort(port('440104', 'Guangzhou Baiyun Airport'), published)).toThrow(/not a port visa office/);
  });
});
