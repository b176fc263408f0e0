import { eventsOf, type CaseEvent } from '../kernel/events';
import { CARD_FEE_BASIS, CARD_FEES, type CardFeeItem } from './rules';

/** The fee the case costs, recorded on approval: the amount, whether it was waived and the price rule it follows. */
export type FeeEvent = CaseEvent<'FeeAssessed', { item: CardFeeItem; amountCny: number; waived: boolean; basis: string }>;

const event = eventsOf<FeeEvent>();

/** The fee of `item`, waived only where the rule allows a waiver and the applicant qualifies. */
export function feeAssessed(item: CardFeeItem, at: string, qualifiesForWaiver = false): FeeEvent {
  const fee = CARD_FEES[item];
  const waived = fee.waivable && qualifiesForWaiver;
  return event('FeeAssessed', { item, amountCny: waived ? 0 : fee.amountCny, waived, basis: CARD_FEE_BASIS }, at);
}
