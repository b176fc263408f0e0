import { addCalendarDays } from '../calendar';
import type { CaseTypeModule } from '../kernel/case-type';
import { addYears } from '../kernel/civil-dates';
import { ruleBroken } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { receiptNumber, shanghaiDay } from '../kernel/receipts';
import type { CaseState } from '../kernel/types';
import { requireValidCreditCode } from '../registers';
import { startClock, statutoryClocks, workingDayClock } from '../sla';
import {
  CONVERTIBLE_VISA_TYPES,
  DEFAULT_STAY_PER_ENTRY_DAYS,
  MAX_MULTI_ENTRY_VALIDITY_YEARS,
  MAX_STAY_PER_ENTRY_DAYS,
  multiEntryVisaDetailsSchema,
} from './details';
import { multiEntryVisaEvent as event, type MultiEntryVisa, type MultiEntryVisaDocument } from './spec';

export const ENTRY_RECORD_CHECK = 'entry-record';
export const COMPANY_CHECK = 'inviting-company';

/**
 * Multi-entry business visa, 3-year conversion (換發多次入境商貿簽證): a visa renewal by the exit-entry
 * administration where the foreigner stays; decided within the 7-WD acceptance receipt (條例 art 13).
 */
export const multiEntryVisa: CaseTypeModule<MultiEntryVisa> = {
  type: 'multi-entry-visa',
  details: multiEntryVisaDetailsSchema,
  // Lodged by the visitor, whose passport is checked in hand at acceptance (外國人入境出境管理條例 art 10; docs/domain.md §5).
  representation: [],

  checkOpen(input, at) {
    const d = input.details;
    if (d.requestedValidityYears > MAX_MULTI_ENTRY_VALIDITY_YEARS) {
      throw ruleBroken(`a multi-entry business visa is valid for at most ${MAX_MULTI_ENTRY_VALIDITY_YEARS} years`);
    }
    if (!input.applicant.passportNo || !input.applicant.nationality) {
      throw ruleBroken("a multi-entry visa needs the applicant's passport number and nationality");
    }
    if (!(CONVERTIBLE_VISA_TYPES as readonly string[]).includes(d.currentVisa.type)) {
      throw ruleBroken(`only a business visitor (visa ${CONVERTIBLE_VISA_TYPES.join(' or ')}) may convert to a multi-entry business visa`);
    }
    const today = shanghaiDay(at);
    if (d.currentVisa.entryDate > today) throw ruleBroken('the entry date lies in the future: the conversion is applied for after entry');
    if (d.currentVisa.stayUntil < d.currentVisa.entryDate) throw ruleBroken('the current visa stay ends before the entry date');
    // A renewal is for someone lawfully staying: the current stay must not have run out.
    if (d.currentVisa.stayUntil < today) throw ruleBroken(`the current stay ended on ${d.currentVisa.stayUntil}: apply before it runs out`);
    requireValidCreditCode(d.invitingCompany.creditCode);
    // Both only when given: recorded openings from before the field existed replay through this check.
    if (d.passportValidUntil && d.passportValidUntil <= today)
      throw ruleBroken(`the passport expired on ${d.passportValidUntil}: a visa needs a valid passport`);
    if (d.stayPerEntryDays !== undefined && d.stayPerEntryDays > MAX_STAY_PER_ENTRY_DAYS) {
      throw ruleBroken(`a stay per entry is at most ${MAX_STAY_PER_ENTRY_DAYS} days (inferred, configurable)`);
    }
  },

  prepareNew(input) {
    if (!input.details.passportValidUntil) throw ruleBroken("give the passport's expiry date (passportValidUntil): the visa is capped by it");
    return input;
  },

  involvedOffices: () => [],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // The acceptance receipt is valid at most 7 WD and the decision falls within it (條例 art 13).
    decision: workingDayClock('decision', 7),
  },
  steps: { intake: 'intake', review: 'review', after: 'issue' },
  refusal: { reasonRequired: false, final: true, legalBasis: '出境入境管理法 第三十六条' },
  actions: [],

  onAccepted(s, at, how, { calendar }) {
    // Deemed acceptance dates back to the receipt date; the receipt (and the decision) runs from there.
    const acceptedAt = s.acceptedAt ?? at;
    const validUntil = startClock(calendar, s.policy.clocks.decision, acceptedAt).deadline;
    const receipt = event('AcceptanceReceiptIssued', { number: receiptNumber('SL', s.receivingOffice, s.caseId, acceptedAt), validUntil }, at);
    // Only a caseworker accepting with the passport in hand checks it and hands it back (docs/domain.md §5);
    // deemed acceptance is a legal fiction in which nobody held the passport.
    if (how === 'deemed') return [receipt];
    return [receipt, event('PassportVerifiedAndReturned', { passportNo: s.applicant.passportNo, nationality: s.applicant.nationality }, at)];
  },

  pendingTasks: (s) =>
    s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted'
      ? [
          { key: ENTRY_RECORD_CHECK, kind: 'verify-record', registry: 'entry-exit', subject: s.applicant.passportNo! },
          { key: COMPANY_CHECK, kind: 'verify-record', registry: 'company', subject: s.details.invitingCompany.creditCode },
        ]
      : [],

  approvalBlocker(s) {
    return checkBlocker(s, ENTRY_RECORD_CHECK, 'the entry record') ?? checkBlocker(s, COMPANY_CHECK, 'the inviting company');
  },

  onApprove(s, ctx) {
    const years = s.details.requestedValidityYears;
    const validFrom = shanghaiDay(ctx.at);
    const fullTerm = addCalendarDays(addYears(validFrom, years), -1); // the day before the anniversary
    // A visa never outlasts the passport it is endorsed in (docs/domain.md §5); cases lodged before the
    // passport's expiry was asked for have no cap to apply.
    const passportEnd = s.details.passportValidUntil;
    const cappedByPassport = passportEnd !== undefined && passportEnd < fullTerm;
    const visa: MultiEntryVisaDocument = {
      kind: 'visa',
      number: `ME${s.receivingOffice}${s.caseId.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      visaType: 'M',
      entries: 'multiple',
      validityYears: years,
      validFrom,
      validUntil: cappedByPassport ? passportEnd : fullTerm,
      cappedByPassport,
      // Stay per entry is a visa item (出境入境管理法 art 17).
      stayPerEntryDays: s.details.stayPerEntryDays ?? DEFAULT_STAY_PER_ENTRY_DAYS,
    };
    return [event('VisaIssued', visa, ctx.at), event(E.CaseCompleted, {}, ctx.at)];
  },

  evolve(s, ev) {
    switch (ev.type) {
      case 'VisaIssued':
        return { ...s, documents: [...s.documents, ev.data] };
      case 'AcceptanceReceiptIssued':
        return { ...s, documents: [...s.documents, { kind: 'acceptance-receipt', ...ev.data }] };
      case 'PassportVerifiedAndReturned':
        return { ...s, progress: { ...s.progress, passportReturnedAt: ev.at } };
    }
  },
};

function checkBlocker(s: CaseState, key: string, what: string): string | null {
  const check = s.records[key];
  if (!check) return `${what} has not been verified yet`;
  if (!check.ok) return `${what} failed verification (${check.detail}): the case can only be refused`;
  return null;
}
