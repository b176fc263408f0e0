// Valid inputs and main paths of every case type, shared by the per-type workflow tests, the
// history recorder (replay fixtures) and the worker-crash test.
import { FREQUENT_REQUESTER_ID_NUMBER } from '../../activities/registries';
import type { Actor, CaseState, CaseType, OpenCaseInput } from '../../domain';
import type { WorkflowHarness } from '../support/workflow-harness';

export const GUANGZHOU_TIANHE = '440106';
export const GUANGZHOU_YUEXIU = '440104';
export const SHANGHAI_HUANGPU = '310101';

export const caseworker = (office: string): Actor => ({ id: `caseworker-${office}`, role: 'caseworker', office });
export const supervisor = (office: string): Actor => ({ id: `supervisor-${office}`, role: 'supervisor', office });

/** A credit code with a valid check character that the local company register has as revoked (吊销). */
export const REVOKED_COMPANY = '91310101MA1FL0000A';
/** A passport the local entry-exit register has no entry for. */
export const NO_ENTRY_PASSPORT = 'NOENTRY01';

/** YYYY-MM-DD `offset` days from today (UTC). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export const inputs = {
  portVisa: (over: { creditCode?: string } = {}): OpenCaseInput => ({
    type: 'port-visa',
    channel: 'window',
    receivingOffice: GUANGZHOU_TIANHE,
    applicant: { name: 'Kenji Sato', passportNo: 'TK1234567', nationality: 'JPN' },
    materials: ['passport', 'invitation letter'],
    details: {
      port: 'Guangzhou Baiyun Airport',
      purpose: 'emergency-repair',
      invitingCompany: { creditCode: over.creditCode ?? '91440106MA59ABCD1M', name: 'Shenzhen Works' },
      intendedStayDays: 7,
    },
  }),

  multiEntryVisa: (passportNo = 'C01X00T47'): OpenCaseInput => ({
    type: 'multi-entry-visa',
    channel: 'window',
    receivingOffice: GUANGZHOU_TIANHE,
    applicant: { name: 'Anna Schmidt', passportNo, nationality: 'DEU' },
    materials: ['passport', 'invitation letter'],
    details: {
      currentVisa: { type: 'M', entryDate: day(-5), stayUntil: day(25) },
      invitingCompany: { creditCode: '91440106MA59ABCD1M', name: 'Canton Trading Co.' },
      requestedValidityYears: 3,
      passportValidUntil: '2031-05-31',
    },
  }),

  /** Cross-province: lodged and decided in Guangzhou, moved out in Shanghai. `eligible: false` falls short of the points. */
  hukouMigration: ({ eligible = true } = {}): OpenCaseInput => ({
    type: 'hukou-migration',
    channel: 'cross-province',
    receivingOffice: GUANGZHOU_TIANHE,
    applicant: { name: '李娜', idNumber: '310101199205061233' },
    materials: ['application form', 'labour contract'],
    details: {
      category: eligible ? 'work-transfer' : 'home-purchase',
      fromOffice: SHANGHAI_HUANGPU,
      toOffice: GUANGZHOU_TIANHE,
      destinationCity: { code: '440100' },
      residenceYears: eligible ? 8 : 0,
      socialInsuranceYears: eligible ? 10 : 0,
      ...(eligible ? { metroAreaYears: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 5 }] } : {}),
    },
  }),

  /**
   * Cross-province: lodged in Shanghai (residence) for a Guangzhou hukou, so Shanghai decides after
   * Guangzhou signs off. Same province: lodged in Yuexiu, decided by the Tianhe hukou office.
   */
  firstIdCard: ({ crossProvince = true, wantsTemporaryId = true } = {}): OpenCaseInput => {
    const residence = crossProvince ? SHANGHAI_HUANGPU : GUANGZHOU_YUEXIU;
    return {
      type: 'first-id-card',
      channel: crossProvince ? 'cross-province' : 'window',
      receivingOffice: residence,
      applicant: { name: '王小明', idNumber: '440106201002031238', birthDate: '2010-02-03' },
      materials: ['hukou booklet'],
      details: { hukouOffice: GUANGZHOU_TIANHE, residenceOffice: residence, delivery: 'post', wantsTemporaryId },
    };
  },

  /** A Guangzhou resident living and working in Shanghai Huangpu, lodged at the Huangpu window (never cross-province). */
  residencePermit: ({
    idNumber = '440106199203151236',
    basis = 'job',
    channel = 'window',
  }: { idNumber?: string; basis?: 'job' | 'home' | 'study'; channel?: 'window' | 'online' } = {}): OpenCaseInput => ({
    type: 'residence-permit',
    channel,
    receivingOffice: SHANGHAI_HUANGPU,
    applicant: { name: '陈静', idNumber },
    materials: ['application form'],
    details: {
      residenceOffice: SHANGHAI_HUANGPU,
      basis,
      ...(basis === 'job' ? { employerCreditCode: '91440106MA59ABCD1M' } : {}),
      delivery: 'pickup',
    },
  }),
  /** An Italian engineer who entered on a Z visa five days ago, applying for a two-year work residence document in Huangpu. */
  foreignerResidencePermit: ({
    passportNo = 'YA1234567',
    kind = 'work',
    channel = 'window',
  }: { passportNo?: string; kind?: 'work' | 'study'; channel?: 'window' | 'online' } = {}): OpenCaseInput => ({
    type: 'foreigner-residence-permit',
    channel,
    receivingOffice: SHANGHAI_HUANGPU,
    applicant: { name: 'Marco Rossi', passportNo, nationality: 'ITA' },
    materials: ['application form', 'passport'],
    details: {
      residenceOffice: SHANGHAI_HUANGPU,
      kind,
      application: 'first',
      visa: { type: kind === 'work' ? 'Z' : 'X1', entryDate: day(-5) },
      passportValidUntil: '2032-06-30',
      requestedDays: 730,
      ...(kind === 'work' ? { employerCreditCode: '91440106MA59ABCD1M' } : {}),
    },
  }),
  /** A daughter born ten days ago, declared by her mother at the station of her father's hukou. */
  newbornRegistration: ({ birthCertificateNo = 'O441234567' } = {}): OpenCaseInput => ({
    type: 'newborn-registration',
    channel: 'window',
    receivingOffice: GUANGZHOU_TIANHE,
    applicant: { name: '李小雨', birthDate: day(-10) },
    materials: ['declaration form'],
    details: {
      sex: 'female',
      birthCertificateNo,
      placeOfBirth: 'mainland',
      chosenParent: { role: 'father', name: '李明', idNumber: '440106199003151231' },
      otherParent: { role: 'mother', name: '王芳', idNumber: '440106199207082223' },
      declarant: { relation: 'mother', name: '王芳', idNumber: '440106199207082223' },
    },
  }),

  /**
   * Cross-province (跨省通辦): asked for at a Shanghai window, issued by the Guangzhou Tianhe hukou station from the
   * population register, printed in Shanghai. The applicant's ID number places the hukou in Tianhe (local register).
   */
  householdCertificate: (over: Record<string, unknown> = {}): OpenCaseInput => ({
    type: 'household-certificate',
    channel: 'cross-province',
    receivingOffice: SHANGHAI_HUANGPU,
    applicant: { name: '陳靜', idNumber: '440106199003071231' },
    materials: ['ID card'],
    details: { subKind: 'hukou', hukouOffice: GUANGZHOU_TIANHE, purpose: 'visa application', ...over },
  }),

  /**
   * A no-criminal-record certificate asked at a Shanghai window by an agent holding a notarised power of attorney,
   * for a Guangzhou Tianhe resident: the hukou-place station decides from the national platform.
   */
  noCriminalRecord: (over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
    type: 'no-criminal-record',
    channel: 'cross-province',
    receivingOffice: SHANGHAI_HUANGPU,
    applicant: { name: '陳靜', idNumber: '440106199003071231' },
    representative: { role: 'agent', name: '王強', idNumber: POA_AGENT, powerOfAttorney: '(2026)粵廣州天河證字第1201號' },
    materials: ['power of attorney', "agent's ID card"],
    details: { ground: 'hukou', decidingOffice: GUANGZHOU_TIANHE, purpose: 'employment abroad' },
    ...over,
  }),

  /** A lost card replaced: cross-province, lodged in Shanghai (residence) for a Guangzhou hukou, signed off in Guangzhou. */
  idCardReplacement: ({ crossProvince = true } = {}): OpenCaseInput => {
    const residence = crossProvince ? SHANGHAI_HUANGPU : GUANGZHOU_YUEXIU;
    return {
      type: 'id-card-replacement',
      channel: crossProvince ? 'cross-province' : 'window',
      receivingOffice: residence,
      applicant: { name: '陈静', idNumber: '440106199003071231', birthDate: '1990-03-07' },
      materials: ['application form'],
      details: { hukouOffice: GUANGZHOU_TIANHE, residenceOffice: residence, delivery: 'pickup', lostOn: day(-3) },
    };
  },

  /** A lost card reported at a Guangzhou Yuexiu station (any station receives it) by its holder, hukou in Tianhe. */
  idCardLossReport: (over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
    type: 'id-card-loss-report',
    channel: 'window',
    receivingOffice: GUANGZHOU_YUEXIU,
    applicant: { name: '陈静', idNumber: '440106199003071231' },
    materials: [],
    details: { hukouOffice: GUANGZHOU_TIANHE, lostOn: day(-1) },
    ...over,
  }),

  /** The yearly endorsement of the permit of `residencePermit()` (its case: `parentCaseId`), lodged at the station that received it. */
  residencePermitEndorsement: (parentCaseId: string, over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
    type: 'residence-permit-endorsement',
    channel: 'window',
    receivingOffice: SHANGHAI_HUANGPU,
    applicant: { name: '陈静', idNumber: '440106199203151236' },
    materials: [],
    parentCaseId,
    details: { residenceOffice: SHANGHAI_HUANGPU },
    ...over,
  }),

  /** A temporary card for the replacement case `parentCaseId`, lodged where that case was (Shanghai: cross-province). */
  temporaryIdCard: (parentCaseId: string, receivingOffice = SHANGHAI_HUANGPU): OpenCaseInput => ({
    type: 'temporary-id-card',
    channel: receivingOffice === SHANGHAI_HUANGPU ? 'cross-province' : 'window',
    receivingOffice,
    applicant: { name: '陈静', idNumber: '440106199003071231', birthDate: '1990-03-07' },
    materials: ['application form'],
    parentCaseId,
    details: { hukouOffice: GUANGZHOU_TIANHE },
  }),
};

