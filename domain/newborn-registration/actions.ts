import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { notNow, onlyCaseworkerOf, onlyWhen } from '../kernel/guards';
import { HUKOU_PAGE_MODES, newbornEvent as event, type HukouPageDocument, type HukouPageMode, type NewbornRegistration } from './spec';
import { allocationStalled } from './tasks';

/** The child's booklet page, posted or picked up at the station (docs/domain.md §7.1); the case is then complete. */
export const issueHukouPage: ActionDefinition<NewbornRegistration, { delivery: HukouPageMode; trackingNumber?: string }> = {
  name: 'issue-hukou-page',
  payload: z.object({ delivery: z.enum(HUKOU_PAGE_MODES), trackingNumber: z.string().trim().min(1).max(64).optional() }).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.handlingOffice, 'issue the hukou page') ??
    onlyWhen(s, ['approved'], 'issue the hukou page of') ??
    (s.progress.registeredAt ? null : notNow('the birth is not registered yet: the citizen ID number has not been allocated')),
  decide(s, p, ctx) {
    if (p.trackingNumber && p.delivery !== 'post') throw ruleBroken('a tracking number goes with a posted page only (delivery: post)');
    const page: HukouPageDocument = {
      kind: 'hukou-page',
      number: `HK${s.handlingOffice}${s.caseId.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      hukouOffice: s.handlingOffice,
      delivery: p.delivery,
      ...(p.trackingNumber ? { trackingNumber: p.trackingNumber } : {}),
    };
    return [event('HukouPageIssued', page, ctx.at), event(E.CaseCompleted, {}, ctx.at)];
  },
};

/** After the automatic allocations kept failing, a caseworker of the registering office asks the register again. */
export const retryAllocation: ActionDefinition<NewbornRegistration> = {
  name: 'retry-allocation',
  payload: z.object({}).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.handlingOffice, 'ask the population register again') ??
    onlyWhen(s, ['approved'], 'retry the ID number allocation of') ??
    (allocationStalled(s) ? null : notNow('the ID number allocation is not stalled')),
  decide: (_s, _p, ctx) => [event('CitizenIdNumberAllocationRetried', { office: ctx.actor.office }, ctx.at)],
};
