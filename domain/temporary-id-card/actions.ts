import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { KernelEvents as E } from '../kernel/events';
import { isCaseworkerOf, notNow, notWho, onlyCaseworkerOf, onlyWhen } from '../kernel/guards';
import { temporaryIdCardEvent as event, type TemporaryIdCard } from './spec';

/** Handed out where it was lodged, which makes it (Order 78 art 9; cross-province [news]): the case completes. */
export const handOver: ActionDefinition<TemporaryIdCard> = {
  name: 'hand-over',
  payload: z.object({}).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.receivingOffice, 'hand over the temporary card') ??
    onlyWhen(s, ['approved'], 'hand over the temporary card of') ??
    (s.progress.issued ? null : notNow('no temporary card has been issued yet')),
  decide: (s, _p, ctx) => [
    event('TemporaryIdDelivered', { office: ctx.actor.office, number: s.progress.issued!.number }, ctx.at),
    event(E.CaseCompleted, {}, ctx.at),
  ],
};

export type ReturnPayload = { returned: true } | { returned: false; reason: string };

/**
 * The temporary card handed back when the resident ID card is collected (Order 78 art 13), or once the card case ended
 * without a card (inferred), or not (inferred: the reason is recorded, e.g. lost). Recorded by the office that lodged
 * it or the issuing one.
 */
export const recordReturn: ActionDefinition<TemporaryIdCard, ReturnPayload> = {
  name: 'record-return',
  payload: z.discriminatedUnion('returned', [
    z.object({ returned: z.literal(true) }).strict(),
    z.object({ returned: z.literal(false), reason: z.string().trim().min(1).max(500) }).strict(),
  ]),
  guard(s, actor) {
    const p = s.progress;
    return (
      (isCaseworkerOf(actor, s.receivingOffice) || isCaseworkerOf(actor, s.details.hukouOffice)
        ? null
        : notWho(`only a caseworker of office ${s.receivingOffice} or ${s.details.hukouOffice} may record the temporary card's return`)) ??
      (p.deliveredAt ? null : notNow('the temporary card has not been handed out')) ??
      (p.returned ? notNow('the return of the temporary card is already recorded') : null) ??
      (p.cardDeliveredAt || p.cardCaseClosed
        ? null
        : notNow('the temporary card is handed back when the resident ID card is collected (Order 78 art 13): it has not been yet'))
    );
  },
  decide(s, payload, ctx) {
    const number = s.progress.issued!.number;
    return payload.returned
      ? [event('TemporaryIdReturned', { number, office: ctx.actor.office }, ctx.at)]
      : [event('TemporaryIdNotReturned', { number, reason: payload.reason, office: ctx.actor.office }, ctx.at)];
  },
};