/** A resident the local criminal-record platform holds an effective conviction for (activities/registries). */
export const CONVICTED_RESIDENT = '440106198806060021';

/** The agent the local notarial register holds powers of attorney for (activities/registries/power-of-attorney-registry.ts). */
export const POA_AGENT = '310101198507070018';

/**
 * A third request in a year, detected from the platform's request log (docs/domain.md §7.6): a Tianhe resident the
 * local log holds two requests of in the last months asks in person at the Shanghai window, declaring nothing; the
 * approval waits for the proof of use, shown at the window, and the Tianhe station issues the certificate.
 */
export async function frequentRequester(h: Driver): Promise<CaseState> {
  const window = caseworker(SHANGHAI_HUANGPU);
  const station = caseworker(GUANGZHOU_TIANHE);
  const { representative: _agent, ...input } = inputs.noCriminalRecord();
  const { caseId } = await h.open({ ...input, applicant: { name: '林峰', idNumber: FREQUENT_REQUESTER_ID_NUMBER } }, window);
  await h.act(caseId, 'accept', {}, window);
  await h.waitFor(caseId, recorded('population-register', 'criminal-record', 'request-log'), what('the register checks and the request log'));
  const refusal = await h.act(caseId, 'approve', {}, station).then(
    () => 'approved',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );
  if (!/request log holds 2 earlier requests/.test(refusal)) throw new Error(`approval without proof of use was not held: ${refusal}`);
  await h.act(caseId, 'show-proof-of-use', { proofOfUse: 'request letter of the employer in Hong Kong' }, window);
  await h.act(caseId, 'approve', {}, station);
  return h.act(caseId, 'deliver-certificate', {}, window);
}

