import { addCalendarDays } from '../calendar';
import { applies, type CaseTypeModule, type EventOf, type PendingTask, type TaskResult } from '../kernel/case-type';
import { addYears } from '../kernel/civil-dates';
import { ruleBroken } from '../kernel/errors';
import type { OpenCaseInput } from '../kernel/open-schema';
import type { CaseState } from '../kernel/types';
import { receiptNumber, shanghaiDay } from '../kernel/receipts';
import { photoProgress, photoTaskEvent, photoTasks, reusedPhoto } from '../photo';
import { creditCodeProblem } from '../registers';
import { startClock, statutoryClocks, workingDayClock } from '../sla';
import { affixPermit, captureBiometrics, capturePhoto, passportOf, permitNumber } from './actions';
import { foreignerResidencePermitDetailsSchema, VISA_FOR_KIND } from './details';
import {
  CHANGE_DAYS,
  DECISION_WORKING_DAYS,
  EXTENSION_LEAD_DAYS,
  FIRST_APPLICATION_DAYS,
  MAX_VALIDITY_YEARS,
  MIN_VALIDITY_DAYS,
  permitValidity,
  WORK_PERMIT_CAP_CHANGE,
  workPermitValidity,
} from './rules';
import {
  COLLECTION_CLOCK,
  foreignerResidencePermitEvent as event,
  type ForeignerResidencePermit,
  type ForeignerResidencePermitCase,
  type ForeignerResidencePermitDocument,
  type ForeignerResidencePermitProgress,
  type ForeignerResidencePermitTask,
} from './spec';

export const ENTRY_RECORD_CHECK = 'entry-record';
export const ACCOMMODATION_CHECK = 'accommodation';
export const WORK_PERMIT_CHECK = 'work-permit';
export { PHOTO_LOOKUP, PHOTO_SHARE } from '../photo';

/** What the registers are asked about a passport holder: `<nationality>/<passport number>`. */
export const holderKey = (s: Pick<ForeignerResidencePermitCase, 'applicant'>) => `${s.applicant.nationality!}/${s.applicant.passportNo!}`;

/**
 * The register checks (免交證): the entry (exit-entry records), the accommodation registration with the police at the
 * intended residence (出境入境管理法 art 39; subject `<holder>@<office>`) and, for work, the work permit.
 */
export function permitChecks(s: Pick<ForeignerResidencePermitCase, 'applicant' | 'details'>): Extract<PendingTask, { kind: 'verify-record' }>[] {
  const holder = holderKey(s);
  const checks: Extract<PendingTask, { kind: 'verify-record' }>[] = [
    { key: ENTRY_RECORD_CHECK, kind: 'verify-record', registry: 'entry-exit', subject: s.applicant.passportNo! },
    { key: ACCOMMODATION_CHECK, kind: 'verify-record', registry: 'accommodation-registration', subject: `${holder}@${s.details.residenceOffice}` },
  ];
  if (s.details.kind === 'work') checks.push({ key: WORK_PERMIT_CHECK, kind: 'verify-record', registry: 'work-permit', subject: holder });
  return checks;
}

/** Why the registers do not bear the application out (art 31), or null while they do or have not all answered. */
export function art31Problem(s: ForeignerResidencePermitCase): string | null {
  for (const check of permitChecks(s)) {
    const record = s.records[check.key];
    if (record?.result === 'contradicted') return `${record.detail} (出境入境管理法 art 31)`;
  }
  const lodgedOn = shanghaiDay(s.openedAt);
  const entered = s.records[ENTRY_RECORD_CHECK]?.facts?.entryDate;
  if (s.details.application === 'first' && typeof entered === 'string' && addCalendarDays(entered, FIRST_APPLICATION_DAYS) < lodgedOn) {
    return `the entry record shows an entry on ${entered}, more than ${FIRST_APPLICATION_DAYS} days before the application (出境入境管理法 arts 30, 31)`;
  }
  const work = s.records[WORK_PERMIT_CHECK]?.facts;
  if (s.details.kind === 'work' && work) {
    if (work.employerCreditCode !== s.details.employerCreditCode) return 'the work permit names another employer than the application (出境入境管理法 art 31)';
    if (typeof work.validUntil === 'string' && work.validUntil < lodgedOn) return `the work permit expired on ${work.validUntil} (出境入境管理法 art 31)`;
  }
  return null;
}

