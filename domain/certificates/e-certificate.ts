import { z } from 'zod';
import type { ActionDefinition, EventOf } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { event as kernelEvent, KernelEvents as E, type CaseEvent } from '../kernel/events';
import { notNow, onlyCaseworkerOf, onlyWhen } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import { stopIfRunning, withClock } from '../kernel/evolve';
import { unavailableChecks } from '../kernel/shared-actions';
import { statutoryClocks } from '../sla';
import type { CaseDocument, CaseState, CaseTypeSpec } from '../kernel/types';

/**
 * The electronic certificate the police issue (電子證明): a number, the e-seal of the issuing station and a check
 * code (the document's verification code, GET /verify) — no statutory validity (docs/domain.md §7.5, §7.6).
 */
export type ECertificate = CaseDocument & {
  /** The office whose e-seal the certificate bears: the station that issued it. */
  eSeal: { office: string; sealId: string };
  issuedOn: string;
};

/** The written notice that no certificate is issued (不予出具通知書): a decision with a number, a reason and a legal basis. */
export type DeclineNotice = CaseDocument & {
  kind: 'certificate-declined-notice';
  certificate: string;
  reason: string;
  legalBasis: string;
  appealable: true;
};

/** How a certificate reached the applicant: downloaded online, or printed at the receiving window (cross-province too). */
export const CERTIFICATE_DELIVERY_MODES = ['download', 'printed'] as const;
export type CertificateDelivery = { mode: (typeof CERTIFICATE_DELIVERY_MODES)[number]; office: string };

/** The events every certificate type shares. */
export type CertificateEvent =
  CaseEvent<'CertificateIssued', ECertificate> | CaseEvent<'CertificateDeclined', DeclineNotice> | CaseEvent<'CertificateDelivered', CertificateDelivery>;

