// One valid opening of every registered case type, and the HTTP steps that take it to completion. The
// cross-cutting tests (authorization matrix, masking scan, every-type journeys), the fault suite's client and the
// API benchmark all draw their cases from here, so a new case type is covered everywhere by one entry below:
// `caseSamples` is keyed by CaseType, and a registered type without a sample does not compile. A type lodged as the
// child of another case (domain/kernel/links.ts) names its parent's opening: users open that first, send its steps,
// and lodge the child with the parent's id in `parentCaseId`; a parent no run can take far enough over HTTP (a residence
// permit in its endorsement window, eleven months after the issue) is appended to the store as recorded instead.
import { randomUUID } from 'node:crypto';
import type { Actor, CaseEvent, CaseType, OpenCaseInput } from '../../domain';
import { idNumberCheckCharacter } from '../../domain/registers/id-number';
import type { EventStore, NewEvent } from '../../event-store/types';
import { streamIdOf } from '../../workflows/definitions';
import { permitInEndorsementWindow, recordedCaseBatch } from './recorded-permit';

/** The office whose window lodges every sample (Guangzhou Tianhe), and one in another province (Shanghai Huangpu). */
export const SAMPLE_OFFICES = { window: '440106', origin: '310101' } as const;
/** Who sends a step: a caseworker of the window office, or of the office in the other province. */
export type SampleCaller = keyof typeof SAMPLE_OFFICES;

export interface SampleStep {
  caller: SampleCaller;
  action: string;
  body?: Record<string, unknown>;
}

/** The open case a child case is lodged under, and what it needs first. */
export interface SampleParent {
  /** The parent's opening for the child's `n` (the same person), lodged like a sample at the window of 440106. */
  body(n?: number): OpenCaseInput;
  /** The steps the parent takes before the child is lodged, each sent once the parent offers it (may be empty). */
  path: SampleStep[];
  /**
   * Set where the child needs its parent further along than a run reaches over HTTP at its scale (a residence permit in
   * its endorsement window, eleven months of business time after the issue): the parent's stream for `n`'s person as the
   * store holds a case lodged long enough ago and taken along `path` (test/support/recorded-permit.ts). Users append it
   * to the system's store (`recordedParentBatch`) instead of opening the parent and sending its steps; the system then
   * reads it, and restores it into a workflow run when the child tells it, as any case whose run has ended.
   */
  recorded?: (caseId: string, n: number, clock: RecordingClock) => CaseEvent[];
}

/** When a parent is recorded, and how much faster than the wall clock the system runs business time (SLA_TIME_SCALE). */
export interface RecordingClock {
  now: number;
  timeScale: number;
}

