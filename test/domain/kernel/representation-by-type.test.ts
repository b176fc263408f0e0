import {
  caseTypes,
  checkNewOpening,
  decideTaskResult,
  DomainError,
  fold,
  householdCertificate,
  idCardReplacement,
  newbornRegistration,
  pendingTasks,
  residencePermit,
  type AnyCaseTypeModule,
  type CaseState,
  type CaseType,
  type OpenCaseInput,
  type Representative,
  type TaskOutcome,
} from '../../../domain';
import { lodgingRefusal } from '../../../domain/access';
import { verifyRecord } from '../../../activities/verify-record';
import { createLocalRegistries } from '../../../activities/registries';
import { caseSamples, sampleIdNumber } from '../../support/case-samples';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

/**
 * Who may lodge for whom, type by type (issue 12; docs/domain.md §§2–5, 7): each type declares the capacities its
 * sources give, with the source; a capacity it does not give is refused at the boundary (422 at the window, 403
 * online) and nothing is opened.
 */
const at = new Date().toISOString();
const OFFICE = '440106';
const worker = caseworker(OFFICE);
const STRANGER_ID = '440106198512121239';
const online = (input: OpenCaseInput): OpenCaseInput => ({ ...input, channel: 'online' });

function refusal(module: AnyCaseTypeModule, input: OpenCaseInput): string | null {
  try {
    checkNewOpening(module, input, at);
    return null;
  } catch (e) {
    if (e instanceof DomainError && e.kind === 'rule') return e.message;
    throw e;
  }
}

describe('every type declares who may lodge for the applicant', () => {
  it.each(Object.entries(caseTypes) as [CaseType, AnyCaseTypeModule][])('%s: a list of capacities, each citing its source', (_type, module) => {
    expect(Array.isArray(module.representation)).toBe(true);
    for (const rule of module.representation ?? []) expect(rule.who).toMatch(/\((?:[^)]*(?:法|條例|条例|規定|规定|Order|inferred)[^)]*)\)/);
  });

  // The types whose sources name no one lodging for the applicant: any representative is refused, citing that.
  it.each(['hukou-migration', 'port-visa', 'multi-entry-visa', 'foreigner-residence-permit'] as const)('%s: lodged only by the person it is about', (type) => {
    for (const role of ['parent', 'guardian', 'relative', 'agent'] as const) {
      const representative: Representative = { role, name: '李四', idNumber: STRANGER_ID, powerOfAttorney: 'WT-1' };
      expect(refusal(caseTypes[type], { ...caseSamples[type].body(), representative })).toBe(
        `a ${type} case cannot be lodged by ${role === 'agent' ? 'an' : 'a'} ${role} of the applicant: it is lodged only by the person it is about`,
      );
    }
  });
});

describe('newborn registration: the declarant lodges for the child, who has no ID number yet (户口登记条例 art 7)', () => {
  const body = caseSamples['newborn-registration'].body();
  const declarant = (body.details as any).declarant as { relation: string; name: string; idNumber: string };

  it('given the mother declaring online, when her token names her, then she may lodge; a stranger may not', () => {
    expect(lodgingRefusal({ idNumber: declarant.idNumber }, online(body), at, newbornRegistration)).toBeNull();
    expect(lodgingRefusal({ idNumber: STRANGER_ID }, online(body), at, newbornRegistration)).toMatch(
      /^you may apply only for yourself, or as the parent who declares the birth in details\.declarant \(户口登记条例 art 7\), or as the relative/,
    );
  });

  it('given an online declaration, when it is decided, then the case opens for the child without an ID number and belongs to the declarant', () => {
    const [ev] = opened(newbornRegistration, online(body), applicant('wang-fang'), at) as LooseEvent[];
    expect(ev.type).toBe('CaseOpened');
    expect(ev.data.applicant).not.toHaveProperty('idNumber');
    expect(ev.data.applicantId).toBe('wang-fang');
  });

  it('given a relative or guardian declaring, when lodged, then the capacity is allowed and recorded', () => {
    for (const relation of ['relative', 'guardian'] as const) {
      const other = { ...body, details: { ...body.details, declarant: { relation, name: '李奶奶', idNumber: STRANGER_ID } } };
      expect(lodgingRefusal({ idNumber: STRANGER_ID }, online(other), at, newbornRegistration)).toBeNull();
      const representative: Representative = { role: relation, name: '李奶奶', idNumber: STRANGER_ID };
      const [ev] = opened(newbornRegistration, { ...other, representative }, worker, at) as LooseEvent[];
      expect(ev.data.representative).toEqual(representative);
    }
  });

  it('given a representative who is not the declarant, or an agent, when lodged, then it is refused (422)', () => {
    expect(refusal(newbornRegistration, { ...body, representative: { role: 'parent', name: '李四', idNumber: STRANGER_ID } })).toMatch(
      /a birth is lodged by its declarant \(户口登记条例 art 7\)/,
    );
    expect(refusal(newbornRegistration, { ...body, representative: { role: 'agent', name: '李四', idNumber: STRANGER_ID, powerOfAttorney: 'WT-1' } })).toMatch(
      /cannot be lodged by an agent of the applicant/,
    );
  });
});

