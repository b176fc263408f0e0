import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { notNow, onlyCaseworkerOf, onlyWhileOpen } from '../kernel/guards';
import { idCardLossReportEvent as event, MAX_AUTOMATIC_LISTING_ATTEMPTS, type IdCardLossReport, type IdCardLossReportCase } from './spec';

/** The lost-card list kept failing: the automatic attempts ran out and a caseworker must ask again. */
export const listingStalled = (s: IdCardLossReportCase) => !s.progress.listed && (s.progress.listingFailures ?? 0) >= MAX_AUTOMATIC_LISTING_ATTEMPTS;

/** After the automatic listing attempts kept failing, a caseworker of the receiving office asks the list again. */
export const retryListing: ActionDefinition<IdCardLossReport> = {
  name: 'retry-listing',
  payload: z.object({}).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'ask the lost-card list again') ??
    onlyWhileOpen(s, 'retry the listing of') ??
    (listingStalled(s) ? null : notNow('the listing is not stalled: the lost-card list is still being asked, or the card is listed')),
  decide: (_s, _p, ctx) => [event('LostCardListingRequested', { retry: true }, ctx.at)],
};