/** A resident whose registration the local population register has as cancelled (注銷), with a valid check character. */
export const CANCELLED_RESIDENT = '44010619500303001X';

type Driver = Pick<WorkflowHarness, 'open' | 'act' | 'waitFor'>;
export interface PathOptions {
  timeScale?: number;
  caseId?: string;
}

const recorded =
  (...keys: string[]) =>
  (s: CaseState) =>
    keys.every((k) => s.records[k] !== undefined);
const what = (text: string) => ({ what: text, timeoutMs: 30_000 });

/** The main path of each case type, from lodging to completion; resolves with the completed state. */
export const happyPaths: Record<CaseType, (h: Driver, options?: PathOptions) => Promise<CaseState>> = {
  async 'port-visa'(h, options) {
    const officer = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.portVisa(), officer, options);
    // Accepted at lodging (docs/domain.md §4): decided once the company register has answered.
    await h.waitFor(caseId, recorded('inviting-company'), what('the company register check'));
    return h.act(caseId, 'approve', {}, officer);
  },

  async 'multi-entry-visa'(h, options) {
    const officer = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.multiEntryVisa(), officer, options);
    await h.act(caseId, 'accept', {}, officer);
    await h.waitFor(caseId, recorded('entry-record', 'inviting-company'), what('the entry-record and company checks'));
    return h.act(caseId, 'approve', {}, officer);
  },

  async 'hukou-migration'(h, options) {
    const moveIn = caseworker(GUANGZHOU_TIANHE);
    const origin = caseworker(SHANGHAI_HUANGPU);
    const { caseId } = await h.open(inputs.hukouMigration(), moveIn, options);
    await h.act(caseId, 'accept', {}, moveIn);
    await h.waitFor(caseId, recorded('population-register'), what('the population register check'));
    // The Shenzhen years come from the register of residence permits (docs/domain.md §7.4): eligibility waits for it.
    await h.waitFor(caseId, (s) => (s.progress as { eligibility?: unknown }).eligibility !== undefined, what('the eligibility assessment'));
    await h.act(caseId, 'approve', {}, moveIn);
    await h.act(caseId, 'confirm-move-out', {}, origin);
    return h.act(caseId, 'register-settlement', {}, moveIn);
  },

  async 'first-id-card'(h, options) {
    const residence = caseworker(SHANGHAI_HUANGPU);
    const hukou = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.firstIdCard(), residence, options);
    await h.waitFor(caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, what('the shared photo store lookup'));
    await h.act(caseId, 'capture-biometrics', { photo: 'new' }, residence);
    await h.act(caseId, 'accept', {}, residence);
    await h.act(caseId, 'sign-off', {}, hukou);
    await h.act(caseId, 'issue-temporary-id', {}, residence);
    await h.act(caseId, 'approve', {}, residence);
    await h.waitFor(caseId, (s) => (s.progress as { card?: unknown }).card !== undefined, what('the produced card'));
    return h.act(caseId, 'hand-over', { trackingNumber: 'SF1234567890' }, residence);
  },

  // Issued and handed over, the permit lives on (its endorsement timers keep the workflow): it ends when surrendered.
  async 'residence-permit'(h, options) {
    const station = caseworker(SHANGHAI_HUANGPU);
    const { caseId } = await h.open(inputs.residencePermit(), station, options);
    await h.waitFor(caseId, recorded('population-register', 'residence-registration', 'job', 'employer'), what('the register checks'));
    await h.waitFor(caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, what('the shared photo store lookup'));
    await h.act(caseId, 'capture-photo', { photo: 'new' }, station);
    await h.act(caseId, 'accept', {}, station);
    await h.act(caseId, 'approve', {}, station);
    await h.act(caseId, 'deliver-permit', {}, station);
    return h.act(caseId, 'surrender', { reason: 'left-the-city' }, station);
  },

  // The passport is checked and handed back at acceptance, and shown again at collection, where the permit is affixed.
  async 'foreigner-residence-permit'(h, options) {
    const office = caseworker(SHANGHAI_HUANGPU);
    const { caseId } = await h.open(inputs.foreignerResidencePermit(), office, options);
    await h.waitFor(caseId, recorded('entry-record', 'accommodation', 'work-permit'), what('the entry, accommodation and work-permit checks'));
    await h.waitFor(caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, what('the shared photo store lookup'));
    await h.act(caseId, 'capture-photo', { photo: 'new' }, office);
    await h.act(caseId, 'accept', {}, office);
    await h.act(caseId, 'approve', {}, office);
    return h.act(caseId, 'affix-permit', { passportNo: 'YA1234567' }, office);
  },

  async 'newborn-registration'(h, options) {
    const station = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.newbornRegistration(), station, options);
    await h.act(caseId, 'accept', {}, station);
    await h.waitFor(caseId, recorded('birth-record', 'parent-population', 'parents-marriage'), what('the birth-certificate, population and marriage checks'));
    await h.act(caseId, 'approve', {}, station);
    await h.waitFor(caseId, (s) => (s.progress as { registeredAt?: string }).registeredAt !== undefined, what('the allocated citizen ID number'));
    return h.act(caseId, 'issue-hukou-page', { delivery: 'post', trackingNumber: 'EMS1234567890' }, station);
  },

  async 'household-certificate'(h, options) {
    const window = caseworker(SHANGHAI_HUANGPU);
    const station = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.householdCertificate(), window, options);
    await h.act(caseId, 'accept', {}, window);
    await h.waitFor(caseId, recorded('applicant-record'), what('the population register check'));
    await h.act(caseId, 'approve', {}, station);
    return h.act(caseId, 'deliver-certificate', {}, window);
  },

  async 'no-criminal-record'(h, options) {
    const window = caseworker(SHANGHAI_HUANGPU);
    const station = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.noCriminalRecord(), window, options);
    await h.act(caseId, 'accept', {}, window);
    await h.waitFor(
      caseId,
      recorded('representative', 'population-register', 'criminal-record', 'request-log'),
      what('the power-of-attorney and register checks'),
    );
    await h.act(caseId, 'approve', {}, station);
    return h.act(caseId, 'deliver-certificate', {}, window);
  },

  async 'id-card-replacement'(h, options) {
    const residence = caseworker(SHANGHAI_HUANGPU);
    const hukou = caseworker(GUANGZHOU_TIANHE);
    const { caseId } = await h.open(inputs.idCardReplacement(), residence, options);
    await h.act(caseId, 'report-loss', {}, residence);
    await h.waitFor(caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, what('the shared photo store lookup'));
    await h.act(caseId, 'capture-biometrics', { photo: 'new' }, residence);
    await h.act(caseId, 'accept', {}, residence);
    await h.waitFor(caseId, recorded('population-register'), what('the population register check'));
    await h.act(caseId, 'sign-off', {}, hukou);
    await h.act(caseId, 'approve', {}, residence);
    await h.waitFor(caseId, (s) => (s.progress as { card?: unknown }).card !== undefined, what('the produced card'));
    return h.act(caseId, 'hand-over', {}, residence);
  },

  /** A filing: received with its receipt, the holder confirmed, the card listed as lost; completed without a decision. */
  async 'id-card-loss-report'(h, options) {
    const { caseId } = await h.open(inputs.idCardLossReport(), caseworker(GUANGZHOU_YUEXIU), options);
    return h.waitFor(caseId, (s) => s.status === 'completed', what('the listing on the lost-card list'));
  },

  /**
   * Cross-province: a replacement lodged in Shanghai is signed off in Guangzhou; the temporary card is then lodged in
   * Shanghai as its child, issued with the card case's photo and handed out; at the card's hand-over it is handed back.
   */
  async 'temporary-id-card'(h, options) {
    const residence = caseworker(SHANGHAI_HUANGPU);
    const hukou = caseworker(GUANGZHOU_TIANHE);
    const card = await h.open(inputs.idCardReplacement(), residence);
    await h.act(card.caseId, 'report-loss', {}, residence);
    await h.waitFor(card.caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, what('the shared photo store lookup'));
    await h.act(card.caseId, 'capture-biometrics', { photo: 'new' }, residence);
    await h.act(card.caseId, 'accept', {}, residence);
    await h.waitFor(card.caseId, recorded('population-register'), what('the population register check'));
    await h.act(card.caseId, 'sign-off', {}, hukou);

    const { caseId } = await h.open(inputs.temporaryIdCard(card.caseId), residence, options);
    await h.waitFor(card.caseId, (s) => (s.childCases ?? []).some((c) => c.caseId === caseId), what('the link recorded on the card case'));
    await h.waitFor(caseId, (s) => (s.progress as { cardCase?: unknown }).cardCase !== undefined, what('the card case check'));
    await h.act(caseId, 'approve', {}, residence);
    await h.act(caseId, 'hand-over', {}, residence);

    await h.act(card.caseId, 'approve', {}, residence);
    await h.waitFor(card.caseId, (s) => (s.progress as { card?: unknown }).card !== undefined, what('the produced card'));
    await h.act(card.caseId, 'hand-over', {}, residence);
    await h.waitFor(caseId, (s) => (s.progress as { cardDeliveredAt?: unknown }).cardDeliveredAt !== undefined, what("the card case's hand-over"));
    return h.act(caseId, 'record-return', { returned: true }, residence);
  },

  /** A filing, the child of a suspended permit's case: the permit case records the endorsement and the filing completes. */
  async 'residence-permit-endorsement'(h, options) {
    return (await permitEndorsedByFiling(h, options)).filing;
  },
};

