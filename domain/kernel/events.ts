/**
 * A domain event: what happened, its data, and the business instant it happened at.
 * In the store, `at` travels as metadata.at; the type name is the stored event type.
 */
export interface CaseEvent<Type extends string = string, Data extends object = Record<string, any>> {
  type: Type;
  data: Data;
  at: string;
}

export const event = <T extends string, D extends object>(type: T, data: D, at: string): CaseEvent<T, D> => ({
  type,
  data,
  at,
});

/** Event types of the shared kernel; case types add their own (VisaIssued, MoveOutCompleted, …). */
export const KernelEvents = {
  CaseOpened: 'CaseOpened',
  MaterialsRequested: 'MaterialsRequested',
  MaterialsSupplemented: 'MaterialsSupplemented',
  CaseAccepted: 'CaseAccepted',
  CaseDeemedAccepted: 'CaseDeemedAccepted',
  AcceptanceRefused: 'AcceptanceRefused',
  CaseAssigned: 'CaseAssigned',
  ClockPaused: 'ClockPaused',
  ClockResumed: 'ClockResumed',
  DeadlineExtended: 'DeadlineExtended',
  CaseApproved: 'CaseApproved',
  CaseRefused: 'CaseRefused',
  CaseWithdrawn: 'CaseWithdrawn',
  CaseCompleted: 'CaseCompleted',
  RecordsVerified: 'RecordsVerified',
  SlaGoalMissed: 'SlaGoalMissed',
  SlaDeadlinePassed: 'SlaDeadlinePassed',
  SlaEscalated: 'SlaEscalated',
} as const;

export const SLA_EVENT_TYPES: readonly string[] = [
  KernelEvents.SlaGoalMissed,
  KernelEvents.SlaDeadlinePassed,
  KernelEvents.SlaEscalated,
];