export interface CaseSample {
  /**
   * The opening, lodged at the window of 440106 by one of its caseworkers. `n` varies the applicant's identifiers
   * (ID, passport and certificate numbers), so that openings with different `n` are never possible duplicates.
   * A child type's opening has no `parentCaseId`: users add the id of the parent they opened for the same `n`.
   */
  body(n?: number): OpenCaseInput;
  /** Set for a type lodged only as the child of an open case: that case is opened first. */
  parent?: SampleParent;
  /**
   * The main path from the opening to status `completed`; each step is sent once the case offers it. Empty for a filing
   * (a loss report), which completes by itself once its register effect is recorded: users wait for that.
   */
  path: SampleStep[];
  /** How common the type is at a window, for the load mix (docs/domain.md §6): a higher weight, more cases. */
  weight: number;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A valid ID number (GB 11643 check character): division and birth date, then a sequence number from `n`. */
export const sampleIdNumber = (divisionAndBirth: string, n: number) => {
  const first17 = divisionAndBirth + String(n % 1000).padStart(3, '0');
  return first17 + idNumberCheckCharacter(first17);
};
const passportNo = (prefix: string, n: number) => `${prefix}${String(n % 10_000_000).padStart(7, '0')}`;
const COMPANY = { creditCode: '91440106MA59ABCD1M', name: 'Canton Trading Co.' };
const { window: WINDOW, origin: ORIGIN } = SAMPLE_OFFICES;

/** A first ID card lodged at the hukou office (the window), the photo taken there. */
const firstIdCard = (name: string, divisionAndBirth: string, n: number): OpenCaseInput => ({
  type: 'first-id-card',
  channel: 'window',
  receivingOffice: WINDOW,
  applicant: {
    name,
    idNumber: sampleIdNumber(divisionAndBirth, n),
    birthDate: `${divisionAndBirth.slice(6, 10)}-${divisionAndBirth.slice(10, 12)}-${divisionAndBirth.slice(12, 14)}`,
  },
  materials: ['hukou booklet'],
  details: { hukouOffice: WINDOW, residenceOffice: WINDOW, delivery: 'pickup' },
});
/** A residence permit lodged at the window, where the applicant lives and works (another person for the endorsement sample). */
const permit = (n: number, divisionAndBirth = '31010119950611', name = '黃麗'): OpenCaseInput => ({
  type: 'residence-permit',
  channel: 'window',
  receivingOffice: WINDOW,
  applicant: { name, idNumber: sampleIdNumber(divisionAndBirth, n) },
  materials: ['application form'],
  details: { residenceOffice: WINDOW, basis: 'job', employerCreditCode: COMPANY.creditCode, delivery: 'pickup' },
});
/** The applicant of the temporary card sample and of its card case (another person than the first-id-card sample's). */
const TEMPORARY_CARD_HOLDER = { name: '林晓', divisionAndBirth: '44010620080506' };

export const caseSamples: Record<CaseType, CaseSample> = {
  'port-visa': {
    weight: 2,
    body: (n = 0) => ({
      type: 'port-visa',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: 'Kenji Sato', passportNo: passportNo('TK', n), nationality: 'JPN' },
      materials: ['passport', 'invitation letter'],
      details: { port: 'Guangzhou Baiyun Airport', purpose: 'business', invitingCompany: COMPANY, intendedStayDays: 14 },
    }),
    // Accepted at lodging (docs/domain.md §4): approved once the company register has answered.
    path: [{ caller: 'window', action: 'approve' }],
  },

