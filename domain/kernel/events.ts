import type { ClockFact } from '../sla';
import type { DocumentFact } from './documents';
import type { CaseOpenedData } from './open';
import type { PauseKind } from './shared-actions';
import type { CheckResult, DuplicateDecision, PossibleDuplicate, RecordCheck, Registry } from './types';

/**
 * A domain event: what happened, its data, and the business instant it happened at. An event that starts or
 * moves an SLA clock also carries what was computed for it (`clocks`: goal, deadline, escalations, the calendar
 * version), so that folding never computes a deadline again; an event that issues a document carries its
 * verification facts (`documents`). In the store, `at`, `clocks` and `documents` travel as metadata; the type name is the stored event type.
 * Without arguments it is any event, as read back from a history.
 */
export interface CaseEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
  at: string;
  clocks?: ClockFact[];
  /** The documents and receipts the event issued, with their verification codes (travel as metadata.documents). */
  documents?: DocumentFact[];
}

/**
 * The constructor of a union's events: `eventsOf<PortVisaEvent | KernelEvent>()('VisaIssued', data, at)`.
 * A misspelt type name, or data not of that event's shape, fails to compile.
 */
export const eventsOf =
  <Ev extends CaseEvent>() =>
  <T extends Ev['type']>(type: T, data: Extract<Ev, { type: T }>['data'], at: string): Extract<Ev, { type: T }> =>
    // The parameters above make this the member of Ev named T; TS cannot follow a generic Extract.
    ({ type, data, at }) as Extract<Ev, { type: T }>;

/** Data of an event that carries nothing beyond its type and instant. */
export type NoData = Record<string, never>;

interface SlaData {
  clock: string;
  dueAt: string;
}

/**
 * Events of the shared kernel, with their data as stored. Case types add their own (VisaIssued,
 * MoveOutCompleted, …) as a union of the same shape; see CaseTypeSpec.
 */
export type KernelEvent =
  | CaseEvent<'CaseOpened', CaseOpenedData>
  | CaseEvent<'PossibleDuplicatesFound', { cases: PossibleDuplicate[] }>
  | CaseEvent<'DuplicateReviewed', { decision: DuplicateDecision; reason: string }>
  | CaseEvent<'MaterialsRequested', { items: string[] }>
  | CaseEvent<'MaterialsSupplemented', { items: string[] }>
  | CaseEvent<'CaseAccepted', { receiptNumber: string }>
  | CaseEvent<'CaseDeemedAccepted', { receiptNumber: string; acceptedAt: string }>
  | CaseEvent<'AcceptanceRefused', { reason: string; receiptNumber: string }>
  | CaseEvent<'CaseAssigned', { assignee: string }>
  | CaseEvent<'ClockPaused', { clock: string; kind: PauseKind; reason: string }>
  | CaseEvent<'ClockResumed', { clock: string; pausedWorkingDays?: number; pausedMs?: number }>
  | CaseEvent<
      'DeadlineExtended',
      // The new deadline, the one it replaced and the law allowing it are recorded with the extension (older events: workingDays and reason only).
      { clock: string; workingDays?: number; calendarDays?: number; reason: string; previousDeadline?: string; deadline?: string; legalBasis?: string }
    >
  | CaseEvent<'DeadlineRecomputed', { clock: string; before: string; after: string; calendarVersion: string; reason: string }>
  | CaseEvent<'CaseApproved', NoData>
  | CaseEvent<'CaseRefused', { reason: string | null; legalBasis: string; final: boolean; appealable: boolean }>
  | CaseEvent<'CaseWithdrawn', { reason: string }>
  | CaseEvent<'DecisionRevoked', { reason: string; legalBasis: string; revokedDocuments: string[]; appealable: boolean }>
  // Corrections of a decided case (docs/domain.md §1): `value` and the old and new values are personal data.
  | CaseEvent<'CorrectionRequested', { field: string; value: string; reason: string }>
  | CaseEvent<
      'CorrectionApproved',
      {
        field: string;
        oldValue: string | null;
        newValue: string;
        reason: string;
        legalBasis: string;
        /** The documents showing the field, reissued: each new number and the one it supersedes. */
        reissued: { kind: string; number: string; replaces: string }[];
      }
    >
  | CaseEvent<'CorrectionRejected', { field: string; reason: string }>
  | CaseEvent<'CaseCompleted', NoData>
  | CaseEvent<'ChildCaseLinked', { caseId: string; type: string }>
  // `result` came with the register outage rule: a recorded check without it is confirmed when ok, else contradicted.
  | CaseEvent<'RecordsVerified', { key: string; registry: Registry; result?: CheckResult } & Pick<RecordCheck, 'subject' | 'ok' | 'detail' | 'facts'>>
  | CaseEvent<'RecordsRecheckRequested', { keys: string[] }>
  | CaseEvent<'SlaGoalMissed', SlaData>
  | CaseEvent<'SlaDeadlinePassed', SlaData>
  | CaseEvent<'SlaEscalated', SlaData & { level: number; nextAt?: string }>;

