import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { notNow, onlyCaseworkerOf, onlyWhen } from '../kernel/guards';
import { hukouDocumentNumber } from './documents';
import { hukouMigrationEvent as event, type HukouMigration } from './spec';

const none = z.object({}).strict();

/** The origin office moves the hukou out electronically; the applicant never travels there. */
export const confirmMoveOut: ActionDefinition<HukouMigration> = {
  name: 'confirm-move-out',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.details.fromOffice, 'confirm the move-out (origin office)') ??
    onlyWhen(s, ['approved'], 'confirm the move-out of') ??
    (s.progress.movedOutAt ? notNow('the move-out was already confirmed') : null) ??
    (s.progress.moveOutDeclinedAt ? notNow('the origin office declined the move-out: the move-in office must revoke the permit') : null),
  decide(s, _p, ctx) {
    const { fromOffice, toOffice } = s.details;
    return [
      event('MoveOutCompleted', { fromOffice, toOffice }, ctx.at),
      event(
        'MigrationCertificateIssued',
        { kind: 'migration-certificate', number: hukouDocumentNumber('QY', fromOffice, s, ctx.at), fromOffice, toOffice },
        ctx.at,
      ),
    ];
  },
};

/**
 * The origin office declines the move-out when an obstacle stands in the way (docs/domain.md §2): the case
 * returns to the move-in office, which must revoke the permit (the general `revoke` action). A reason is
 * required, so that the move-in office and the applicant know what stands in the way.
 */
export const declineMoveOut: ActionDefinition<HukouMigration, { reason?: string }> = {
  name: 'decline-move-out',
  payload: z.object({ reason: z.string().trim().min(1).max(2000).optional() }).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.details.fromOffice, 'decline the move-out (origin office)') ??
    onlyWhen(s, ['approved'], 'decline the move-out of') ??
    (s.progress.movedOutAt ? notNow('the move-out was already confirmed') : null) ??
    (s.progress.moveOutDeclinedAt ? notNow('the move-out was already declined') : null),
  decide(s, p, ctx) {
    if (!p.reason) throw ruleBroken('a declined move-out needs a reason: say what stands in the way of the move-out');
    return [event('MoveOutDeclined', { office: s.details.fromOffice, reason: p.reason }, ctx.at)];
  },
};

/** The move-in police station registers the settlement; that completes the case. */
export const registerSettlement: ActionDefinition<HukouMigration> = {
  name: 'register-settlement',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.details.toOffice, 'register the settlement (move-in office)') ??
    onlyWhen(s, ['approved'], 'register the settlement of') ??
    (s.progress.movedOutAt ? null : notNow('the origin office has not confirmed the move-out yet')),
  decide: (s, _p, ctx) => [event('SettlementRegistered', { office: s.details.toOffice }, ctx.at), event(E.CaseCompleted, {}, ctx.at)],
};