/** The permit of `inputs.residencePermit()` issued and handed over at business time x4000000 (a month is about 0.65 s). */
export async function deliveredPermit(h: Driver): Promise<string> {
  const station = caseworker(SHANGHAI_HUANGPU);
  const { caseId } = await h.open(inputs.residencePermit(), station, { timeScale: 4_000_000 });
  await h.waitFor(caseId, recorded('population-register', 'residence-registration', 'job', 'employer'), what('the register checks'));
  await h.waitFor(caseId, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined, what('the shared photo store lookup'));
  await h.act(caseId, 'capture-photo', { photo: 'new' }, station);
  // At this scale the 5 working days after which acceptance is deemed pass in a fraction of a second: on a busy
  // machine the case may already be accepted by law, which serves the rest of the year as well.
  await h.act(caseId, 'accept', {}, station).catch((e: Error & { cause?: Error }) => {
    if (!/cannot accept a case that is accepted/.test(e.cause?.message ?? e.message)) throw e;
  });
  await h.act(caseId, 'approve', {}, station);
  await h.act(caseId, 'deliver-permit', {}, station);
  return caseId;
}

/**
 * A residence permit's first year at business time x4000000 (a month is about 0.65 s): issued and handed over, the
 * endorsement falls due a month before the full year, nobody endorses, it is suspended on the anniversary, the station
 * endorses it late (the residence years restart), and the holder surrenders it, which ends the workflow.
 */
