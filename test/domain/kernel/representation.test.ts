import {
  checkNewOpening,
  decideTaskResult,
  DomainError,
  firstIdCard,
  fold,
  hukouMigration,
  pendingTasks,
  type CaseEvent,
  type CaseState,
  type CaseTypeModule,
  type HukouMigration,
  type OpenCaseInput,
  type Representative,
  type TaskOutcome,
} from '../../../domain';
import { lodgingRefusal } from '../../../domain/access';
import { idNumberCheckCharacter } from '../../../domain/registers/id-number';
import { ageAt } from '../../../domain/first-id-card/rules';
import { applicant, caseworker, given, opened, testEnv, type LooseEvent } from '../support/given';

/**
 * Who may lodge for whom (issue 12; docs/domain.md §7): an applicant lodges for themself, or in a capacity the
 * case type's `representation` allows — then recorded on the opening, and a parent or guardian checked against the
 * population register's kinship records.
 */
const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);
const OFFICE = '440106';
const at = '2026-11-25T02:00:00.000Z';
const worker = caseworker(OFFICE);
const CHILD_ID = withCheck('44010620140506123');
const PARENT_ID = '440106198001011230';
const STRANGER_ID = '440106198512121239';

/** A hukou move of a child (440105 → 440106), in the shape of the API tests' opening. */
const childMove = (extra: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  type: 'hukou-migration',
  channel: 'window',
  receivingOffice: OFFICE,
  applicant: { name: '王小红', idNumber: CHILD_ID, birthDate: '2014-05-06' },
  materials: ['application form', 'property deed'],
  details: { category: 'talent', fromOffice: '440105', toOffice: OFFICE, destinationCity: { code: '440100' }, residenceYears: 6, socialInsuranceYears: 6 },
  ...extra,
});

/**
 * A case type that lets a parent lodge for a minor and an agent with a power of attorney lodge for anyone (the
 * hukou move's rules otherwise): what the new types declare (newborn registration, certificates).
 */
const representable: CaseTypeModule<HukouMigration> = {
  ...hukouMigration,
  representation: [
    {
      role: 'parent',
      who: 'a parent of a child under 18 (民法典 art 27)',
      refusal: (input, when) =>
        input.applicant.birthDate && ageAt(input.applicant.birthDate, when) < 18 ? null : 'a parent lodges only for a child under 18 (民法典 art 27)',
    },
    { role: 'agent', who: 'an agent with a power of attorney (民法典 art 165)' },
  ],
};

const parent: Representative = { role: 'parent', name: '王大明', idNumber: PARENT_ID };

