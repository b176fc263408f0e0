import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { isCaseworkerOf, isOwnApplicant, notNow, notWho, onlyCaseworkerOf, onlyOfficeHeadOf } from '../kernel/guards';
import type { CaseState } from '../kernel/types';
import { eCertificate } from '../certificates';
import { clockFact, extendClock } from '../sla';
import {
  NO_CRIMINAL_RECORD_BASIS,
  OBJECTION_CLOCK,
  OBJECTION_REVIEW_EXTENDED_WORKING_DAYS,
  OBJECTION_REVIEW_WORKING_DAYS,
  objectionReviewDueBy,
} from './rules';
import { noCriminalRecordEvent as event, OBJECTION_OUTCOMES, type NoCriminalRecord } from './spec';

const text = z.string().trim().min(5).max(2000);
type Case = CaseState<NoCriminalRecord>;

/**
 * Whether the office decided: a certificate issued or declined. An objection is to that decision, lodged after it,
 * also once the case is closed (the case is restored from its stream for it, as for a correction).
 */
const decided = (s: Case) => s.progress.certificateNumber !== undefined || s.progress.declinedAt !== undefined;

const openObjection = (s: Case) => (s.progress.objection && !s.progress.objection.outcome ? s.progress.objection : undefined);

/**
 * `object {reason}`: the applicant objects to the decision (a declined certificate, or what the certificate says);
 * lodged by the applicant online, or at the window of the receiving or deciding office. One objection per case.
 */
export const object: ActionDefinition<NoCriminalRecord, { reason: string }> = {
  name: 'object',
  payload: z.object({ reason: text }).strict(),
  guard: (s, actor) =>
    (isOwnApplicant(actor, s) || isCaseworkerOf(actor, s.receivingOffice) || isCaseworkerOf(actor, s.handlingOffice)
      ? null
      : notWho('only the applicant, or a caseworker of the receiving or deciding office for them, may lodge an objection')) ??
    (decided(s) && s.status !== 'revoked' ? null : notNow('an objection is to a certificate issued or declined: nothing has been decided yet')) ??
    (s.progress.objection ? notNow('an objection to this decision was already lodged') : null),
  decide: (_s, p, ctx) => [
    event(
      'ObjectionLodged',
      { reason: p.reason, reviewDueBy: objectionReviewDueBy(ctx.calendar, ctx.at, false), legalBasis: NO_CRIMINAL_RECORD_BASIS },
      ctx.at,
    ),
  ],
};

/** `extend-objection-review {reason}`: the head of the deciding office extends the review to 30 working days, once (verify). */
export const extendObjectionReview: ActionDefinition<NoCriminalRecord, { reason: string }> = {
  name: 'extend-objection-review',
  payload: z.object({ reason: text }).strict(),
  guard: (s, actor) =>
    onlyOfficeHeadOf(actor, s.handlingOffice, 'extend the review of an objection') ??
    (openObjection(s) ? null : notNow('no objection is under review')) ??
    (s.progress.objection?.extended ? notNow('the review was already extended once (to 30 working days)') : null) ??
    // Where the review runs on a clock, the extension is decided before its 15 WD end, as for any deadline (inferred).
    (s.clocks[OBJECTION_CLOCK]?.state === 'breached' ? notNow('the 15 working days of the review have passed: it can no longer be extended') : null),
  decide(s, p, ctx) {
    const extended = event(
      'ObjectionReviewExtended',
      { reason: p.reason, reviewDueBy: objectionReviewDueBy(ctx.calendar, s.progress.objection!.lodgedAt, true) },
      ctx.at,
    );
    const clock = s.clocks[OBJECTION_CLOCK];
    if (!clock) return [extended]; // lodged before the review had a clock
    const moved = extendClock(ctx.calendar, clock, OBJECTION_REVIEW_EXTENDED_WORKING_DAYS - OBJECTION_REVIEW_WORKING_DAYS);
    return [{ ...extended, clocks: [clockFact('move', moved)] }];
  },
};

/**
 * `answer-objection {outcome, reason}`: the deciding office answers after its review. Upheld against a declined
 * certificate, the platform's record was wrong: the certificate is issued now (downloaded, the case stays closed).
 */
export const answerObjection: ActionDefinition<NoCriminalRecord, { outcome: (typeof OBJECTION_OUTCOMES)[number]; reason: string }> = {
  name: 'answer-objection',
  payload: z.object({ outcome: z.enum(OBJECTION_OUTCOMES), reason: text }).strict(),
  guard: (s, actor) =>
    onlyCaseworkerOf(actor, s.handlingOffice, 'answer an objection (deciding office)') ?? (openObjection(s) ? null : notNow('no objection is under review')),
  decide(s, p, ctx) {
    const objection = openObjection(s)!;
    const answered = event('ObjectionAnswered', { outcome: p.outcome, reason: p.reason, late: ctx.at > objection.reviewDueBy }, ctx.at);
    if (p.outcome === 'dismissed' || s.progress.certificateNumber !== undefined) return [answered];
    const certificate = { ...eCertificate('no-criminal-record-certificate', 'WFZ', s, ctx.at), purpose: s.details.purpose };
    return [answered, event('CertificateIssued', certificate, ctx.at), event('CertificateDelivered', { mode: 'download', office: s.handlingOffice }, ctx.at)];
  },
};