export async function residencePermitYear(h: Pick<WorkflowHarness, 'open' | 'act' | 'waitFor' | 'waitForStream'>): Promise<string> {
  const station = caseworker(SHANGHAI_HUANGPU);
  const caseId = await deliveredPermit(h);
  await h.waitForStream(caseId, (events) => events.some((e) => e.type === 'ResidencePermitSuspended'), { timeoutMs: 40_000, what: 'the suspension' });
  await h.act(caseId, 'endorse', {}, station);
  await h.act(caseId, 'surrender', { reason: 'left-the-city' }, station);
  return caseId;
}

/** Whether a residence-permit case's permit is suspended (its anniversary passed unendorsed). */
export const permitSuspended = (s: CaseState) => (s.progress as { permit?: { suspendedSince?: string } }).permit?.suspendedSince !== undefined;

/**
 * A permit's endorsement lodged as its own filing (docs/domain.md §7.4): the permit of `deliveredPermit` is suspended
 * on its anniversary, unendorsed; the station lodges the holder's endorsement as the permit case's child; the permit
 * case (completed, kept running) records it late, the filing hears its answer and completes; then the holder
 * surrenders the permit, which ends the permit's workflow.
 */
export async function permitEndorsedByFiling(h: Driver, options?: PathOptions): Promise<{ permit: string; filing: CaseState }> {
  const station = caseworker(SHANGHAI_HUANGPU);
  const permit = await deliveredPermit(h);
  await h.waitFor(permit, permitSuspended, { what: 'the suspension', timeoutMs: 40_000 });
  const { caseId } = await h.open(inputs.residencePermitEndorsement(permit), station, options);
  const filing = await h.waitFor(caseId, (s) => s.status === 'completed', what('the permit case recording the endorsement'));
  await h.act(permit, 'surrender', { reason: 'left-the-city' }, station);
  return { permit, filing };
}

/** The stream is exactly what the workflow appended: versions 1..n, every event id once, same ids in the same order. */
export async function expectStreamIntact(h: Pick<WorkflowHarness, 'integrity'>, caseId: string): Promise<void> {
  // The stream is read before the workflow is asked: a case still at work (a task's result, a clock) may append in
  // between. Both only grow, so a difference in length alone is read again until they agree, for up to 5 s.
  let integrity = await h.integrity(caseId);
  for (const deadline = Date.now() + 5_000; integrity.ids.length !== integrity.appended.length && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    integrity = await h.integrity(caseId);
  }
  const { versions, expectedVersions, ids, distinctIds, appended } = integrity;
  expect(versions).toEqual(expectedVersions);
  expect(distinctIds).toBe(ids.length);
  expect(ids).toEqual(appended);
}
