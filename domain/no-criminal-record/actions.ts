import { z } from 'zod';
import type { ActionDefinition } from '../kernel/case-type';
import { isCaseworkerOf, isOwnApplicant, notNow, notWho, onlyCaseworkerOf, onlyOfficeHeadOf, onlyWhen } from '../kernel/guards';
import type { CaseState } from '../kernel/types';
import { eCertificate } from '../certificates';
import { clockFact, extendClock } from '../sla';
import { loggedRequests } from './request-log';
import {
  CHECKS,
  NO_CRIMINAL_RECORD_BASIS,
  OBJECTION_CLOCK,
  OBJECTION_REVIEW_EXTENDED_WORKING_DAYS,
  OBJECTION_REVIEW_WORKING_DAYS,
  objectionReviewDueBy,
  PROOF_OF_USE_FROM_REQUEST,
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

/** Whether what the certificate is for was shown: at lodging (details.proofOfUse) or since (show-proof-of-use). */
const proofShown = (s: Case) => s.details.proofOfUse !== undefined || s.progress.proofOfUse !== undefined;

/**
 * Why the certificate may not be issued yet for want of proof of use, or null: where the request log was read (cases
 * lodged since it is asked), it counts this request as the third or later in the year and nothing was shown. Cases
 * lodged before it were held to the declared figure at lodging (checkOpen) and are never held here.
 */
export function proofOfUseMissing(s: Case): string | null {
  if (!s.progress.requestLog || proofShown(s)) return null;
  const check = s.records[CHECKS.requestLog];
  if (!check) return "the platform's request log has not answered yet";
  const earlier = loggedRequests(check);
  if (earlier === undefined) return `the platform's request log gave no count (${check.detail})`;
  if (earlier + 1 < PROOF_OF_USE_FROM_REQUEST) return null;
  return (
    `the platform's request log holds ${earlier} earlier requests by the applicant since ${s.progress.requestLog.since}: ` +
    `from the ${PROOF_OF_USE_FROM_REQUEST}rd request in a year the applicant shows what the certificate is for ` +
    '(show-proof-of-use; verify), else the request is refused'
  );
}

/**
 * `show-proof-of-use {proofOfUse}`: the applicant (online), or a caseworker of the receiving or deciding office for
 * them, says what the certificate is for and by which document (the unit's request letter), where the request log
 * counted the request as the third or later in a year and it was not given at lodging. Before the decision.
 */
export const showProofOfUse: ActionDefinition<NoCriminalRecord, { proofOfUse: string }> = {
  name: 'show-proof-of-use',
  payload: z.object({ proofOfUse: z.string().trim().min(1).max(200) }).strict(),
  guard: (s, actor) =>
    (isOwnApplicant(actor, s) || isCaseworkerOf(actor, s.receivingOffice) || isCaseworkerOf(actor, s.handlingOffice)
      ? null
      : notWho('only the applicant, or a caseworker of the receiving or deciding office for them, may show the proof of use')) ??
    onlyWhen(s, ['submitted', 'awaiting-materials', 'accepted'], 'show proof of use for') ??
    (proofShown(s) ? notNow('what the certificate is for was already shown') : null) ??
    (s.progress.requestLog ? null : notNow('lodged before the request log was read, the request settled its proof of use at lodging (details.proofOfUse)')) ??
    (loggedRequests(s.records[CHECKS.requestLog]) !== undefined
      ? null
      : notNow("proof of use is asked for once the platform's request log has answered: it has not")) ??
    (proofOfUseMissing(s)
      ? null
      : notNow(`the request log counts fewer than ${PROOF_OF_USE_FROM_REQUEST - 1} earlier requests in the year: no proof of use is needed`)),
  decide: (_s, p, ctx) => [event('ProofOfUseShown', { proofOfUse: p.proofOfUse }, ctx.at)],
};

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