  'multi-entry-visa': {
    weight: 1,
    body: (n = 0) => ({
      type: 'multi-entry-visa',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: 'Jean Dupont', passportNo: passportNo('FR', n), nationality: 'FRA' },
      materials: ['passport', 'invitation letter'],
      details: {
        currentVisa: { type: 'M', entryDate: day(-5), stayUntil: day(25) },
        invitingCompany: COMPANY,
        requestedValidityYears: 3,
        passportValidUntil: day(5 * 365),
      },
    }),
    path: [
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
    ],
  },

  // Moving from Shanghai to Guangzhou as introduced talent: admitted without points, so every sample is approved.
  'hukou-migration': {
    weight: 4,
    body: (n = 0) => ({
      type: 'hukou-migration',
      channel: 'cross-province',
      receivingOffice: WINDOW,
      applicant: { name: '李娜', idNumber: sampleIdNumber('31010119920506', n) },
      materials: ['application form', 'labour contract'],
      details: {
        category: 'talent',
        fromOffice: ORIGIN,
        toOffice: WINDOW,
        destinationCity: { code: '440100' },
        residenceYears: 2,
        socialInsuranceYears: 2,
      },
    }),
    path: [
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'origin', action: 'confirm-move-out' },
      { caller: 'window', action: 'register-settlement' },
    ],
  },

  'first-id-card': {
    weight: 3,
    body: (n = 0) => firstIdCard('王小明', '44010620090203', n),
    path: [
      { caller: 'window', action: 'capture-biometrics', body: { photo: 'new' } },
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'hand-over' },
    ],
  },

  // A Shanghai hukou living and working in Guangzhou: the permit lives on after hand-over, until it is surrendered.
  'residence-permit': {
    weight: 3,
    body: (n = 0) => permit(n, '31010119920315', '陈静'),
    path: [
      { caller: 'window', action: 'capture-photo', body: { photo: 'new' } },
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'deliver-permit' },
      { caller: 'window', action: 'surrender', body: { reason: 'left-the-city' } },
    ],
  },

  // An Italian engineer on a Z visa who entered five days ago, at the exit-entry office of his residence.
  'foreigner-residence-permit': {
    weight: 1,
    body: (n = 0) => ({
      type: 'foreigner-residence-permit',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: 'Marco Rossi', passportNo: passportNo('YA', n), nationality: 'ITA' },
      materials: ['application form', 'passport'],
      details: {
        residenceOffice: WINDOW,
        kind: 'work',
        application: 'first',
        visa: { type: 'Z', entryDate: day(-5) },
        passportValidUntil: day(6 * 365),
        requestedDays: 730,
        employerCreditCode: COMPANY.creditCode,
      },
    }),
    path: [
      { caller: 'window', action: 'capture-photo', body: { photo: 'new' } },
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'affix-permit' },
    ],
  },

  // A daughter born ten days ago, declared by her mother at the station of her father's hukou.
  'newborn-registration': {
    weight: 2,
    body: (n = 0) => {
      const father = sampleIdNumber('44010619900315', n);
      const mother = sampleIdNumber('44010619920708', n);
      return {
        type: 'newborn-registration',
        channel: 'window',
        receivingOffice: WINDOW,
        applicant: { name: '李小雨', birthDate: day(-10) },
        materials: ['declaration form'],
        details: {
          sex: 'female',
          birthCertificateNo: `O${String(441_000_000 + (n % 1_000_000))}`,
          placeOfBirth: 'mainland',
          chosenParent: { role: 'father', name: '李明', idNumber: father },
          otherParent: { role: 'mother', name: '王芳', idNumber: mother },
          declarant: { relation: 'mother', name: '王芳', idNumber: mother },
        },
      };
    },
    path: [
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'issue-hukou-page', body: { delivery: 'pickup' } },
    ],
  },

  'household-certificate': {
    weight: 2,
    body: (n = 0) => ({
      type: 'household-certificate',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: '陳靜', idNumber: sampleIdNumber('44010619900307', n) },
      materials: ['ID card'],
      details: { subKind: 'hukou', hukouOffice: WINDOW, purpose: 'visa application' },
    }),
    path: [
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'deliver-certificate' },
    ],
  },

  'no-criminal-record': {
    weight: 2,
    body: (n = 0) => ({
      type: 'no-criminal-record',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: '陳靜', idNumber: sampleIdNumber('44010619900307', n) },
      materials: ['ID card'],
      // Proof of use given at lodging: load runs lodge many requests for one sample person (the number repeats every
      // 1000), and the request log would hold each third one until it is shown (docs/domain.md §7.6).
      details: { ground: 'hukou', decidingOffice: WINDOW, purpose: 'employment abroad', proofOfUse: 'request letter of the employer' },
    }),
    path: [
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'deliver-certificate' },
    ],
  },

  'id-card-replacement': {
    weight: 3,
    body: (n = 0) => ({
      type: 'id-card-replacement',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: '张伟', idNumber: sampleIdNumber('44010619880412', n), birthDate: '1988-04-12' },
      materials: ['application form'],
      details: { hukouOffice: WINDOW, residenceOffice: WINDOW, delivery: 'pickup', lostOn: day(-3) },
    }),
    path: [
      { caller: 'window', action: 'report-loss' },
      { caller: 'window', action: 'capture-biometrics', body: { photo: 'new' } },
      { caller: 'window', action: 'accept' },
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'hand-over' },
    ],
  },

  // Lodged at the hukou office under the applicant's open first-ID-card case, once that case has the photo the
  // temporary card carries (MPS Order 78 arts 9, 11); completed when it is handed out.
  'temporary-id-card': {
    weight: 1,
    parent: {
      body: (n = 0) => firstIdCard(TEMPORARY_CARD_HOLDER.name, TEMPORARY_CARD_HOLDER.divisionAndBirth, n),
      path: [{ caller: 'window', action: 'capture-biometrics', body: { photo: 'new' } }],
    },
    body: (n = 0) => ({
      type: 'temporary-id-card',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: TEMPORARY_CARD_HOLDER.name, idNumber: sampleIdNumber(TEMPORARY_CARD_HOLDER.divisionAndBirth, n) },
      materials: ['application form'],
      details: { hukouOffice: WINDOW },
    }),
    path: [
      { caller: 'window', action: 'approve' },
      { caller: 'window', action: 'hand-over' },
    ],
  },

  // A filing, the child of the holder's residence permit case once its permit is in the endorsement window (the month
  // before the anniversary) or suspended (居住證暫行條例 art 10); the permit case records it and the filing completes.
  // No run reaches the window over HTTP (eleven months after the issue; the end-to-end test of the filing does at a
  // scale of its own): the permit is recorded, lodged at the window long enough ago and taken along the same path.
  'residence-permit-endorsement': {
    weight: 1,
    parent: {
      body: (n = 0) => permit(n),
      path: [
        { caller: 'window', action: 'capture-photo', body: { photo: 'new' } },
        { caller: 'window', action: 'accept' },
        { caller: 'window', action: 'approve' },
        { caller: 'window', action: 'deliver-permit' },
      ],
      recorded: (caseId, n, clock) => {
        const { name, idNumber } = permit(n).applicant as { name: string; idNumber: string };
        return permitInEndorsementWindow({ caseId, idNumber, name, office: WINDOW, hukouOffice: ORIGIN, ...clock });
      },
    },
    body: (n = 0) => ({
      type: 'residence-permit-endorsement',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: permit(n).applicant,
      materials: [],
      details: { residenceOffice: WINDOW },
    }),
    path: [],
  },

  // A filing: reported at the window, checked against the population register and listed on the national lost-card
  // list by itself; nobody decides, so there is no step to send.
  'id-card-loss-report': {
    weight: 2,
    body: (n = 0) => ({
      type: 'id-card-loss-report',
      channel: 'window',
      receivingOffice: WINDOW,
      applicant: { name: '刘洋', idNumber: sampleIdNumber('44010619920815', n) },
      materials: [],
      details: { hukouOffice: WINDOW, lostOn: day(-1) },
    }),
    path: [],
  },
};