describe('ID card replacement: a guardian for a holder under 16 (居民身份证法 arts 7, 11)', () => {
  const GUARDIAN_ID = '440106198001011230';
  const replacement = (birth: string): OpenCaseInput => {
    const base = caseSamples['id-card-replacement'].body();
    const birthDate = `${birth.slice(6, 10)}-${birth.slice(10, 12)}-${birth.slice(12, 14)}`;
    return {
      ...base,
      applicant: { name: '王小红', idNumber: sampleIdNumber(birth, 7), birthDate },
      details: { ...base.details, guardian: { name: '王大明', idNumber: GUARDIAN_ID } },
    };
  };
  const guardian: Representative = { role: 'guardian', name: '王大明', idNumber: GUARDIAN_ID };

  it('given a child of 12, when the guardian lodges online or at the window, then it is allowed and the kinship is checked', () => {
    const child = replacement('44010620140506');
    expect(lodgingRefusal({ idNumber: GUARDIAN_ID }, online(child), at, idCardReplacement)).toBeNull();
    const s = fold(idCardReplacement, opened(idCardReplacement, { ...child, representative: guardian }, worker, at)) as CaseState;
    expect(pendingTasks(idCardReplacement, s)).toContainEqual(expect.objectContaining({ key: 'representative', registry: 'kinship' }));
  });

  it('given a holder of 16 or more, when a guardian lodges, then it is refused citing arts 7, 11', () => {
    const adult = replacement('44010620000506');
    expect(refusal(idCardReplacement, { ...adult, representative: guardian })).toBe(
      'a guardian applies for a replacement ID card only for a holder under 16 (居民身份證法 arts 7, 11)',
    );
    expect(lodgingRefusal({ idNumber: GUARDIAN_ID }, online(adult), at, idCardReplacement)).toMatch(/for a holder under 16/);
    expect(refusal(idCardReplacement, { ...replacement('44010620140506'), representative: { ...guardian, role: 'agent', powerOfAttorney: 'WT-1' } })).toMatch(
      /cannot be lodged by an agent of the applicant: it is lodged only as the guardian/,
    );
  });
});

describe('residence permit: a guardian or near relative for a child under 16, an elderly or disabled person (居住證暫行條例 art 9)', () => {
  const base = caseSamples['residence-permit'].body();
  const relative: Representative = { role: 'relative', name: '陈大', idNumber: sampleIdNumber('31010119600101', 5) };
  const child = { ...base, applicant: { name: '陈小', idNumber: sampleIdNumber('31010120150315', 3) } };

  it('given a child under 16, when a guardian or relative lodges, then it is allowed', () => {
    expect(refusal(residencePermit, { ...child, representative: relative })).toBeNull();
    expect(refusal(residencePermit, { ...child, representative: { ...relative, role: 'guardian' } })).toBeNull();
  });

  it('given an adult, when a relative lodges without a reason, then it is refused; with one of art 9 it is allowed', () => {
    expect(refusal(residencePermit, { ...base, representative: relative })).toMatch(
      /only for a child under 16, or for an elderly person .*details\.representedBecause/,
    );
    for (const representedBecause of ['elderly-reduced-mobility', 'disability']) {
      expect(refusal(residencePermit, { ...base, representative: relative, details: { ...base.details, representedBecause } })).toBeNull();
    }
  });

  it('given an agent, when lodged, then it is refused: art 9 names guardians and near relatives only', () => {
    expect(refusal(residencePermit, { ...child, representative: { ...relative, role: 'agent', powerOfAttorney: 'WT-1' } })).toMatch(
      /^a residence-permit case cannot be lodged by an agent of the applicant/,
    );
  });
});

