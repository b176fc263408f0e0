import type { CaseTypeModule, EventOf, PendingTask, TaskResult } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import { shanghaiDay } from '../kernel/receipts';
import type { CaseDocument, RecordCheck } from '../kernel/types';
import { creditCodeProblem } from '../registers';
import { photoProgress, photoTaskEvent, photoTasks, residentHolder, reusedPhoto } from '../photo';
import { calendarDayClock, statutoryClocks } from '../sla';
import { capturePhoto, deliverPermit, endorse, endorsementEvents, endorsementRefusal, permitNumber, replacePermit, surrender } from './actions';
import { residencePermitDetailsSchema } from './details';
import { art9Representation, cityOf, endorsementYear, ISSUE_DAYS, ISSUE_DAYS_LOCAL_MAX, nextAnniversary, residedHalfAYear, startOf } from './rules';
import {
  ENDORSEMENT_DUE,
  ENDORSEMENT_FILING,
  ENDORSEMENT_LODGED,
  ISSUE_CLOCK,
  residencePermitEvent as event,
  SUSPENSION,
  type PermitLife,
  type ResidencePermit,
  type ResidencePermitCase,
  type ResidencePermitProgress,
  type ResidencePermitTask,
} from './spec';

export { PHOTO_LOOKUP, PHOTO_SHARE } from '../photo';

/** The register checks (免交證) of an application, by key: identity, the half year, and the basis of the stay (art 2). */
export function permitChecks(s: Pick<ResidencePermitCase, 'applicant' | 'details'>): Extract<PendingTask, { kind: 'verify-record' }>[] {
  const id = s.applicant.idNumber!;
  const city = cityOf(s.details.residenceOffice);
  const at = `${id}@${city}`;
  const checks: Extract<PendingTask, { kind: 'verify-record' }>[] = [
    { key: 'population-register', kind: 'verify-record', registry: 'population', subject: id },
    { key: 'residence-registration', kind: 'verify-record', registry: 'residence-registration', subject: at },
  ];
  switch (s.details.basis) {
    case 'job':
      checks.push({ key: 'job', kind: 'verify-record', registry: 'social-insurance', subject: at });
      if (s.details.employerCreditCode) checks.push({ key: 'employer', kind: 'verify-record', registry: 'company', subject: s.details.employerCreditCode });
      break;
    case 'home':
      checks.push({ key: 'home', kind: 'verify-record', registry: 'property', subject: at });
      break;
    case 'study':
      checks.push({ key: 'study', kind: 'verify-record', registry: 'student', subject: at });
      break;
  }
  return checks;
}

/** Why the registers do not bear the application out (art 2), or null while they do or have not all answered. */
export function art2Problem(s: ResidencePermitCase): string | null {
  for (const check of permitChecks(s)) {
    const record: RecordCheck | undefined = s.records[check.key];
    if (record?.result === 'contradicted') return `${record.detail} (居住證暫行條例 art 2)`;
  }
  const hukouOffice = s.records['population-register']?.facts?.hukouOffice;
  if (typeof hukouOffice === 'string' && cityOf(hukouOffice) === cityOf(s.details.residenceOffice)) {
    return `the applicant's hukou is in this city (${cityOf(hukouOffice)}): a residence permit is for residents from elsewhere (居住證暫行條例 art 2)`;
  }
  const since = s.records['residence-registration']?.facts?.since;
  if (typeof since === 'string' && !residedHalfAYear(since, shanghaiDay(s.openedAt))) {
    return `the residence registered since ${since} had not lasted half a year when the application was lodged (居住證暫行條例 art 2)`;
  }
  return null;
}

/**
 * Residence permit (居住證, 居住證暫行條例): lodged at the residence station or an entrusted agency, or online; issued
 * by the residence county police within 15 days of acceptance; kept in force by a yearly endorsement (docs/domain.md §7.4).
 */