export type KernelEventType = KernelEvent['type'];

/** A kernel event: `event(KernelEvents.CaseAccepted, { receiptNumber }, at)`. */
export const event = eventsOf<KernelEvent>();

/** The kernel's event type names; `satisfies` keeps the list and the union above in step. */
export const KernelEvents = {
  CaseOpened: 'CaseOpened',
  PossibleDuplicatesFound: 'PossibleDuplicatesFound',
  DuplicateReviewed: 'DuplicateReviewed',
  MaterialsRequested: 'MaterialsRequested',
  MaterialsSupplemented: 'MaterialsSupplemented',
  CaseAccepted: 'CaseAccepted',
  CaseDeemedAccepted: 'CaseDeemedAccepted',
  AcceptanceRefused: 'AcceptanceRefused',
  CaseAssigned: 'CaseAssigned',
  ClockPaused: 'ClockPaused',
  ClockResumed: 'ClockResumed',
  DeadlineExtended: 'DeadlineExtended',
  DeadlineRecomputed: 'DeadlineRecomputed',
  CaseApproved: 'CaseApproved',
  CaseRefused: 'CaseRefused',
  CaseWithdrawn: 'CaseWithdrawn',
  DecisionRevoked: 'DecisionRevoked',
  CorrectionRequested: 'CorrectionRequested',
  CorrectionApproved: 'CorrectionApproved',
  CorrectionRejected: 'CorrectionRejected',
  CaseCompleted: 'CaseCompleted',
  ChildCaseLinked: 'ChildCaseLinked',
  RecordsVerified: 'RecordsVerified',
  RecordsRecheckRequested: 'RecordsRecheckRequested',
  SlaGoalMissed: 'SlaGoalMissed',
  SlaDeadlinePassed: 'SlaDeadlinePassed',
  SlaEscalated: 'SlaEscalated',
} as const satisfies { [T in KernelEventType]: T };

const KERNEL_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(KernelEvents));

export const isKernelEvent = (ev: CaseEvent): ev is KernelEvent => KERNEL_EVENT_TYPES.has(ev.type);

export const SLA_EVENT_TYPES: readonly string[] = [KernelEvents.SlaGoalMissed, KernelEvents.SlaDeadlinePassed, KernelEvents.SlaEscalated];

/** What SLA monitors are alerted of: the SLA events, and a deadline moved by a published calendar. */
export const SLA_ALERT_TYPES: readonly string[] = [...SLA_EVENT_TYPES, KernelEvents.DeadlineRecomputed];

/**
 * The default of an exhaustive switch over a union of several events: one left unhandled fails to
 * compile here (it is not `never`), while a stored type no switch knows changes nothing.
 */
export const unhandled = <S>(state: S, _event: never): S => state;
