import type { CaseTypeModule } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { shanghaiDay } from '../kernel/receipts';
import type { CaseState } from '../kernel/types';
import { hasValidIdCheckCharacter } from '../registers/id-number';
import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import { statutoryClocks, workingDayClock } from '../sla';
import { issueHukouPage, retryAllocation } from './actions';
import { newbornRegistrationDetailsSchema, type DeclarantRelation } from './details';
import { takesParentSurname } from './rules';
import { PAGE_DELIVERY_CLOCK, type NewbornCase, type NewbornProgress, type NewbornRegistration } from './spec';
import { allocationStalled, BIRTH_RECORD_CHECK, newbornTaskResult, newbornTasks, PARENT_CHECK } from './tasks';

/** The capacity in which a declarant lodges: a father or mother as a parent. */
const declarantRole = (relation: DeclarantRelation) => (relation === 'father' || relation === 'mother' ? 'parent' : relation);

/**
 * Registration of a birth: no national time limit is published (docs/domain.md §7.1, verify); 5 WD with a goal of
 * 1 WD (inferred, per office: many stations register on the spot, 即办).
 */
const registrationClock = { ...workingDayClock('decision', 5), goalRatio: 0.2 };

/**
 * Newborn hukou registration (新生儿入户, docs/domain.md §7.1): declared by a parent, relative or guardian within a
 * month of the birth (户口登记条例 art 7) at the station of the parent whose hukou the child joins; the birth record,
 * the parent and the marriage are read from the registers (免交证); approval allocates the citizen ID number.
 */
