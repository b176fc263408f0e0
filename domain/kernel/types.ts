import type { ClockState, ClockSpec } from '../sla';
import type { OfficeDirectory } from '../offices';
import type { OfficePolicy } from '../reference';
import type { CorrectionRecord, CorrectionRequest } from './corrections';
import type { CaseEvent } from './events';
import type { Representative } from './open-schema';

// The case types themselves (CASE_TYPES, CaseType) are derived from the registry in domain/case-types.ts:
// the kernel knows them only as a type parameter, so it never imports a concrete case type.

/**
 * How a case is lodged: at a counter by a caseworker (一窗通辦) or by the applicant online (全程網辦). Cross-province
 * (跨省通辦) is routing, not a channel: it follows from the offices (`CaseState.crossProvince`), so a case can be
 * online and cross-province at once (docs/domain.md §7.9.1).
 */
export const CHANNELS = ['window', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The channel openings named before cross-province became routing. Still accepted (deprecated): it means a window
 * opening whose offices must lie in two provinces. Openings stored with it fold as `window` (channelOf).
 */
export const LEGACY_CROSS_PROVINCE_CHANNEL = 'cross-province';
/** What an opening may name as its channel: a channel, or the deprecated cross-province alias. */
export const OPENING_CHANNELS = [...CHANNELS, LEGACY_CROSS_PROVINCE_CHANNEL] as const;
export type OpeningChannel = (typeof OPENING_CHANNELS)[number];

/** The channel of a stored or requested opening: the cross-province alias was always lodged at a window. */
export const channelOf = (channel: OpeningChannel): Channel => (channel === LEGACY_CROSS_PROVINCE_CHANNEL ? 'window' : channel);

export const ROLES = ['caseworker', 'supervisor', 'sla-monitor', 'applicant', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated person behind a command. */
export interface Actor {
  id: string;
  role: Role;
  office: string;
  name?: string;
  /**
   * A supervisor who heads the office in `office` (token claim `officeHead: true`): approves extensions
   * (行政許可法 art 42) and statutory pauses (art 45) of the cases that office decides.
   */
  officeHead?: boolean;
}

export type Status =
  | 'submitted'
  | 'awaiting-materials'
  | 'accepted'
  | 'approved'
  | 'completed'
  | 'not-accepted'
  | 'refused'
  | 'withdrawn'
  // A decision taken back by the office that made it or one above it (行政許可法 art 69).
  | 'revoked';

export const CLOSED_STATUSES: readonly Status[] = ['completed', 'not-accepted', 'refused', 'withdrawn', 'revoked'];

export interface Applicant {
  name: string;
  idNumber?: string;
  passportNo?: string;
  nationality?: string;
  birthDate?: string;
}

/** Another open case of the same type about the same person, found when this one was lodged. */
export interface PossibleDuplicate {
  caseId: string;
  receivingOffice: string;
  openedAt: string;
}

export const DUPLICATE_DECISIONS = ['duplicate', 'not-duplicate'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

/** The possible duplicates shown on opening, and the caseworker's review of them (null until reviewed). */
export interface DuplicateCheck {
  cases: PossibleDuplicate[];
  review: { decision: DuplicateDecision; reason: string; at: string } | null;
}

export interface CaseDocument {
  kind: string;
  number: string;
  [key: string]: unknown;
}

/**
 * The state registers a case type may check a fact against (activities/verify-record.ts answers for each). `kinship`
 * is the population register's record of parents and children (the kernel checks a representative against it);
 * `hukou-cancellation` its cancellation records (注銷), asked whether a registration was cancelled; `criminal-record`
 * the MPS criminal-record platform (no-criminal-record certificates); `power-of-attorney` the notarial register of
 * notarised powers of attorney (the kernel checks an agent's deed against it where the type says so).
 */
export const REGISTRIES = [
  'company',
  'population',
  'entry-exit',
  'kinship',
  'hukou-cancellation',
  'criminal-record',
  'birth-certificate',
  'marriage',
  // Residence permit (docs/domain.md §7.4): residence registrations, social insurance (job), property or rental filings (home), students.
  'residence-registration',
  'social-insurance',
  'property',
  'student',
  'power-of-attorney',
  // Foreigners' residence document (docs/domain.md §7.7): accommodation registrations with the police, work permits.
  'accommodation-registration',
  'work-permit',
  // Residence permits issued (docs/domain.md §7.4, 互通互認): the residence years they prove, read for hukou migration (§2).
  'residence-permit',
  // The platform's log of no-criminal-record requests (docs/domain.md §7.6): how many a person made in the year before.
  'request-log',
] as const;
export type Registry = (typeof REGISTRIES)[number];

/**
 * What a register said (docs/domain.md §1): it confirmed the fact, contradicted it, or did not answer at all.
 * `unavailable` is not a negative answer: nothing may be refused on it, and `recheck-records` asks again.
 */
export const CHECK_RESULTS = ['confirmed', 'contradicted', 'unavailable'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** Result of one check against a state register (免交證): visible on the case, never a stuck workflow. */
export interface RecordCheck {
  registry: Registry;
  subject: string;
  /** True only when the register confirmed the fact. */
  ok: boolean;
  result: CheckResult;
  detail: string;
  /** Facts the register returned (e.g. the hukou office), for the case type's rules. */
  facts?: Record<string, string | number | boolean | null>;
  at: string;
}

/**
 * The SLA policy in force when the case was opened; it governs the case for life. (Events recorded
 * before the test-only time scale became a workflow start argument also carry `timeScale` here: folds
 * ignore it.)
 */
export interface PolicySnapshot {
  version: string;
  clocks: Record<string, ClockSpec>;
  /**
   * The per-office policy applied at lodging (reference table `office-policies`): its version and the entries of
   * the offices whose commitments changed a clock above. Absent on cases lodged before per-office policy existed.
   */
  local?: { version: string; offices: Record<string, OfficePolicy> };
}

/**
 * What a case type brings to the case, as types: its name, details (the validated `details` of the
 * opening), progress (its own state beyond the shared lifecycle; every field optional, it starts as {}),
 * its events, its clocks and the activity tasks it asks the workflow to run. Details and progress are
 * type aliases (`type X = {…}`, as zod's `z.infer` gives), not interfaces: only those fit the kernel's
 * `Record<string, unknown>`.
 */
export interface CaseTypeSpec {
  type: string;
  details: Record<string, unknown>;
  progress: Record<string, unknown>;
  /** The type's own events, a union of `CaseEvent<'Name', Data>`; `never` when it has none. */
  events: CaseEvent;
  /** Clock names beyond the kernel's completeness and decision clocks; `never` when none. */
  clocks: string;
  /** Activities the type asks for, each as { activity: name, input, value }; `never` when none. */
  tasks: ActivityTaskSpec;
}

/** One activity a case type may ask for: its name, its input and the value it comes back with. */
export interface ActivityTaskSpec {
  activity: string;
  input: object;
  value: unknown;
}

/** The clocks every case has: completeness (before acceptance) and decision (after). */
export type KernelClock = 'completeness' | 'supplement' | 'decision';

export interface CaseState<S extends CaseTypeSpec = CaseTypeSpec> {
  caseId: string;
  type: S['type'];
  status: Status;
  step: string;
  channel: Channel;
  crossProvince: boolean;
  receivingOffice: string;
  handlingOffice: string;
  involvedOffices: string[];
  applicant: Applicant;
  applicantId?: string; // the online applicant's user id, who alone may see and act on the case
  /** Who lodged for the applicant (a parent, guardian, relative or agent), where the type allows it; absent: the applicant themself. */
  representative?: Representative;
  /** The case this one belongs to (a temporary ID card's card case), where it was lodged linked to one. */
  parentCaseId?: string;
  /** The cases lodged as this one's children (ChildCaseLinked), oldest first; absent when none. */
  childCases?: { caseId: string; type: string; at: string }[];
  details: S['details'];
  materials: string[];
  materialsRequested: string[] | null;
  assignee: string | null;
  version: number;
  openedAt: string;
  closedAt: string | null;
  /** The business instant of the latest event: nothing later in the stream may be dated before it. */
  updatedAt?: string;
  acceptedAt: string | null;
  policy: PolicySnapshot;
  /** The office directory's version and the entries of the case's own offices, as lodged (absent before the directory existed). */
  officeDirectory?: OfficeDirectory;
  clocks: Record<string, ClockState>;
  records: Record<string, RecordCheck>;
  documents: CaseDocument[];
  receipts: { kind: string; number: string; at: string; verificationCode?: string }[];
  extended: boolean;
  /** Possible duplicates found at opening and their review; absent when none was found. */
  duplicates?: DuplicateCheck;
  /** The open correction request of a decided case (request-correction), until it is decided. */
  correction?: CorrectionRequest | null;
  /** The correction requests decided, oldest first. */
  corrections?: CorrectionRecord[];
  /** Type-specific progress (e.g. move-out confirmed, biometrics captured). */
  progress: S['progress'];
}
