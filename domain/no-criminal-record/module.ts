import { certificateDeliveryClock, declineCertificate, deliverCertificate, delivered, DELIVERY_CLOCK, eCertificate, evolveCertificate } from '../certificates';
import { addCalendarDays, shanghaiDate } from '../calendar';
import { applies, type ActionDefinition, type CaseTypeModule, type PendingTask } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { event as kernelEvent, KernelEvents as E } from '../kernel/events';
import { notNow } from '../kernel/guards';
import { stopIfRunning, withClock } from '../kernel/evolve';
import type { CaseState, RecordCheck } from '../kernel/types';
import { cityOf } from '../residence-permit/rules';
import { statutoryClocks, workingDayClock } from '../sla';
import { answerObjection, extendObjectionReview, object, proofOfUseMissing, showProofOfUse } from './actions';
import { noCriminalRecordDetailsSchema } from './details';
import { REQUEST_LOG_CHANGE, requestLogPersonOf, requestLogSubject, requestLogWindow } from './request-log';
import {
  CHECKS,
  DECISION_WORKING_DAYS,
  MIN_FOREIGN_RESIDENCE_DAYS,
  NO_CRIMINAL_RECORD_BASIS,
  OBJECTION_CLOCK,
  OBJECTION_CLOCK_CHANGE,
  OBJECTION_REVIEW_EXTENDED_WORKING_DAYS,
  OBJECTION_REVIEW_WORKING_DAYS,
  PROOF_OF_USE_FROM_REQUEST,
} from './rules';
import { noCriminalRecordEvent as event, type NoCriminalRecord, type NoCriminalRecordCertificate } from './spec';

type Case = CaseState<NoCriminalRecord>;

/** Who the platform is asked about: a citizen by ID number, a foreigner by passport number. */
const subjectOf = (s: Pick<Case, 'applicant'>) => s.applicant.idNumber ?? s.applicant.passportNo!;

/** The register checks the request needs, by key: where the applicant is registered, the platform, and its request log. */
function checksOf(s: Case): PendingTask<never>[] {
  const { ground, decidingOffice } = s.details;
  const id = s.applicant.idNumber;
  const tasks: PendingTask<never>[] = [];
  if (ground === 'foreign-resident') {
    tasks.push({ key: CHECKS.entry, kind: 'verify-record', registry: 'entry-exit', subject: s.applicant.passportNo! });
  } else {
    tasks.push({ key: CHECKS.population, kind: 'verify-record', registry: 'population', subject: id! });
    if (ground === 'residence') {
      tasks.push({ key: CHECKS.residence, kind: 'verify-record', registry: 'residence-registration', subject: `${id}@${cityOf(decidingOffice)}` });
    }
  }
  tasks.push({ key: CHECKS.criminalRecord, kind: 'verify-record', registry: 'criminal-record', subject: subjectOf(s) });
  // Cases lodged since the request log is read (request-log.ts): how many requests the person made in the year before.
  const window = s.progress.requestLog;
  if (window)
    tasks.push({ key: CHECKS.requestLog, kind: 'verify-record', registry: 'request-log', subject: requestLogSubject(requestLogPersonOf(s.applicant), window) });
  return tasks;
}

/**
 * Why the deciding office may not issue the certificate, from what the registers answered (art 5): not the applicant's
 * hukou place, no residence registered in its city, no entry on record; or null where it may.
 */
function notCompetent(s: Case): string | null {
  const r = s.records;
  switch (s.details.ground) {
    case 'hukou': {
      const population = r[CHECKS.population];
      if (!population?.ok) return `the population register did not confirm the applicant (${population?.detail})`;
      const hukouOffice = population.facts?.hukouOffice;
      return hukouOffice === s.handlingOffice ? null : `the register places the hukou at office ${String(hukouOffice)}, not ${s.handlingOffice}`;
    }
    case 'residence':
      if (!r[CHECKS.population]?.ok) return `the population register did not confirm the applicant (${r[CHECKS.population]?.detail})`;
      return r[CHECKS.residence]?.ok ? null : `no residence is registered in the city of office ${s.handlingOffice} (${r[CHECKS.residence]?.detail})`;
    case 'foreign-resident':
      return r[CHECKS.entry]?.ok ? null : `the exit-entry register did not confirm the applicant's entry (${r[CHECKS.entry]?.detail})`;
  }
}

/** The platform's answer: contradicted means an effective finding of guilt to state (a sealed juvenile one is not: it confirms). */
const recorded = (check: RecordCheck | undefined) => check?.result === 'contradicted';

/** An objection lodged and not yet answered. */
const underReview = (s: Case) => s.progress.objection !== undefined && s.progress.objection.outcome === undefined;

const allChecked = (s: Case) => checksOf(s).every((t) => s.records[t.key] !== undefined);