export const newbornRegistration: CaseTypeModule<NewbornRegistration> = {
  type: 'newborn-registration',
  details: newbornRegistrationDetailsSchema,

  checkOpen(input, at) {
    const d = input.details;
    const { name, idNumber, birthDate } = input.applicant;
    // The station of the chosen parent's hukou registers the child (户口登记条例 art 7): never another province.
    if (input.channel === 'cross-province') throw ruleBroken('a newborn is registered at the station of the chosen parent’s hukou: never cross-province');
    if (idNumber) throw ruleBroken('a newborn has no citizen ID number yet: it is allocated when the birth is registered (居民身份证法 art 3)');
    if (input.applicant.passportNo) throw ruleBroken('a newborn registered in a hukou has no passport to name: leave applicant.passportNo out');
    if (!birthDate) throw ruleBroken("give the child's birth date (applicant.birthDate)");
    if (birthDate > shanghaiDay(at)) throw ruleBroken('the birth date lies in the future');
    if (d.foreignNationalityAtBirth && d.placeOfBirth !== 'abroad') {
      throw ruleBroken('a foreign nationality acquired at birth matters only for a birth abroad (国籍法 art 5): set placeOfBirth abroad or leave it out');
    }
    for (const [who, id] of [
      ['chosenParent', d.chosenParent.idNumber],
      ['otherParent', d.otherParent?.idNumber],
      ['declarant', d.declarant.idNumber],
    ] as const) {
      if (id !== undefined && !hasValidIdCheckCharacter(id)) {
        throw ruleBroken(`details.${who}.idNumber has a wrong check character (GB 11643, ISO 7064 MOD 11-2): check the number as typed`);
      }
    }
    if (d.otherParent && d.otherParent.role === d.chosenParent.role) throw ruleBroken('the other parent must be the child’s other parent (father and mother)');
    // A declarant who says they are a parent is that parent (户口登记条例 art 7).
    if (d.declarant.relation === 'father' || d.declarant.relation === 'mother') {
      const parent = [d.chosenParent, d.otherParent].find((p) => p?.role === d.declarant.relation);
      if (!parent || parent.idNumber !== d.declarant.idNumber) {
        throw ruleBroken(`the declarant says they are the ${d.declarant.relation}: name them as that parent with the same ID number`);
      }
    }
    // The child takes the father's or the mother's surname, or another only on a ground of 民法典 art 1015.
    const parents = [d.chosenParent.name, ...(d.otherParent ? [d.otherParent.name] : [])];
    if (!takesParentSurname(name, parents) && !d.surnameBasis) {
      throw ruleBroken("the child's surname is neither parent's: give details.surnameBasis, a ground of 民法典 art 1015");
    }
  },

  // The birth is declared by a parent, a relative or the guardian (户口登记条例 art 7): the declarant in the details,
  // who lodges online for the child. No kinship check: the child is not in the register yet; a declaring parent is the
  // parent named (checkOpen) and that parent's hukou is read from the register (PARENT_CHECK).
  representation: (['parent', 'relative', 'guardian'] as const).map((role) => ({
    role,
    who: `the ${role} who declares the birth in details.declarant (户口登记条例 art 7)`,
    refusal: ({ representative, details: { declarant } }) =>
      !representative || (representative.idNumber === declarant.idNumber && representative.role === declarantRole(declarant.relation))
        ? null
        : `a birth is lodged by its declarant (户口登记条例 art 7): name the representative as details.declarant (a ${declarantRole(declarant.relation)}) or leave representative out`,
  })),
  representativeOf: ({ details: { declarant } }) => ({ role: declarantRole(declarant.relation), name: declarant.name, idNumber: declarant.idNumber }),

  // The chosen parent's station receives and registers (docs/domain.md §7.1).
  handlingOffice: (input) => input.receivingOffice,
  involvedOffices: () => [],
  // Two declarations about one birth certificate are possible duplicates (the child has no ID number yet).
  duplicateKey: (details) => details.birthCertificateNo,
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    decision: registrationClock,
    // The document is served within 10 WD of the decision (行政許可法 art 44): here the child's booklet page.
    [PAGE_DELIVERY_CLOCK]: { ...statutoryClocks.delivery, clock: PAGE_DELIVERY_CLOCK },
  },
  clockStarts: (_s, ev) => (ev.type === 'CaseApproved' ? [{ clock: PAGE_DELIVERY_CLOCK, from: ev.at }] : []),
  steps: { intake: 'intake', review: 'review', after: 'registration' },
  // Refusals are appealable: a contradicted birth record, an earlier registration (户口登记条例 art 6), or no
  // Chinese nationality (国籍法 art 5); family-planning papers are never a ground (国办发〔2015〕96号).
  refusal: { reasonRequired: true, final: false, legalBasis: '户口登记条例 第七条' },
  actions: [issueHukouPage, retryAllocation],

  pendingTasks: newbornTasks,
  onTaskResult: newbornTaskResult,

  approvalBlocker(s) {
    const d = s.details;
    if (d.placeOfBirth === 'abroad' && d.foreignNationalityAtBirth) {
      return 'the child acquired a foreign nationality at birth abroad and has no Chinese nationality (国籍法 art 5): the case can only be refused';
    }
    const blocker = checkBlocker(s, BIRTH_RECORD_CHECK, 'the birth record') ?? checkBlocker(s, PARENT_CHECK, "the chosen parent's registration");
    if (blocker) return blocker;
    const hukouOffice = s.records[PARENT_CHECK].facts?.hukouOffice;
    if (typeof hukouOffice === 'string' && hukouOffice !== s.handlingOffice) {
      return `the chosen parent's hukou is at office ${hukouOffice}: the child is registered there (户口登记条例 art 7), this case can only be refused`;
    }
    // The marriage register is read and shown, never a condition: non-marital births are registered (国办发〔2015〕96号).
    return null;
  },

  // Approval leads to the allocation of the citizen ID number (an activity); the registration follows it.
  onApprove: () => [],

  waitingOn: (s) => (s.status === 'approved' ? (s.progress.registeredAt || allocationStalled(s) ? s.handlingOffice : null) : undefined),

  evolve(s, ev): NewbornCase {
    const progress = (patch: NewbornProgress) => ({ ...s, progress: { ...s.progress, ...patch } });
    switch (ev.type) {
      case 'BirthRecordVerified':
        return progress({ birthRecord: ev.data });
      case 'CitizenIdNumberAllocated':
        // The child now has a number: the case is found by it, as any other person's.
        return { ...progress({ citizenIdNumber: ev.data.idNumber }), applicant: { ...s.applicant, idNumber: ev.data.idNumber } };
      case 'CitizenIdNumberAllocationFailed':
        return progress({ allocationFailures: (s.progress.allocationFailures ?? 0) + 1 });
      case 'CitizenIdNumberAllocationRetried':
        return progress({ allocationFailures: 0 });
      case 'BirthRegistered':
        return { ...progress({ registeredAt: ev.at }), step: 'hukou-page' };
      case 'HukouPageIssued':
        return withClock({ ...progress({ hukouPageIssuedAt: ev.at }), documents: [...s.documents, ev.data] }, PAGE_DELIVERY_CLOCK, (c) => stop(c, ev.at));
    }
  },
};

function checkBlocker(s: CaseState, key: string, what: string): string | null {
  const check = s.records[key];
  if (!check) return `${what} has not been verified yet`;
  if (!check.ok) return `${what} failed verification (${check.detail}): the case can only be refused`;
  return null;
}