describe('household-registration certificates: a relative for a cancellation, an agent with a checked deed (inferred)', () => {
  const PRINCIPAL = '440106199003071231';
  const AGENT = '310101198507070018';
  const base: OpenCaseInput = { ...caseSamples['household-certificate'].body(), applicant: { name: '陳靜', idNumber: PRINCIPAL } };
  const agent = (powerOfAttorney?: string): Representative => ({
    role: 'agent',
    name: '李律師',
    idNumber: AGENT,
    ...(powerOfAttorney ? { powerOfAttorney } : {}),
  });
  const registries = createLocalRegistries({ latencyMs: 0 });

  it('given a relative, when lodging a cancellation certificate, then it is allowed; any other certificate is refused', () => {
    const relative: Representative = { role: 'relative', name: '陳大', idNumber: STRANGER_ID };
    expect(refusal(householdCertificate, { ...base, details: { ...base.details, subKind: 'cancellation' }, representative: relative })).toBeNull();
    expect(refusal(householdCertificate, { ...base, representative: relative })).toMatch(
      /a relative applies for another person only for a cancellation certificate \(inferred\)/,
    );
  });

  it('given an agent, when lodging without a deed, then it is refused; with one, the notarial register is asked about it', () => {
    expect(refusal(householdCertificate, { ...base, representative: agent() })).toMatch(/power of attorney \(民法典 art 165\)/);
    const s = fold(
      householdCertificate,
      opened(householdCertificate, { ...base, representative: agent('(2026)粵廣州天河證字第1204號') }, worker, at),
    ) as CaseState;
    expect(pendingTasks(householdCertificate, s)).toContainEqual({
      key: 'representative',
      kind: 'verify-record',
      registry: 'power-of-attorney',
      subject: `household-certificate|${PRINCIPAL}|${AGENT}|(2026)粵廣州天河證字第1204號`,
    });
  });

  it.each([
    ['(2026)粵廣州天河證字第1204號', true, /holds the power of attorney for a household-certificate request/],
    ['(2026)粵廣州天河證字第1205號', false, /was revoked/],
    ['(2026)粵廣州天河證字第1201號', false, /does not cover a household-certificate request/],
    ['(2026)粵廣州天河證字第9999號', false, /holds no power of attorney under that reference/],
  ])('given deed %s, when the register answers, then the check is %s', async (reference, ok, detail) => {
    const s = fold(householdCertificate, opened(householdCertificate, { ...base, representative: agent(reference) }, worker, at)) as CaseState;
    const task = pendingTasks(householdCertificate, s).find((t) => t.key === 'representative')!;
    const answer = await verifyRecord(registries)({ caseId: s.caseId, registry: 'power-of-attorney', subject: (task as any).subject });
    expect(answer).toMatchObject({ ok, detail: expect.stringMatching(detail) });
  });

  it('given a revoked deed, when the caseworker approves, then it is refused (409): refuse, or have the applicant lodge in person', () => {
    const events = [...opened(householdCertificate, { ...base, representative: agent('(2026)粵廣州天河證字第1205號') }, worker, at)];
    const s = fold(householdCertificate, events) as CaseState;
    const answers: Record<string, TaskOutcome> = {
      representative: { ok: true, value: { ok: false, detail: 'the power of attorney on record was revoked' } },
    };
    const registered: TaskOutcome = { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: OFFICE } } };
    events.push(
      ...pendingTasks(householdCertificate, s).flatMap((t) => decideTaskResult(householdCertificate, s, t, answers[t.key] ?? registered, at, testEnv)),
    );
    events.push(
      ...given(householdCertificate, events)
        .when(worker, 'accept', {}, at)
        .then([{ type: 'CaseAccepted' }]),
    );
    given(householdCertificate, events)
      .when(worker, 'approve', {}, at)
      .thenFails('conflict', /notarial register does not confirm the agent's power of attorney/);
  });
});