/**
 * `decline-certificate`: the notice that no certificate is issued (不予出具通知書) is a decision, and the case completes
 * (docs/domain.md §7.9.3). It rests on a register's answer: a record on the platform, or an office that may not issue.
 * Without either the certificate must be issued: only a court's effective finding of guilt is a record (arts 2–3).
 */
const decline: ActionDefinition<NoCriminalRecord, { reason: string; legalBasis?: string }> = (() => {
  const shared = declineCertificate<NoCriminalRecord>({
    certificate: 'no-criminal-record',
    prefix: 'WFZBY',
    legalBasis: NO_CRIMINAL_RECORD_BASIS,
    then: (_s, _notice, at) => [kernelEvent(E.CaseCompleted, {}, at)],
  });
  return {
    ...shared,
    guard: (s, actor) =>
      shared.guard(s, actor) ??
      (allChecked(s) ? null : notNow('the registers have not all answered yet')) ??
      (recorded(s.records[CHECKS.criminalRecord]) || notCompetent(s)
        ? null
        : notNow('the platform holds no effective finding of guilt and the office may issue: the certificate must be issued (approve)')),
  };
})();

/**
 * The no-criminal-record certificate (無犯罪記錄證明, docs/domain.md §7.6): asked by the person or an agent holding a
 * power of attorney, at the station of the hukou place or of the residence (a foreigner: the county exit-entry office),
 * decided from the national criminal-record platform without any hukou sign-off; a certificate with a number, or a
 * notice that none is issued; an objection reviewed after the decision.
 */
