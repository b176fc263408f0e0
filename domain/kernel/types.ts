import type { ClockState, ClockSpec } from '../sla';

export const CASE_TYPES = ['port-visa', 'multi-entry-visa', 'hukou-migration', 'first-id-card'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CHANNELS = ['window', 'online', 'cross-province'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['caseworker', 'supervisor', 'sla-monitor', 'applicant', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated person behind a command. */
export interface Actor {
  id: string;
  role: Role;
  office: string;
  name?: string;
}

export type Status =
  | 'submitted'
  | 'awaiting-materials'
  | 'accepted'
  | 'approved'
  | 'completed'
  | 'not-accepted'
  | 'refused'
  | 'withdrawn';

export const CLOSED_STATUSES: readonly Status[] = ['completed', 'not-accepted', 'refused', 'withdrawn'];

export interface Applicant {
  name: string;
  idNumber?: string;
  passportNo?: string;
  nationality?: string;
  birthDate?: string;
}

export interface CaseDocument {
  kind: string;
  number: string;
  [key: string]: unknown;
}

/** Result of one check against a state register (免交證): visible on the case, never a stuck workflow. */
export interface RecordCheck {
  registry: string;
  subject: string;
  ok: boolean;
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
}

export interface CaseState {
  caseId: string;
  type: CaseType;
  status: Status;
  step: string;
  channel: Channel;
  crossProvince: boolean;
  receivingOffice: string;
  handlingOffice: string;
  involvedOffices: string[];
  applicant: Applicant;
  applicantId?: string; // the online applicant's user id, who alone may see and act on the case
  details: Record<string, unknown>;
  materials: string[];
  materialsRequested: string[] | null;
  assignee: string | null;
  version: number;
  openedAt: string;
  closedAt: string | null;
  acceptedAt: string | null;
  policy: PolicySnapshot;
  clocks: Record<string, ClockState>;
  records: Record<string, RecordCheck>;
  documents: CaseDocument[];
  receipts: { kind: string; number: string; at: string }[];
  extended: boolean;
  /** Type-specific progress (e.g. move-out confirmed, biometrics captured). */
  progress: Record<string, unknown>;
}
