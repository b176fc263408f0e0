import type { EventOf } from '../kernel/case-type';
import { eventsOf, type CaseEvent } from '../kernel/events';
import type { CaseState } from '../kernel/types';
import type { FeeEvent } from '../id-card/fees';
import type { CardEvent, CardProgress, IdCardTask, TemporaryIdDocument } from '../id-card/spec';
import type { FirstIdCardDetails } from './details';

export type { IdCardDocument, IdCardTask, PhotoLookup, TemporaryIdDocument } from '../id-card/spec';

export const PRODUCTION_CLOCK = 'first-id-card-production';
export const TEMPORARY_ID_CLOCK = 'temporary-id';

/** The shared card events (domain/id-card), the temporary card of cases lodged before it became its own type, and the fee. */
export type FirstIdCardEvent = CardEvent | CaseEvent<'TemporaryIdIssued', TemporaryIdDocument> | FeeEvent;

/** What has happened on a first-ID-card case beyond the shared lifecycle. */
export type IdCardProgress = CardProgress & { temporaryIdAt?: string };

/** What a first ID card brings to the case (see CaseTypeSpec). */
export interface FirstIdCard {
  type: 'first-id-card';
  details: FirstIdCardDetails;
  progress: IdCardProgress;
  events: FirstIdCardEvent;
  clocks: typeof PRODUCTION_CLOCK | typeof TEMPORARY_ID_CLOCK;
  tasks: IdCardTask;
}

export type FirstIdCardCase = CaseState<FirstIdCard>;

/** Events of a first-ID-card case, the kernel's included: `event('CardProduced', …)`. */
export const firstIdCardEvent = eventsOf<EventOf<FirstIdCard>>();
