import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseDocument, CaseState } from '../kernel/types';
import type { PhotoEvent, PhotoProgress, PhotoTask } from '../photo';
import type { ForeignerResidencePermitDetails, PermitKind } from './details';

/**
 * From the decision to the collection, where the document is affixed: served within 10 WD of the decision (行政許可法
 * art 44), so an issued document waiting at the window is never silent.
 */
export const COLLECTION_CLOCK = 'delivery';

/** The photo standard of exit-entry documents (出入境證件相片標準, verify), as recorded on a photo taken for one. */
export const EXIT_ENTRY_PHOTO_STANDARD = 'exit-entry';

/**
 * The residence document, affixed in the passport at collection. Its own kind and event name: the residence permit
 * of citizens (居住證, domain/residence-permit) already records `ResidencePermitIssued` with a card or e-permit, a
 * residence city and an endorsement anniversary, none of which a foreigner's document has; it has a validity instead.
 */
export type ForeignerResidencePermitDocument = CaseDocument & {
  kind: 'foreigner-residence-permit';
  permitKind: PermitKind;
  nationality: string;
  passportNo: string;
  validFrom: string;
  validUntil: string;
  /** The requested term ran past the passport's expiry and was cut to it (inferred). */
  cappedByPassport: boolean;
  /** A work document: the term ran past the work permit's last day and was cut to it (inferred; recorded since the change). */
  cappedByWorkPermit?: boolean;
  photoId: string;
};

export type ForeignerResidencePermitEvent =
  | CaseEvent<'AcceptanceReceiptIssued', { number: string; validUntil: string }>
  // The passport is checked and handed back at acceptance, not kept (docs/domain.md §7.7, 2023 measures).
  | CaseEvent<'PassportVerifiedAndReturned', { passportNo: string; nationality: string }>
  // Fingerprints are taken in person at the window (出境入境管理法 art 30).
  | CaseEvent<'BiometricsCaptured', { office: string; fingerprints: true }>
  // The shared photo store (domain/photo), a photo taken here to the exit-entry standard.
  | PhotoEvent<typeof EXIT_ENTRY_PHOTO_STANDARD>
  // 一照通用 is the applicant's choice (docs/domain.md §7.8): the reuse is recorded as chosen, with the age limit applied.
  | CaseEvent<'PhotoReuseChosen', { photoId: string; takenAt: string; source: 'shared-photo-store'; maxAgeMonths: number; photoReuseVersion: string }>
  | CaseEvent<'ForeignerResidencePermitIssued', ForeignerResidencePermitDocument>
  | CaseEvent<'PassportPresented', { passportNo: string; nationality: string; office: string }>
  | CaseEvent<'ResidencePermitAffixed', { number: string; passportNo: string; office: string }>;

export type ForeignerResidencePermitProgress = PhotoProgress & {
  passportVerifiedAt?: string;
  biometricsAt?: string;
  permit?: { number: string; validUntil: string };
  affixedAt?: string;
};

/** A foreigner in the shared photo store (activities/photo-store): keyed by nationality and passport (docs/domain.md §7.8). */
export type PassportHolder = { nationality: string; passportNo: string };

/** The activities a foreigner's residence document asks for: the shared photo store, keyed by passport. */
export type ForeignerResidencePermitTask = PhotoTask<PassportHolder>;

/** What a foreigner's residence document brings to the case (see CaseTypeSpec). */
export interface ForeignerResidencePermit {
  type: 'foreigner-residence-permit';
  details: ForeignerResidencePermitDetails;
  progress: ForeignerResidencePermitProgress;
  events: ForeignerResidencePermitEvent;
  clocks: typeof COLLECTION_CLOCK;
  tasks: ForeignerResidencePermitTask;
}

export type ForeignerResidencePermitCase = CaseState<ForeignerResidencePermit>;

/** Events of a foreigner's residence document case, the kernel's included. */
export const foreignerResidencePermitEvent = eventsOf<EventOf<ForeignerResidencePermit>>();