/** Every sample as `[type, sample]`, in the order of the registry. */
export const sampleEntries = () => Object.entries(caseSamples) as [CaseType, CaseSample][];

/** Who the recorded parents were lodged by and taken along their path: a caseworker of the window office. */
const RECORDING_STATION: Actor = { id: `cw-${WINDOW}`, role: 'caseworker', office: WINDOW };

/**
 * A sample's recorded parent (`parent.recorded`) for `n`, under a new case id: the id, and the batch to append to the
 * system's store as its stream (`expectedVersion: 'no-stream'`; the same batch again is an idempotent repeat).
 */
export function recordedParentBatch(sample: CaseSample, n: number, clock: RecordingClock): { caseId: string; streamId: string; batch: NewEvent[] } {
  if (!sample.parent?.recorded) throw new Error('this sample has no recorded parent');
  const caseId = randomUUID();
  return { caseId, streamId: streamIdOf(caseId), batch: recordedCaseBatch(sample.parent.recorded(caseId, n, clock), RECORDING_STATION) };
}

/** Appends a sample's recorded parent for `n` to `store` (the system's own, read by its API) and returns its case id. */
export async function recordParent(store: EventStore, sample: CaseSample, n: number, clock: RecordingClock): Promise<string> {
  const { caseId, streamId, batch } = recordedParentBatch(sample, n, clock);
  await store.append(streamId, batch, { expectedVersion: 'no-stream' });
  return caseId;
}

/** Keys under which an opening names a person or one of their documents. */
const IDENTIFIER_KEYS = ['idNumber', 'passportNo', 'birthCertificateNo'];

/**
 * The personal identifiers and names an opening holds, wherever in it they are (the applicant, parents, guardians):
 * the strings no SLA monitor, error body or metric may show. A company's name is not a person's.
 */
export function personalDataOf(body: unknown): { identifiers: string[]; names: string[] } {
  const identifiers = new Set<string>();
  const names = new Set<string>();
  const visit = (value: unknown, key: string) => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, key));
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) {
      if (IDENTIFIER_KEYS.includes(k) && typeof v === 'string') identifiers.add(v);
      else visit(v, k);
    }
    const isPerson = key === 'applicant' || IDENTIFIER_KEYS.some((k) => k in record);
    if (isPerson && typeof record.name === 'string') names.add(record.name);
  };
  visit(body, '');
  return { identifiers: [...identifiers], names: [...names] };
}
