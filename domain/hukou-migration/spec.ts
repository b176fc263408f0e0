import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument, CaseState } from '../kernel/types';
import type { HukouMigrationDetails } from './details';
import type { EligibilityAssessment } from './eligibility';
import type { PermitRecordsRequest } from './permit-years';

export const MOVE_OUT_CLOCK = 'hukou-move-out';
export const SETTLEMENT_CLOCK = 'hukou-settlement';
/** After a declined move-out, the move-in office's time to revoke the permit it issued. */
export const REVOCATION_CLOCK = 'hukou-revocation';

/** The e-准遷證 issued on approval by the move-in office. */
export type MoveInPermit = CaseDocument & { kind: 'move-in-permit'; fromOffice: string; toOffice: string; category: HukouMigrationDetails['category'] };
/** The e-遷移證 issued by the origin office on the move-out. */
export type MigrationCertificate = CaseDocument & { kind: 'migration-certificate'; fromOffice: string; toOffice: string };

export type HukouMigrationEvent =
  | CaseEvent<'PermitRecordsRequested', PermitRecordsRequest>
  | CaseEvent<'EligibilityAssessed', EligibilityAssessment>
  | CaseEvent<'MoveInPermitIssued', MoveInPermit>
  | CaseEvent<'MoveOutCompleted', { fromOffice: string; toOffice: string }>
  | CaseEvent<'MoveOutDeclined', { office: string; reason: string }>
  | CaseEvent<'MigrationCertificateIssued', MigrationCertificate>
  | CaseEvent<'SettlementRegistered', { office: string }>;

export type HukouProgress = {
  /** Set at lodging where the metro group's residence years are read from residence-permit records (permit-years.ts). */
  permitRecords?: PermitRecordsRequest;
  eligibility?: { eligible: boolean; rule: string };
  movedOutAt?: string;
  moveOutDeclinedAt?: string;
  settledAt?: string;
};

/** What a hukou migration brings to the case (see CaseTypeSpec). */
export interface HukouMigration {
  type: 'hukou-migration';
  details: HukouMigrationDetails;
  progress: HukouProgress;
  events: HukouMigrationEvent;
  clocks: typeof MOVE_OUT_CLOCK | typeof SETTLEMENT_CLOCK | typeof REVOCATION_CLOCK;
  tasks: never;
}

export type HukouMigrationCase = CaseState<HukouMigration>;

/** Events of a hukou migration case, the kernel's included: `event('MoveOutCompleted', …)`. */
export const hukouMigrationEvent = eventsOf<EventOf<HukouMigration>>();