/** The last day of the work permit, as the work-permit register answered (a date), or undefined. */
const workPermitEnd = (s: ForeignerResidencePermitCase): string | undefined => {
  const until = s.records[WORK_PERMIT_CHECK]?.facts?.validUntil;
  return typeof until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(until) ? until : undefined;
};

/**
 * Why an application may not be linked to the case named in parentCaseId (422), or null: only an extension is, of a
 * document that case issued and that was not revoked, of the same kind (inferred: another kind is a new application),
 * naming that document as recorded (number and last day), so that art 32 is checked against the record.
 */
export function earlierPermitRefusal(input: OpenCaseInput, parent: CaseState): string | null {
  const d = input.details as ForeignerResidencePermitCase['details'];
  const earlier = parent as ForeignerResidencePermitCase;
  if (d.application !== 'extension') {
    return `only an extension (出境入境管理法 art 32) is linked to the case that issued the document: leave parentCaseId out for a ${d.application} application`;
  }
  const permit = earlier.progress.permit;
  if (!permit) return 'the case named in parentCaseId has issued no residence document to extend';
  if (earlier.status === 'revoked') return 'the residence document issued by the case named in parentCaseId was revoked: there is nothing to extend';
  if (earlier.details.kind !== d.kind) {
    return `an extension keeps the kind of the document (${earlier.details.kind}): another kind is applied for as a new document (inferred)`;
  }
  if (d.currentPermit?.number !== permit.number || d.currentPermit.validUntil !== permit.validUntil) {
    return `details.currentPermit must be the document the case named in parentCaseId issued: number ${permit.number}, valid until ${permit.validUntil}`;
  }
  return null;
}

/** Why the application as lodged is not one the office may take (422), or null: the time limits of arts 30, 32, 33. */
function applicationProblem(d: ForeignerResidencePermitCase['details'], today: string): string | null {
  switch (d.application) {
    case 'first': {
      if (!d.visa) return 'a first application gives the visa entered with (visa: type and entryDate)';
      if (d.currentPermit || d.changedOn) return 'a first application has no current residence document nor change date';
      const visa = VISA_FOR_KIND[d.kind];
      if (d.visa.type !== visa) return `a ${d.kind} residence document is applied for with a ${visa} visa, not ${d.visa.type} (出境入境管理法 arts 30, 31(1))`;
      if (d.visa.entryDate > today) return 'the entry date lies in the future: the residence document is applied for after entry';
      const last = addCalendarDays(d.visa.entryDate, FIRST_APPLICATION_DAYS);
      if (last < today) return `the application was due within ${FIRST_APPLICATION_DAYS} days of entry, by ${last} (出境入境管理法 art 30)`;
      return null;
    }
    case 'extension': {
      if (!d.currentPermit) return 'an extension names the residence document held now (currentPermit: number and validUntil)';
      if (d.visa || d.changedOn) return 'an extension gives no visa nor change date';
      const last = addCalendarDays(d.currentPermit.validUntil, -EXTENSION_LEAD_DAYS);
      if (last < today)
        return `an extension is applied for at least ${EXTENSION_LEAD_DAYS} days before the document expires, by ${last} (出境入境管理法 art 32)`;
      return null;
    }
    case 'change': {
      if (!d.currentPermit || !d.changedOn) return 'a change names the residence document held now (currentPermit) and the day of the change (changedOn)';
      if (d.visa) return 'a change gives no visa';
      if (d.changedOn > today) return 'the change date lies in the future';
      const last = addCalendarDays(d.changedOn, CHANGE_DAYS);
      if (last < today) return `a change is applied for within ${CHANGE_DAYS} days of it, by ${last} (出境入境管理法 art 33)`;
      if (d.currentPermit.validUntil < today) return `the residence document expired on ${d.currentPermit.validUntil}: a change needs one in force`;
      return null;
    }
  }
}

/**
 * Foreigners' residence document (外國人居留證件, 出境入境管理法 arts 30–33): lodged in person at the county exit-entry
 * office of the intended residence, the passport checked and handed back, decided within 15 days of the materials, and
 * affixed in the passport at collection (docs/domain.md §7.7). A refusal is final (art 36).
 */
