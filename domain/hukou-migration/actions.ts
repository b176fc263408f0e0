import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { event, KernelEvents as E } from '../kernel/events';
import { notNow, onlyCaseworkerOf, onlyWhen } from '../kernel/guards';
import type { CaseState } from '../kernel/types';
import type { HukouMigrationDetails } from './details';
import { hukouDocumentNumber } from './documents';

const details = (s: CaseState) => s.details as HukouMigrationDetails;
const none = z.object({}).strict();

export interface HukouProgress {
  eligibility?: { eligible: boolean; rule: string };
  movedOutAt?: string;
  settledAt?: string;
}
export const hukouProgressOf = (s: CaseState) => s.progress as HukouProgress;

/** The origin office moves the hukou out electronically; the applicant never travels there. */
export const confirmMoveOut: ActionDefinition = {
  name: 'confirm-move-out',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, details(s).fromOffice, 'confirm the move-out (origin office)') ??
    onlyWhen(s, ['approved'], 'confirm the move-out of') ??
    (hukouProgressOf(s).movedOutAt ? notNow('the move-out was already confirmed') : null),
  decide(s, _p, ctx) {
    const { fromOffice, toOffice } = details(s);
    return [
      event('MoveOutCompleted', { fromOffice, toOffice }, ctx.at),
      event('MigrationCertificateIssued', { kind: 'migration-certificate', number: hukouDocumentNumber('QY', fromOffice, s, ctx.at), fromOffice, toOffice }, ctx.at),
    ];
  },
};

/** The move-in police station registers the settlement; that completes the case. */
export const registerSettlement: ActionDefinition = {
  name: 'register-settlement',
  payload: none,
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, details(s).toOffice, 'register the settlement (move-in office)') ??
    onlyWhen(s, ['approved'], 'register the settlement of') ??
    (hukouProgressOf(s).movedOutAt ? null : notNow('the origin office has not confirmed the move-out yet')),
  decide: (s, _p, ctx) => [event('SettlementRegistered', { office: details(s).toOffice }, ctx.at), event(E.CaseCompleted, {}, ctx.at)],
};