export const residencePermit: CaseTypeModule<ResidencePermit> = {
  type: 'residence-permit',
  details: residencePermitDetailsSchema,

  checkOpen(input, _at, env) {
    const d = input.details;
    if (!input.applicant.idNumber) throw ruleBroken("a residence permit needs the applicant's resident ID number (居住證暫行條例 art 9)");
    // Lodged where the person lives (art 9); never cross-province (docs/domain.md §7.4).
    if (input.channel === 'cross-province')
      throw ruleBroken('a residence permit is lodged where the applicant lives, never cross-province (居住證暫行條例 art 9)');
    const offices = env.reference?.offices?.data;
    const agency = offices && Object.hasOwn(offices, input.receivingOffice) ? offices[input.receivingOffice] : undefined;
    if (input.receivingOffice !== d.residenceOffice && agency?.parent !== d.residenceOffice) {
      throw ruleBroken(
        `a residence permit is lodged at the residence office ${d.residenceOffice} or an agency it entrusted (居住證暫行條例 art 9), not at office ${input.receivingOffice}`,
      );
    }
    if (d.basis === 'job' && d.employerCreditCode && creditCodeProblem(d.employerCreditCode)) {
      throw ruleBroken('the employer credit code is not a valid unified social credit code (GB 32100-2015): check it as typed');
    }
    if (d.basis !== 'job' && d.employerCreditCode) throw ruleBroken(`an employer is given only for a job basis, not for ${d.basis}`);
  },

  // A guardian or near relative applies for a child under 16, an elderly person with reduced mobility or a disabled
  // person (art 9).
  representation: art9Representation<ResidencePermit>({
    forWhom: 'a child under 16, or of an elderly or disabled person',
    onlyFor: 'applies for a residence permit only for a child under 16, or for an elderly person with reduced mobility or a disabled person',
  }),

  // The residence county police issue (art 10).
  handlingOffice: (input) => input.details.residenceOffice,
  involvedOffices: (input) => [input.details.residenceOffice],
  reference: ['photo-reuse'],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // No 20 WD decision clock: the regulation sets the limit (art 9): made and handed out within 15 days of acceptance,
    // calendar days read strictly (local: many cities publish 15 WD, verify), the end day rolling past rest days (民法典
    // art 203). A city's rules may set up to 30 for remote areas: per office, as office policy (localMaxLimit).
    [ISSUE_CLOCK]: { ...calendarDayClock(ISSUE_CLOCK, ISSUE_DAYS), maxExtension: 0, localMaxLimit: ISSUE_DAYS_LOCAL_MAX },
  },
  applicantClocks: [ISSUE_CLOCK],
  // extend-deadline names the issue clock, which the regulation does not let a case extend (maxExtension 0).
  extendableClock: ISSUE_CLOCK,
  steps: { intake: 'intake', review: 'review', after: 'delivery' },
  refusal: { reasonRequired: true, final: false, legalBasis: '居住证暂行条例 第二条' },
  actions: [capturePhoto, deliverPermit, endorse, replacePermit, surrender],

  pendingTasks(s) {
    const open = s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted';
    if (!open) return [];
    return [...permitChecks(s), ...photoTasks(s, 'residence-permit', residentHolder(s))];
  },
  onTaskResult: photoTaskResult,

  approvalBlocker(s) {
    const missing = permitChecks(s).filter((c) => !s.records[c.key]);
    if (missing.length > 0) return `the registers have not answered yet (${missing.map((c) => c.key).join(', ')})`;
    const problem = art2Problem(s);
    if (problem) return `${problem}: the case can only be refused`;
    if (!s.progress.photo) return 'the photo has not been given yet (capture-photo: reuse or new)';
    return null;
  },

  onApprove(s, ctx) {
    const validFrom = shanghaiDay(ctx.at);
    const permit = {
      kind: 'residence-permit' as const,
      number: permitNumber(s, ctx.at),
      form: s.details.form,
      residenceCity: cityOf(s.details.residenceOffice),
      validFrom,
      photoId: s.progress.photo!.photoId,
      anniversary: nextAnniversary(validFrom),
    };
    return [event('ResidencePermitIssued', permit, ctx.at)];
  },

  waitingOn(s) {
    if (s.status === 'approved') return s.receivingOffice; // the hand-over
    return undefined;
  },

  // The 15 days run from acceptance (art 9), deemed acceptance from the receipt date.
  clockStarts(s, ev) {
    return ev.type === 'CaseAccepted' || ev.type === 'CaseDeemedAccepted' ? [{ clock: ISSUE_CLOCK, from: s.acceptedAt! }] : [];
  },

  // A permit handed over lives on until it is surrendered (or its decision revoked): suspended too, to be endorsed late.
  keptAfterClose: (s) => s.status === 'completed' && s.progress.permit !== undefined && !s.progress.permit.surrenderedAt,

  // An endorsement filing lodged as this case's child (docs/domain.md §7.4): the permit records the endorsement, as the
  // `endorse` action does, naming the filing; or tells it why it cannot (the filing was lodged in the window, but the
  // permit may have been endorsed, surrendered or revoked since).
  onChildEvent(s, child, at) {
    if (child.childType !== ENDORSEMENT_FILING || child.type !== ENDORSEMENT_LODGED) return [];
    const refusal = endorsementRefusal(s);
    if (refusal) return [event('EndorsementNotRecorded', { childCaseId: child.childCaseId, reason: refusal.message }, at)];
    return endorsementEvents(s, at, child.childCaseId);
  },

  nextOwnTimer(s) {
    const permit = s.progress.permit;
    if (!permit || permit.surrenderedAt || permit.suspendedSince) return null;
    if (s.status !== 'approved' && s.status !== 'completed') return null; // revoked: no permit to keep
    const year = endorsementYear(permit.anniversary);
    return permit.dueNotified ? { key: SUSPENSION, at: startOf(year.suspendedFrom) } : { key: ENDORSEMENT_DUE, at: startOf(year.windowOpens) };
  },

  onOwnTimer(s, key, at): EventOf<ResidencePermit>[] {
    const permit = s.progress.permit!;
    const year = endorsementYear(permit.anniversary);
    if (key === ENDORSEMENT_DUE) return [event('EndorsementDue', { number: permit.number, anniversary: permit.anniversary, ...year }, at)];
    const reason = `not endorsed by ${year.lastDay}, the day before the full year (居住證暫行條例 art 10)`;
    return [event('ResidencePermitSuspended', { number: permit.number, since: year.suspendedFrom, reason }, at)];
  },

  evolve: evolvePermit,
};