/** Numbers derive from the case, so a replayed or retried decision yields the same number. */
export const certificateNumber = (prefix: string, office: string, caseId: string, at: string) =>
  `${prefix}${office}${shanghaiDay(at).replace(/-/g, '')}${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

/** The e-seal of a public-security office (its identifier in the seal register; inferred naming). */
export const eSealOf = (office: string) => ({ office, sealId: `GA-ESEAL-${office}` });

/** The e-certificate as the handling office issues it today. */
export function eCertificate<K extends string>(kind: K, prefix: string, s: CaseState, at: string): ECertificate & { kind: K } {
  return { kind, number: certificateNumber(prefix, s.handlingOffice, s.caseId, at), eSeal: eSealOf(s.handlingOffice), issuedOn: shanghaiDay(at) };
}

/**
 * The issued certificate reaches the applicant within the delivery limit (行政許可法 art 44: 10 WD from the decision);
 * owned by the receiving office, which prints it. An online certificate is downloaded at once and never starts it.
 */
export const DELIVERY_CLOCK = 'certificate-delivery';
export const certificateDeliveryClock = { ...statutoryClocks.delivery, clock: DELIVERY_CLOCK };

/** The progress every certificate type keeps. */
export type CertificateProgress = { certificateNumber?: string; declinedAt?: string; deliveredAt?: string };

/** Folds the shared certificate events: documents, progress, step. */
export function evolveCertificate<S extends CaseState<CaseTypeSpec & { progress: CertificateProgress }>>(s: S, ev: CertificateEvent): S {
  switch (ev.type) {
    case 'CertificateIssued':
      return { ...s, step: 'delivery', documents: [...s.documents, ev.data], progress: { ...s.progress, certificateNumber: ev.data.number } };
    case 'CertificateDeclined':
      return { ...s, documents: [...s.documents, ev.data], progress: { ...s.progress, declinedAt: ev.at } };
    case 'CertificateDelivered':
      return withClock({ ...s, progress: { ...s.progress, deliveredAt: ev.at } }, DELIVERY_CLOCK, (c) => stopIfRunning(c, ev.at));
  }
}

/**
 * Shared certificate events as a certificate type's own: every type using these actions lists CertificateEvent among
 * its events (its spec says so), which a constraint on S cannot express (it bounds from above, not below).
 */
const asEventsOf = <S extends CaseTypeSpec>(events: CaseEvent[]) => events as EventOf<S>[];

type CertificateSpec = CaseTypeSpec & { progress: CertificateProgress };

const reason = z.string().trim().min(1).max(2000);

/**
 * `decline-certificate {reason, legalBasis?}`: the handling office finds that no certificate can be issued and says so
 * in a written, numbered notice (docs/domain.md §7.9.3: a decision, not a refusal of acceptance), open to review and
 * litigation. As any refusal, it may not rest on a register that did not answer (§1).
 */
export function declineCertificate<S extends CertificateSpec>(options: {
  certificate: string;
  prefix: string;
  legalBasis: string;
  /** Events after the notice: closing the case, or opening the type's objection period. */
  then(s: CaseState<S>, notice: DeclineNotice, at: string): CaseEvent[];
}): ActionDefinition<S, { reason: string; legalBasis?: string }> {
  return {
    name: 'decline-certificate',
    payload: z.object({ reason, legalBasis: reason.optional() }).strict(),
    guard: (s, actor) => {
      const unanswered = unavailableChecks(s);
      return (
        onlyCaseworkerOf(actor, s.handlingOffice, 'decline the certificate (handling office)') ??
        onlyWhen(s, ['accepted'], 'decline the certificate of') ??
        (unanswered.length > 0 ? notNow(`no decision may rest on an unanswered register check (${unanswered.join(', ')}): run recheck-records first`) : null)
      );
    },
    decide(s, p, ctx) {
      if (p.reason.length < 5) throw ruleBroken('say why no certificate is issued: the notice tells the applicant (at least 5 characters)');
      const notice: DeclineNotice = {
        kind: 'certificate-declined-notice',
        number: certificateNumber(options.prefix, s.handlingOffice, s.caseId, ctx.at),
        certificate: options.certificate,
        reason: p.reason,
        legalBasis: p.legalBasis ?? options.legalBasis,
        appealable: true,
      };
      const declined: CaseEvent<'CertificateDeclined', DeclineNotice> = { type: 'CertificateDeclined', data: notice, at: ctx.at };
      return asEventsOf<S>([declined, ...options.then(s, notice, ctx.at)]);
    },
  };
}

/** The decision events of a declined certificate that closes the case: refused, with the notice's reason and basis. */
export const refusedWithNotice = (notice: DeclineNotice, at: string): CaseEvent[] => [
  kernelEvent(E.CaseRefused, { reason: notice.reason, legalBasis: notice.legalBasis, final: false, appealable: true }, at),
];

/**
 * `deliver-certificate`: the receiving window prints the e-certificate for the applicant (cross-province: printed at the
 * receiving end, docs/domain.md §7.5); an online case is delivered by download when issued.
 */
export function deliverCertificate<S extends CertificateSpec>(): ActionDefinition<S, Record<string, never>> {
  return {
    name: 'deliver-certificate',
    payload: z.object({}).strict(),
    guard: (s, actor) =>
      onlyCaseworkerOf(actor, s.receivingOffice, 'print and hand over the certificate (receiving office)') ??
      onlyWhen(s, ['approved'], 'deliver the certificate of') ??
      (s.progress.certificateNumber ? null : notNow('no certificate has been issued yet')) ??
      (s.progress.deliveredAt ? notNow('the certificate was already delivered') : null),
    decide: (s, _p, ctx) => delivered(s, 'printed', ctx.at),
  };
}

/** The certificate reaches the applicant and the case completes. */
export const delivered = <S extends CaseTypeSpec>(s: CaseState<S>, mode: CertificateDelivery['mode'], at: string): EventOf<S>[] =>
  asEventsOf<S>([
    { type: 'CertificateDelivered', data: { mode, office: mode === 'printed' ? s.receivingOffice : s.handlingOffice }, at },
    kernelEvent(E.CaseCompleted, {}, at),
  ]);