export const foreignerResidencePermit: CaseTypeModule<ForeignerResidencePermit> = {
  type: 'foreigner-residence-permit',
  details: foreignerResidencePermitDetailsSchema,
  // Lodged in person: fingerprints and other biometrics are taken from the applicant (出境入境管理法 art 30).
  representation: [],

  checkOpen(input, at) {
    const d = input.details;
    if (!input.applicant.passportNo || !input.applicant.nationality) {
      throw ruleBroken("a foreigner's residence document needs the applicant's nationality and passport number (出境入境管理法 art 30)");
    }
    // In person, for the fingerprints (art 30); no online nor cross-province lodging (inferred).
    if (input.channel !== 'window') {
      throw ruleBroken(
        `a foreigner's residence document is applied for in person at the window, not ${input.channel}: the fingerprints are taken there (出境入境管理法 art 30)`,
      );
    }
    if (input.receivingOffice !== d.residenceOffice) {
      throw ruleBroken(
        `a foreigner's residence document is applied for at the exit-entry office of the intended residence ${d.residenceOffice}, not at office ${input.receivingOffice} (出境入境管理法 art 30)`,
      );
    }
    const today = shanghaiDay(at);
    const problem = applicationProblem(d, today);
    if (problem) throw ruleBroken(problem);
    const min = MIN_VALIDITY_DAYS[d.kind];
    if (d.requestedDays < min) throw ruleBroken(`a ${d.kind} residence document is valid at least ${min} days (出境入境管理法 art 30)`);
    if (addCalendarDays(today, d.requestedDays - 1) >= addYears(today, MAX_VALIDITY_YEARS)) {
      throw ruleBroken(`a residence document is valid at most ${MAX_VALIDITY_YEARS} years (出境入境管理法 art 30)`);
    }
    // The document is capped at the passport's expiry (inferred): a passport ending within the shortest term is renewed first.
    if (d.passportValidUntil < addCalendarDays(today, min - 1)) {
      throw ruleBroken(`the passport expires on ${d.passportValidUntil}, within the shortest term of ${min} days: renew the passport first (inferred)`);
    }
    if (d.kind === 'work' && !d.employerCreditCode) throw ruleBroken('a work residence document names the employer of the work permit (employerCreditCode)');
    if (d.kind !== 'work' && d.employerCreditCode) throw ruleBroken(`an employer is given only for a work residence document, not for ${d.kind}`);
    if (d.employerCreditCode && creditCodeProblem(d.employerCreditCode)) {
      throw ruleBroken('the employer credit code is not a valid unified social credit code (GB 32100-2015): check it as typed');
    }
  },

  // An extension may name the case that issued the document it extends: the document is then read from that case
  // rather than taken as typed (art 32's 30 days counted from its recorded expiry). That case has usually completed.
  parent: { types: ['foreigner-residence-permit'], required: false, closedParent: true, refusal: earlierPermitRefusal },

  handlingOffice: (input) => input.details.residenceOffice,
  involvedOffices: (input) => [input.details.residenceOffice],
  reference: ['photo-reuse'],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // 15 days from the materials (出境入境管理法 art 30), working days (條例, verify): from acceptance, when the materials
    // are complete and the receipt is issued; deemed acceptance dates back to the lodging. The law allows no extension.
    decision: workingDayClock('decision', DECISION_WORKING_DAYS),
    // From the decision to the collection: 10 WD (行政許可法 art 44), stopped when the document is affixed.
    [COLLECTION_CLOCK]: statutoryClocks.delivery,
  },
  // Added after the main path was recorded: cases opened before it have no collection clock in their policy.
  clocksAddedBy: { [COLLECTION_CLOCK]: 'foreigner-residence-permit-collection-clock' },
  steps: { intake: 'intake', review: 'review', after: 'collection' },
  // Art 31 grounds, the reason recorded; a refusal to issue or extend a residence document is final (art 36).
  refusal: { reasonRequired: true, final: true, legalBasis: '出境入境管理法 第三十一条' },
  actions: [capturePhoto, captureBiometrics, affixPermit],

  onAccepted(s, at, how, { calendar }) {
    const acceptedAt = s.acceptedAt ?? at;
    const validUntil = startClock(calendar, s.policy.clocks.decision, acceptedAt).deadline;
    const receipt = event('AcceptanceReceiptIssued', { number: receiptNumber('SL', s.receivingOffice, s.caseId, acceptedAt), validUntil }, at);
    // Only a caseworker with the applicant at the window checks the passport, hands it back and takes the fingerprints;
    // deemed acceptance is a legal fiction in which nobody did (capture-biometrics does it later).
    if (how === 'deemed') return [receipt];
    return [
      receipt,
      event('PassportVerifiedAndReturned', passportOf(s), at),
      event('BiometricsCaptured', { office: s.receivingOffice, fingerprints: true }, at),
    ];
  },

  pendingTasks(s) {
    const open = s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted';
    if (!open) return [];
    // The shared photo store keys a foreigner by nationality and passport (docs/domain.md §7.8).
    const tasks: PendingTask<ForeignerResidencePermitTask>[] = [...permitChecks(s), ...photoTasks(s, 'exit-entry', passportOf(s))];
    return tasks;
  },
  onTaskResult: photoTaskResult,

  approvalBlocker(s) {
    const missing = permitChecks(s).filter((c) => !s.records[c.key]);
    if (missing.length > 0) return `the registers have not answered yet (${missing.map((c) => c.key).join(', ')})`;
    const problem = art31Problem(s);
    if (problem) return `${problem}: the case can only be refused`;
    if (!s.progress.biometricsAt) return 'the passport has not been verified nor the fingerprints taken in person (出境入境管理法 art 30): capture-biometrics';
    if (!s.progress.photo) return 'the photo has not been given yet (capture-photo: reuse or new)';
    return null;
  },

  onApprove(s, ctx) {
    const validFrom = shanghaiDay(ctx.at);
    const validity = permitValidity(validFrom, s.details.requestedDays, s.details.passportValidUntil);
    const permit: ForeignerResidencePermitDocument = {
      kind: 'foreigner-residence-permit',
      number: permitNumber(s, ctx.at),
      permitKind: s.details.kind,
      ...passportOf(s),
      validFrom,
      // A work document is cut to the work permit's last day, as the register answered it (approval waits for it).
      ...(s.details.kind === 'work' && applies(ctx, WORK_PERMIT_CAP_CHANGE) ? workPermitValidity(validity, workPermitEnd(s)) : validity),
      photoId: s.progress.photo!.photoId,
    };
    return [event('ForeignerResidencePermitIssued', permit, ctx.at)];
  },

  clockStarts: (_s, ev) => (ev.type === 'CaseApproved' ? [{ clock: COLLECTION_CLOCK, from: ev.at }] : []),

  waitingOn(s) {
    if (s.status === 'approved') return s.receivingOffice; // the collection, where the permit is affixed
    return undefined;
  },

  evolve(s, ev) {
    const progress = (patch: ForeignerResidencePermitProgress): ForeignerResidencePermitCase => ({ ...s, progress: { ...s.progress, ...patch } });
    switch (ev.type) {
      case 'AcceptanceReceiptIssued':
        return { ...s, documents: [...s.documents, { kind: 'acceptance-receipt', ...ev.data }] };
      case 'PassportVerifiedAndReturned':
        return progress({ passportVerifiedAt: ev.at });
      case 'BiometricsCaptured':
        return progress({ biometricsAt: ev.at });
      case 'PhotoLookedUp':
      case 'PhotoCaptured':
      case 'PhotoShared':
      case 'PhotoShareFailed':
        return progress(photoProgress(ev));
      case 'PhotoReuseChosen':
        return progress(reusedPhoto(ev.data));
      case 'ForeignerResidencePermitIssued': {
        const issued = progress({ permit: { number: ev.data.number, validUntil: ev.data.validUntil } });
        return { ...issued, documents: [...issued.documents, ev.data] };
      }
      case 'PassportPresented':
        return s;
      case 'ResidencePermitAffixed':
        return progress({ affixedAt: ev.at });
    }
  },
};

function photoTaskResult(_s: ForeignerResidencePermitCase, result: TaskResult<ForeignerResidencePermitTask>, at: string): EventOf<ForeignerResidencePermit>[] {
  return [photoTaskEvent(result, at)];
}
