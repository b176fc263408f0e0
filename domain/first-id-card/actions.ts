import { z } from 'zod';
import { cardActions, caseTag, signOffAction } from '../id-card/actions';
import type { ActionDefinition } from '../kernel/case-type';
import { isCaseworkerOf, notNow, notWho, onlyWhen } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import { temporaryIdValidUntil } from './rules';
import { firstIdCardEvent as event, type FirstIdCard } from './spec';

const none = z.object({}).strict();

/** Photo and fingerprints, hand-over and a production retry: shared by every card type (domain/id-card). */
export const { captureBiometrics, handOver, retryProduction } = cardActions<FirstIdCard>();

/** Cross-province: the hukou-place office signs off what the residence office lodged. */
export const signOff = signOffAction<FirstIdCard>(
  (s) => (s.progress.signedOffAt ? notNow('the hukou-place office already signed off') : null),
  (_s, _p, ctx) => [event('HukouPlaceSignedOff', { office: ctx.actor.office }, ctx.at)],
);

/** A temporary card while the real one is made (MPS Order 78): issued within 3 days, valid 3 months. */
export const issueTemporaryId: ActionDefinition<FirstIdCard> = {
  name: 'issue-temporary-id',
  payload: none,
  guard(s, actor) {
    const p = s.progress;
    return (
      (isCaseworkerOf(actor, s.receivingOffice) || isCaseworkerOf(actor, s.handlingOffice)
        ? null
        : notWho(`only a caseworker of office ${s.receivingOffice} or ${s.handlingOffice} may issue a temporary ID card`)) ??
      onlyWhen(s, ['accepted', 'approved'], 'issue a temporary ID card for') ??
      (s.details.wantsTemporaryId ? null : notNow('the applicant did not ask for a temporary ID card')) ??
      (p.temporaryIdAt ? notNow('a temporary ID card was already issued') : null) ??
      (p.photo ? null : notNow('capture the biometrics first: the temporary card carries the photo'))
    );
  },
  decide(s, _p, ctx) {
    const validFrom = shanghaiDay(ctx.at);
    const number = `LS${s.receivingOffice}${validFrom.replace(/-/g, '')}${caseTag(s)}`;
    return [event('TemporaryIdIssued', { kind: 'temporary-id-card', number, validFrom, validUntil: temporaryIdValidUntil(validFrom) }, ctx.at)];
  },
};