function refusedWith(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('who may lodge for whom', () => {
  it('given a type with no representation rule, when an applicant lodges for another person, then it is refused as not theirs to lodge', () => {
    const input = childMove({ channel: 'online', representative: parent });
    expect(lodgingRefusal({ idNumber: PARENT_ID }, input, at, hukouMigration)).toBe(
      'you may lodge a case only for yourself: the applicant is not the person your token names',
    );
    // Lodging for oneself needs no rule.
    expect(lodgingRefusal({ idNumber: CHILD_ID }, childMove({ channel: 'online' }), at, hukouMigration)).toBeNull();
  });

  it('given a type with no representation rule, when a caseworker names a representative, then the opening is refused (422) citing who may lodge', () => {
    const e = refusedWith(() => checkNewOpening(hukouMigration, childMove({ representative: parent }), at));
    expect(e.kind).toBe('rule');
    expect(e.message).toBe('a hukou-migration case cannot be lodged by a parent of the applicant: it is lodged only by the person it is about');
  });

  it('given a type allowing parents of minors, when the parent named as representative lodges online, then it is allowed; a stranger is not', () => {
    const input = childMove({ channel: 'online', representative: parent });
    expect(lodgingRefusal({ idNumber: PARENT_ID }, input, at, representable)).toBeNull();
    expect(lodgingRefusal({ idNumber: STRANGER_ID }, input, at, representable)).toBe(
      'you may apply only for yourself, or as a parent of a child under 18 (民法典 art 27), or as an agent with a power of attorney (民法典 art 165): the applicant is not the person your token names',
    );
    // Naming somebody else as the parent does not let the token's person in either.
    expect(lodgingRefusal({ idNumber: STRANGER_ID }, childMove({ channel: 'online' }), at, representable)).not.toBeNull();
  });

  it("given a type allowing parents of minors only, when a parent lodges for an adult, then the type's own rule refuses it", () => {
    const adult = childMove({ applicant: { name: '王大红', idNumber: withCheck('44010619950506123'), birthDate: '1995-05-06' }, representative: parent });
    expect(refusedWith(() => checkNewOpening(representable, adult, at)).message).toBe('a parent lodges only for a child under 18 (民法典 art 27)');
    expect(lodgingRefusal({ idNumber: PARENT_ID }, { ...adult, channel: 'online' }, at, representable)).not.toBeNull();
  });

  it('given an agent, when they lodge without a power of attorney, then the opening says what to give (422); with one it is lodged', () => {
    const agent = { role: 'agent' as const, name: '李律师', idNumber: STRANGER_ID };
    expect(refusedWith(() => checkNewOpening(representable, childMove({ representative: agent }), at)).message).toMatch(
      /power of attorney \(民法典 art 165\).*representative\.powerOfAttorney/,
    );
    const withPower = childMove({ representative: { ...agent, powerOfAttorney: 'WT-2026-0042' } });
    expect(() => checkNewOpening(representable, withPower, at)).not.toThrow();
  });

  it('given a representative who is the applicant, when lodged, then it is refused as pointless (422)', () => {
    const self = childMove({ representative: { role: 'parent', name: '王小红', idNumber: CHILD_ID } });
    expect(refusedWith(() => checkNewOpening(representable, self, at)).message).toMatch(/the representative is the applicant/);
  });

  it('given a representative with a wrong check character, when lodged, then it is refused without repeating the number', () => {
    const e = refusedWith(() => checkNewOpening(representable, childMove({ representative: { ...parent, idNumber: '440106198001011231' } }), at));
    expect(e.message).toMatch(/representative's resident ID number has a wrong check character/);
    expect(e.message).not.toContain('440106198001011231');
  });

  it('keeps the first ID card rule: the guardian named in details.guardian for a child under 16, nobody else', () => {
    const card = (birthDate: string, guardianId = PARENT_ID): OpenCaseInput => ({
      type: 'first-id-card',
      channel: 'online',
      receivingOffice: OFFICE,
      applicant: { name: '王小红', idNumber: withCheck(`440106${birthDate.replace(/-/g, '')}123`), birthDate },
      materials: ['hukou booklet'],
      details: { hukouOffice: OFFICE, residenceOffice: OFFICE, delivery: 'pickup', guardian: { name: '王大明', idNumber: guardianId } },
    });
    expect(lodgingRefusal({ idNumber: PARENT_ID }, card('2014-05-06'), at, firstIdCard)).toBeNull();
    const refusal =
      'you may apply only for yourself, or as the guardian named in details.guardian for a child under 16 (居民身份證法 art 7): the applicant is not the person your token names';
    expect(lodgingRefusal({ idNumber: STRANGER_ID }, card('2014-05-06'), at, firstIdCard)).toBe(refusal);
    expect(lodgingRefusal({ idNumber: PARENT_ID }, card('2008-03-04'), at, firstIdCard)).toBe(refusal);
  });
});

describe('a representative on the case', () => {
  const lodged = (representative = parent) => opened(representable, childMove({ representative }), worker, at);
  const stateOf = (events: CaseEvent[]) => fold(representable, events) as CaseState;
  /** Answers every pending check: the kinship check as given, the hukou register confirming the move-out office. */
  function answered(events: CaseEvent[], kinship: TaskOutcome): CaseEvent[] {
    const s = stateOf(events);
    const population: TaskOutcome = { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: '440105' } } };
    return pendingTasks(representable, s).flatMap((t) => decideTaskResult(representable, s, t, t.key === 'representative' ? kinship : population, at, testEnv));
  }
  const notRelated: TaskOutcome = { ok: true, value: { ok: false, detail: 'no parent-child relation recorded' } };
  const related: TaskOutcome = { ok: true, value: { ok: true, detail: 'parent recorded', facts: { relation: 'parent' } } };

  it('given a parent lodging at the window, when the case is opened, then CaseOpened records who lodged apart from who it is about', () => {
    const [ev] = lodged() as LooseEvent[];
    expect(ev.type).toBe('CaseOpened');
    expect(ev.data.applicant.idNumber).toBe(CHILD_ID);
    expect(ev.data.representative).toEqual(parent);
    expect(stateOf(lodged()).representative).toEqual(parent);
  });

  it('given no representative, when opened, then the opening records none (recorded openings decide the same)', () => {
    const [ev] = opened(representable, childMove(), worker, at) as LooseEvent[];
    expect(ev.data).not.toHaveProperty('representative');
    expect(pendingTasks(representable, stateOf([ev])).map((t) => t.key)).not.toContain('representative');
  });

  it('given a parent, when the case is lodged, then the population register is asked about their kinship, and the answer recorded', () => {
    const tasks = pendingTasks(representable, stateOf(lodged()));
    expect(tasks).toContainEqual({ key: 'representative', kind: 'verify-record', registry: 'kinship', subject: `${CHILD_ID}/${PARENT_ID}` });
    const events = answered(lodged(), related) as LooseEvent[];
    expect(events.find((e) => e.data.key === 'representative')).toMatchObject({ type: 'RecordsVerified', data: { registry: 'kinship', result: 'confirmed' } });
  });

  it('given an agent, when the case is lodged, then no register check is asked (no register records powers of attorney)', () => {
    const agent = { role: 'agent' as const, name: '李律师', idNumber: STRANGER_ID, powerOfAttorney: 'WT-2026-0042' };
    expect(pendingTasks(representable, stateOf(lodged(agent))).map((t) => t.key)).not.toContain('representative');
  });

  it('given the register denies the kinship, when the caseworker approves, then it is refused (409) and the case can be refused instead', () => {
    const events = [...lodged()];
    events.push(...answered(events, notRelated));
    events.push(
      ...given(representable, events)
        .when(worker, 'accept', {})
        .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed' }]),
    );
    given(representable, events)
      .when(worker, 'approve', {})
      .thenFails('conflict', /does not record the representative as the applicant's parent/);
    given(representable, events)
      .when(worker, 'refuse', { reason: 'the person lodging is not the parent', legalBasis: '民法典 第二十七条' })
      .then([{ type: 'CaseRefused' }]);
  });

  it('given the register confirms the kinship, when the caseworker approves, then the case is approved', () => {
    const events = [...lodged()];
    events.push(...answered(events, related));
    events.push(
      ...given(representable, events)
        .when(worker, 'accept', {})
        .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed' }]),
    );
    given(representable, events)
      .when(worker, 'approve', {})
      .then([{ type: 'CaseApproved' }, { type: 'MoveInPermitIssued' }]);
  });

  describe('the relation the register records, against the capacity claimed (民法典 arts 27–31)', () => {
    const guardian: Representative = { role: 'guardian', name: '王大明', idNumber: PARENT_ID };
    const ADULT_ID = withCheck('44010619950506123');
    const adult = { name: '王大红', idNumber: ADULT_ID, birthDate: '1995-05-06' };
    const recorded = (relation: 'parent' | 'guardian'): TaskOutcome => ({
      ok: true,
      value: { ok: true, detail: `recorded as ${relation}`, facts: { relation } },
    });
    /** The kinship check's recorded answer for this opening, the register recording `relation`; `patched` as the workflow answers. */
    const guarded: CaseTypeModule<HukouMigration> = {
      ...representable,
      representation: [...representable.representation!, { role: 'guardian', who: 'a guardian (民法典 arts 27–31)' }],
    };
    function kinshipAnswer(input: OpenCaseInput, relation: 'parent' | 'guardian', patched?: (id: string) => boolean) {
      const s = fold(guarded, opened(guarded, input, worker, at)) as CaseState;
      const task = pendingTasks(guarded, s).find((t) => t.key === 'representative')!;
      const [ev] = decideTaskResult(guarded, s, task, recorded(relation), at, { ...testEnv, patched }) as LooseEvent[];
      return ev.data;
    }

    it('given a parent the register records as the guardian only, when the check answers, then it is contradicted naming no one', () => {
      const data = kinshipAnswer(childMove({ representative: parent }), 'guardian');
      expect(data).toMatchObject({ registry: 'kinship', ok: false, result: 'contradicted', facts: { relation: 'guardian' } });
      expect(data.detail).toBe(
        "the population register records the representative as the applicant's guardian, not as a parent: lodge as guardian, or have the parentage recorded",
      );
      for (const id of [CHILD_ID, PARENT_ID]) expect(data.detail).not.toContain(id);
    });

    it("given a guardian the register records as a minor's parent, when the check answers, then it is confirmed (a parent is a minor's guardian, art 27)", () => {
      expect(kinshipAnswer(childMove({ representative: guardian }), 'parent')).toMatchObject({ ok: true, result: 'confirmed' });
      expect(kinshipAnswer(childMove({ representative: guardian }), 'guardian')).toMatchObject({ ok: true, result: 'confirmed' });
      expect(kinshipAnswer(childMove({ representative: parent }), 'parent')).toMatchObject({ ok: true, result: 'confirmed' });
    });

    it("given a parent claiming to be an adult's guardian, when the register records only parentage, then it is contradicted citing arts 27–31", () => {
      const data = kinshipAnswer(childMove({ applicant: adult, representative: guardian }), 'parent');
      expect(data).toMatchObject({ ok: false, result: 'contradicted' });
      expect(data.detail).toMatch(/guardian by law only of a minor child \(民法典 art 27\)/);
      expect(data.detail).not.toContain(ADULT_ID);
    });

    it('given a case whose check was answered before the comparison, when replayed, then it keeps the answer it was given', () => {
      const asRecorded = kinshipAnswer(childMove({ representative: parent }), 'guardian', (id) => id !== 'kinship-role-compared');
      expect(asRecorded).toMatchObject({ ok: true, result: 'confirmed' });
    });

    it('given a contradicted capacity, when the caseworker approves, then it is refused (409)', () => {
      const events = [...lodged()];
      const s = stateOf(events);
      const tasks = pendingTasks(representable, s);
      const population: TaskOutcome = { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: '440105' } } };
      events.push(...tasks.flatMap((t) => decideTaskResult(representable, s, t, t.key === 'representative' ? recorded('guardian') : population, at, testEnv)));
      events.push(
        ...given(representable, events)
          .when(worker, 'accept', {})
          .then([{ type: 'CaseAccepted' }, { type: 'EligibilityAssessed' }]),
      );
      given(representable, events)
        .when(worker, 'approve', {})
        .thenFails('conflict', /does not record the representative as the applicant's parent/);
    });
  });

  it('given an online parent, when opened by the applicant, then the case belongs to the parent who lodged it', () => {
    const [ev] = opened(representable, childMove({ channel: 'online', representative: parent }), applicant('wang-daming'), at) as LooseEvent[];
    expect(ev.data).toMatchObject({ applicantId: 'wang-daming', representative: parent, applicant: { idNumber: CHILD_ID } });
  });
});
