import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument, CaseState } from '../kernel/types';
import type { PhotoEvent, PhotoProgress, PhotoTask } from '../photo';
import type { PERMIT_DELIVERY, PERMIT_FORMS, ResidencePermitDetails } from './details';

/** Issued within 15 days of acceptance (居住證暫行條例 art 9), to the hand-over (制作發放). */
export const ISSUE_CLOCK = 'residence-permit-issue';

/** The endorsement filing's type (domain/residence-permit-endorsement), lodged as a child of the permit case. */
export const ENDORSEMENT_FILING = 'residence-permit-endorsement';
/** What an endorsement filing tells its permit case when it is lodged (its `tellsParent`). */
export const ENDORSEMENT_LODGED = 'EndorsementLodged';

/** The timers a permit keeps after its case completed (art 10): the endorsement window opening, and the suspension. */
export const ENDORSEMENT_DUE = 'endorsement-due';
export const SUSPENSION = 'suspension';
export type PermitTimer = typeof ENDORSEMENT_DUE | typeof SUSPENSION;

export type { PhotoLookup } from '../photo';

/**
 * The permit. It sets no validity (art 10): it stays in force while it is endorsed every year, so it carries the
 * anniversary by which the next endorsement is due rather than an expiry.
 */
export type ResidencePermitDocument = CaseDocument & {
  kind: 'residence-permit';
  form: (typeof PERMIT_FORMS)[number];
  residenceCity: string;
  validFrom: string;
  photoId: string;
};

export type ResidencePermitEvent =
  | PhotoEvent
  // 一照通用 is the applicant's choice (docs/domain.md §7.8): the reuse is recorded as chosen, with the age limit applied.
  | CaseEvent<'PhotoReuseChosen', { photoId: string; takenAt: string; source: 'shared-photo-store'; maxAgeMonths: number; photoReuseVersion: string }>
  | CaseEvent<'ResidencePermitIssued', ResidencePermitDocument & { anniversary: string }>
  | CaseEvent<'ResidencePermitDelivered', { mode: (typeof PERMIT_DELIVERY)[number]; office: string; number: string; trackingNumber?: string }>
  | CaseEvent<'EndorsementDue', { number: string; anniversary: string; windowOpens: string; lastDay: string }>
  | CaseEvent<'ResidencePermitSuspended', { number: string; since: string; reason: string }>
  // Endorsed by the `endorse` action, or for an endorsement filing lodged as this case's child (its id: childCaseId).
  | CaseEvent<'ResidencePermitEndorsed', { number: string; endorsedOn: string; late: boolean; office: string; nextAnniversary: string; childCaseId?: string }>
  // An endorsement filing the permit could not record (no longer in force, or already endorsed for this year): its
  // case hears the reason.
  | CaseEvent<'EndorsementNotRecorded', { childCaseId: string; reason: string }>
  | CaseEvent<'ResidenceYearsRestarted', { from: string; previousFrom: string; reason: string }>
  | CaseEvent<'ResidencePermitReplaced', ResidencePermitDocument & { replaces: string; reason: 'lost' | 'damaged' }>
  | CaseEvent<'ResidencePermitSurrendered', { number: string; reason: string }>;

/** The permit's life after issue: what the endorsement timers and actions read. */
export type PermitLife = {
  number: string;
  issuedOn: string;
  /** The day the current permit year is completed: endorse in the month before it, or it is suspended from then. */
  anniversary: string;
  /** EndorsementDue was recorded for the current anniversary. */
  dueNotified?: boolean;
  suspendedSince?: string;
  endorsements: number;
  /** Residence years count from this day: the issue, or the day of a late endorsement (art 10). */
  yearsFrom: string;
  deliveredAt?: string;
  surrenderedAt?: string;
};

export type ResidencePermitProgress = PhotoProgress & { permit?: PermitLife };

/** The activities a residence-permit case asks for: the shared photo store (activities/photo-store). */
export type ResidencePermitTask = PhotoTask;

/** What a residence permit brings to the case (see CaseTypeSpec). */
export interface ResidencePermit {
  type: 'residence-permit';
  details: ResidencePermitDetails;
  progress: ResidencePermitProgress;
  events: ResidencePermitEvent;
  clocks: typeof ISSUE_CLOCK;
  tasks: ResidencePermitTask;
}

export type ResidencePermitCase = CaseState<ResidencePermit>;

/** Events of a residence-permit case, the kernel's included. */
export const residencePermitEvent = eventsOf<EventOf<ResidencePermit>>();