function photoTaskResult(_s: ResidencePermitCase, result: TaskResult<ResidencePermitTask>, at: string): EventOf<ResidencePermit>[] {
  return [photoTaskEvent(result, at)];
}

function evolvePermit(s: ResidencePermitCase, ev: ResidencePermit['events']): ResidencePermitCase {
  const progress = (patch: ResidencePermitProgress) => ({ ...s, progress: { ...s.progress, ...patch } });
  const permit = (patch: Partial<PermitLife>) => progress({ permit: { ...s.progress.permit!, ...patch } });
  switch (ev.type) {
    case 'PhotoLookedUp':
    case 'PhotoCaptured':
    case 'PhotoShared':
    case 'PhotoShareFailed':
      return progress(photoProgress(ev));
    case 'PhotoReuseChosen':
      return progress(reusedPhoto(ev.data));
    case 'ResidencePermitIssued': {
      const { anniversary, ...document } = ev.data;
      const life: PermitLife = { number: document.number, issuedOn: document.validFrom, anniversary, endorsements: 0, yearsFrom: document.validFrom };
      return addDocument({ ...progress({ permit: life }), step: 'delivery' }, document);
    }
    case 'ResidencePermitDelivered':
      return withClock(permit({ deliveredAt: ev.at }), ISSUE_CLOCK, (c) => stop(c, ev.at));
    case 'EndorsementDue':
      return permit({ dueNotified: true });
    case 'ResidencePermitSuspended':
      return permit({ suspendedSince: ev.data.since });
    case 'ResidencePermitEndorsed':
      return permit({ anniversary: ev.data.nextAnniversary, dueNotified: false, suspendedSince: undefined, endorsements: s.progress.permit!.endorsements + 1 });
    case 'EndorsementNotRecorded':
      return s;
    case 'ResidenceYearsRestarted':
      return permit({ yearsFrom: ev.data.from });
    case 'ResidencePermitReplaced': {
      const { replaces, reason: _reason, ...document } = ev.data;
      const documents = s.documents.map((d) => (d.number === replaces ? { ...d, revoked: true } : d));
      return addDocument({ ...permit({ number: document.number }), documents }, { ...document, replaces });
    }
    case 'ResidencePermitSurrendered':
      return permit({ surrenderedAt: ev.at });
  }
}

const addDocument = (s: ResidencePermitCase, document: CaseDocument): ResidencePermitCase => ({ ...s, documents: [...s.documents, document] });
