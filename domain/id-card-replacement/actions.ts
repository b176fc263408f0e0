import { z } from 'zod';
import { cardActions, signOffAction } from '../id-card/actions';
import type { ActionDefinition } from '../kernel/case-type';
import { isOwnApplicant, notNow, notWho, onlyWhileOpen } from '../kernel/guards';
import { idCardReplacementEvent as event, type IdCardReplacement } from './spec';

const none = z.object({}).strict();

/** Photo and fingerprints, hand-over and a production retry: shared by every card type (domain/id-card). */
export const { captureBiometrics, handOver, retryProduction } = cardActions<IdCardReplacement>();

/**
 * The loss report (掛失申報): at any police station or online, decided by nobody; the card goes on the national
 * lost-card list at once [news: MPS 2015 opinion]. Possible from lodging until the case closes, once.
 */
export const reportLoss: ActionDefinition<IdCardReplacement> = {
  name: 'report-loss',
  payload: none,
  guard: (s, actor) =>
    (actor.role === 'caseworker' || isOwnApplicant(actor, s)
      ? null
      : notWho('only a caseworker of any station, or the applicant online, may report the loss')) ??
    onlyWhileOpen(s, 'report the loss') ??
    (s.progress.lossReportedAt ? notNow('the loss was already reported') : null) ??
    // Lodged for a loss report (an id-card-loss-report filing, its parent): the loss is on record there.
    (s.parentCaseId ? notNow(`the loss was reported in the loss report ${s.parentCaseId}: there is nothing to report again`) : null),
  decide: (s, _p, ctx) => {
    const channel = ctx.actor.role === 'applicant' ? ('online' as const) : ('window' as const);
    const lostOn = s.details.lostOn ? { lostOn: s.details.lostOn } : {};
    return [event('CardReportedLost', { office: ctx.actor.office, channel, ...lostOn }, ctx.at)];
  },
};

/**
 * Cross-province: the hukou-place office, the legal issuer (居民身份證法 art 8), signs off what the residence office
 * lodged; the lost card is invalidated then (docs/domain.md §7.2, inferred).
 */
export const signOff = signOffAction<IdCardReplacement>(
  (s) => (s.progress.signedOffAt || s.progress.signOffDeclined ? notNow('the hukou-place office already answered') : null),
  (_s, _p, ctx) => [
    event('HukouPlaceSignedOff', { office: ctx.actor.office }, ctx.at),
    event('OldCardInvalidated', { office: ctx.actor.office, reason: 'reported-lost' }, ctx.at),
  ],
);

/** The hukou-place office cannot establish the identity (居民身份證法 arts 8, 11): the residence office then refuses. */
export const declineSignOff: ActionDefinition<IdCardReplacement, { reason: string }> = {
  name: 'decline-sign-off',
  payload: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
  guard: (s, actor) => signOff.guard(s, actor),
  decide: (_s, p, ctx) => [event('SignOffDeclined', { office: ctx.actor.office, reason: p.reason }, ctx.at)],
};