export const noCriminalRecord: CaseTypeModule<NoCriminalRecord> = {
  type: 'no-criminal-record',
  details: noCriminalRecordDetailsSchema,

  checkOpen(input, at, env) {
    const d = input.details;
    const { idNumber, passportNo, nationality } = input.applicant;
    if (d.ground === 'foreign-resident') {
      if (!passportNo || !nationality) throw ruleBroken('a foreigner asks with the passport: give applicant.passportNo and applicant.nationality');
      if (!d.residentSince)
        throw ruleBroken('a foreigner gives the day the residence in China began (details.residentSince): 180 days are needed (規定 art 5)');
      if (addCalendarDays(d.residentSince, MIN_FOREIGN_RESIDENCE_DAYS) > shanghaiDate(at)) {
        throw ruleBroken(`a foreigner asks after ${MIN_FOREIGN_RESIDENCE_DAYS} days of residence in China (規定 art 5): details.residentSince is too recent`);
      }
    } else {
      if (!idNumber) throw ruleBroken("a citizen's request is read from the population register: give applicant.idNumber");
      if (d.residentSince) throw ruleBroken('details.residentSince is for a foreigner only: leave it out');
    }
    // Lodged before the request log was read, the applicant's declared figure decided at lodging; since, the log's
    // count decides before the certificate is issued (approvalBlocker), and the declared figure is not asked.
    if (d.earlierRequestsThisYear + 1 >= PROOF_OF_USE_FROM_REQUEST && !d.proofOfUse && !applies(env, REQUEST_LOG_CHANGE)) {
      throw ruleBroken(`from the ${PROOF_OF_USE_FROM_REQUEST}rd request in a year, show what the certificate is for (details.proofOfUse; verify)`);
    }
  },

  // The earlier requests are the platform's to count, not the applicant's to declare: a new opening that declares a
  // figure is refused, so that nobody believes it is counted. Recorded openings with one replay (never checked here).
  prepareNew(input) {
    if (input.details.earlierRequestsThisYear > 0) {
      throw ruleBroken(
        "earlier requests are counted from the platform's request log, where requests made at any office count: leave details.earlierRequestsThisYear out",
      );
    }
    return input;
  },

  // The earlier requests of the year are read from the platform's request log (docs/domain.md §7.6): the opening says
  // which window. Openings before that change did not, and were held to the declared figure (checkOpen).
  onLodged: (_s, at, env) => (applies(env, REQUEST_LOG_CHANGE) ? [event('RequestLogRequested', requestLogWindow(at), at)] : []),

  // Any office receives; the station chosen by the applicant decides from the national platform (art 5).
  handlingOffice: (input) => input.details.decidingOffice,
  involvedOffices: (input) => [input.details.decidingOffice],
  representation: [{ role: 'agent', who: 'an agent with a power of attorney (公安機關辦理犯罪記錄查詢工作規定 art 4)', checkPowerOfAttorney: true }],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // On the spot, else 3 WD from the receipt; an investigation approved by the head is not counted (pause-clock).
    decision: workingDayClock('decision', DECISION_WORKING_DAYS),
    [DELIVERY_CLOCK]: certificateDeliveryClock,
    [OBJECTION_CLOCK]: workingDayClock(OBJECTION_CLOCK, OBJECTION_REVIEW_WORKING_DAYS, OBJECTION_REVIEW_EXTENDED_WORKING_DAYS - OBJECTION_REVIEW_WORKING_DAYS),
  },
  clocksAddedBy: { [OBJECTION_CLOCK]: OBJECTION_CLOCK_CHANGE },
  // While an objection is under review the case stays in its workflow, closed, so that the review's clock runs.
  keptAfterClose: (s) => underReview(s) && s.clocks[OBJECTION_CLOCK] !== undefined,
  // The platform's answer may need finding out (a record's court and effect): the head approves, the time not counted.
  pauseKinds: ['investigation'],
  steps: { intake: 'intake', review: 'record-check', after: 'issue' },
  refusal: { reasonRequired: true, final: false, legalBasis: NO_CRIMINAL_RECORD_BASIS },
  actions: [decline, deliverCertificate<NoCriminalRecord>(), showProofOfUse, object, extendObjectionReview, answerObjection],

  pendingTasks(s) {
    const open = s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted';
    return open ? checksOf(s) : [];
  },

  approvalBlocker(s) {
    if (!allChecked(s)) return 'the registers have not all answered yet';
    const competence = notCompetent(s);
    if (competence) return `${competence}: this office may not issue the certificate (規定 art 5); decline with that reason`;
    if (recorded(s.records[CHECKS.criminalRecord])) {
      return 'the criminal-record platform holds an effective finding of guilt: decline the certificate with a notice (不予出具通知書)';
    }
    return proofOfUseMissing(s);
  },

  revocationBlocker: (s) => (s.progress.certificateNumber ? null : 'no certificate was issued: there is nothing to revoke'),

  onApprove(s, ctx) {
    const certificate: NoCriminalRecordCertificate = { ...eCertificate('no-criminal-record-certificate', 'WFZ', s, ctx.at), purpose: s.details.purpose };
    const issued = event('CertificateIssued', certificate, ctx.at);
    // Online, the e-certificate is downloaded at once; at a window (any province) it is printed there (deliver-certificate).
    return s.channel === 'online' ? [issued, ...delivered(s, 'download', ctx.at)] : [issued];
  },

  // An objection under review waits for the deciding office, whose clock it is (answer-objection).
  waitingOn: (s) => (s.status === 'approved' ? s.receivingOffice : underReview(s) && s.clocks[OBJECTION_CLOCK] ? s.handlingOffice : undefined),
  clockOwner: (s, clock) => (clock === DELIVERY_CLOCK ? s.receivingOffice : undefined),
  // Printed at a window: the delivery clock runs from the issue. A certificate issued on an objection is downloaded.
  // The objection's review runs from the day it is lodged (15 WD).
  clockStarts: (s, ev) => {
    if (ev.type === 'ObjectionLodged') return [{ clock: OBJECTION_CLOCK, from: ev.at }];
    return ev.type === 'CertificateIssued' && s.channel !== 'online' && s.status === 'approved' ? [{ clock: DELIVERY_CLOCK, from: ev.at }] : [];
  },
  objectionOf: (s) => {
    const o = s.progress.objection;
    if (!o) return undefined;
    return {
      status: o.outcome ? 'answered' : 'under-review',
      lodgedAt: o.lodgedAt,
      reviewDueBy: o.reviewDueBy,
      extended: o.extended,
      ...(o.outcome ? { outcome: o.outcome, answeredAt: o.answeredAt } : {}),
    };
  },

  evolve(s, ev) {
    switch (ev.type) {
      case 'CertificateIssued':
      case 'CertificateDeclined':
      case 'CertificateDelivered':
        return evolveCertificate(s, ev);
      case 'ObjectionLodged':
        return { ...s, progress: { ...s.progress, objection: { reason: ev.data.reason, lodgedAt: ev.at, reviewDueBy: ev.data.reviewDueBy, extended: false } } };
      case 'ObjectionReviewExtended':
        return { ...s, progress: { ...s.progress, objection: { ...s.progress.objection!, reviewDueBy: ev.data.reviewDueBy, extended: true } } };
      case 'RequestLogRequested':
        return { ...s, progress: { ...s.progress, requestLog: ev.data } };
      case 'ProofOfUseShown':
        return { ...s, progress: { ...s.progress, proofOfUse: { proofOfUse: ev.data.proofOfUse, shownAt: ev.at } } };
      case 'ObjectionAnswered':
        return withClock(
          { ...s, progress: { ...s.progress, objection: { ...s.progress.objection!, outcome: ev.data.outcome, answeredAt: ev.at } } },
          OBJECTION_CLOCK,
          (c) => stopIfRunning(c, ev.at),
        );
    }
  },
};
