import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { ResidencePermitEndorsementDetails } from './details';

export type ResidencePermitEndorsementEvent =
  // The filing itself, told to the permit case (its `tellsParent`): the permit records the endorsement.
  | CaseEvent<'EndorsementLodged', { permitCaseId: string; office: string; channel: string }>
  // The permit case recorded it (ResidencePermitEndorsed naming this case): the register effect; the filing completes.
  | CaseEvent<'PermitEndorsementRecorded', { number: string; endorsedOn: string; late: boolean; nextAnniversary: string }>
  // The permit case could not record it (EndorsementNotRecorded): the reason, for the station and the holder.
  | CaseEvent<'PermitEndorsementNotRecorded', { reason: string }>;

export type ResidencePermitEndorsementProgress = {
  lodgedAt?: string;
  recorded?: { number: string; endorsedOn: string; late: boolean; nextAnniversary: string; at: string };
  notRecorded?: { reason: string; at: string };
};

/** What an endorsement filing brings to the case (see CaseTypeSpec): a filing, no clocks or tasks of its own. */
export interface ResidencePermitEndorsement {
  type: 'residence-permit-endorsement';
  details: ResidencePermitEndorsementDetails;
  progress: ResidencePermitEndorsementProgress;
  events: ResidencePermitEndorsementEvent;
  clocks: never;
  tasks: never;
}

export type ResidencePermitEndorsementCase = CaseState<ResidencePermitEndorsement>;

export const residencePermitEndorsementEvent = eventsOf<EventOf<ResidencePermitEndorsement>>();
