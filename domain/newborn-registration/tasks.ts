import type { EventOf, PendingTask, TaskResult } from '../kernel/case-type';
import { KernelEvents as E } from '../kernel/events';
import { isClosed } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import type { NewbornRegistrationDetails } from './details';
import { citizenIdNumber, declaredInTime, sequenceProblem } from './rules';
import { newbornEvent as event, type BirthRecord, type NewbornCase, type NewbornRegistration, type NewbornTask } from './spec';

export const BIRTH_RECORD_CHECK = 'birth-record';
export const PARENT_CHECK = 'parent-population';
export const MARRIAGE_CHECK = 'parents-marriage';
export const ID_ALLOCATION = 'citizen-id-allocation';

/** Automatic allocation attempts (each retried by the activity) before a caseworker must ask again. */
export const MAX_AUTOMATIC_ALLOCATIONS = 3;

/** What the birth-certificate register is asked: does this certificate record this birth (date and sex)? */
export const birthRecordSubject = (d: NewbornRegistrationDetails, birthDate: string) => `${d.birthCertificateNo}/${birthDate}/${d.sex}`;

const open = (s: NewbornCase) => s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted';

export const allocationStalled = (s: NewbornCase) =>
  s.status === 'approved' && !s.progress.citizenIdNumber && (s.progress.allocationFailures ?? 0) >= MAX_AUTOMATIC_ALLOCATIONS;

/**
 * 免交证 (docs/domain.md §7.1): the birth-certificate register (health), the population register (the chosen
 * parent) and, where both parents are named with ID numbers, the marriage register (civil affairs); after approval,
 * the allocation of the child's sequence code.
 */
export function newbornTasks(s: NewbornCase): PendingTask<NewbornTask>[] {
  if (isClosed(s)) return [];
  const d = s.details;
  const tasks: PendingTask<NewbornTask>[] = [];
  if (open(s)) {
    // Read through the register check activity, recorded by the type: a confirmed record is compared with the declaration.
    if (!s.records[BIRTH_RECORD_CHECK]) {
      const subject = birthRecordSubject(d, s.applicant.birthDate!);
      tasks.push({ key: BIRTH_RECORD_CHECK, kind: 'activity', activity: 'verifyRecord', input: { registry: 'birth-certificate', subject } });
    }
    tasks.push({ key: PARENT_CHECK, kind: 'verify-record', registry: 'population', subject: d.chosenParent.idNumber });
    if (d.otherParent?.idNumber) {
      tasks.push({ key: MARRIAGE_CHECK, kind: 'verify-record', registry: 'marriage', subject: `${d.chosenParent.idNumber}/${d.otherParent.idNumber}` });
    }
  }
  if (s.status === 'approved' && !s.progress.citizenIdNumber && (s.progress.allocationFailures ?? 0) < MAX_AUTOMATIC_ALLOCATIONS) {
    const input = { countyCode: s.handlingOffice, birthDate: s.applicant.birthDate!, sex: d.sex };
    tasks.push({ key: ID_ALLOCATION, kind: 'activity', activity: 'allocateBirthSequence', input });
  }
  return tasks;
}

/** A birth record that does not match the declaration is a contradicted check: the case can then only be refused. */
function birthRecordMismatch(s: NewbornCase, facts: Record<string, unknown>): string | null {
  if (facts.alreadyRegistered === true) return 'a hukou was already registered on this birth certificate (户口登记条例 art 6)';
  if (facts.birthDate !== s.applicant.birthDate) return `the birth certificate records another birth date (${String(facts.birthDate)})`;
  if (facts.sex !== s.details.sex) return 'the birth certificate records the other sex';
  return null;
}

export function newbornTaskResult(s: NewbornCase, result: TaskResult<NewbornTask>, at: string): EventOf<NewbornRegistration>[] {
  switch (result.activity) {
    case 'verifyRecord': {
      const { subject } = result.task.input;
      const base = { key: BIRTH_RECORD_CHECK, registry: 'birth-certificate' as const, subject };
      // No answer is not a negative answer (docs/domain.md §1): unavailable, to be rechecked.
      if (!result.outcome.ok) {
        return [event(E.RecordsVerified, { ...base, ok: false, result: 'unavailable', detail: `no answer: ${result.outcome.error}` }, at)];
      }
      const answer = result.outcome.value;
      const facts = answer.facts ?? {};
      const mismatch = answer.ok ? birthRecordMismatch(s, facts) : null;
      if (!answer.ok || mismatch) {
        return [event(E.RecordsVerified, { ...base, ok: false, result: 'contradicted', detail: mismatch ?? answer.detail, facts }, at)];
      }
      const record: BirthRecord = {
        certificateNo: s.details.birthCertificateNo,
        birthDate: s.applicant.birthDate!,
        sex: s.details.sex,
        hospital: typeof facts.hospital === 'string' ? facts.hospital : null,
      };
      return [event(E.RecordsVerified, { ...base, ok: true, result: 'confirmed', detail: answer.detail, facts }, at), event('BirthRecordVerified', record, at)];
    }
    case 'allocateBirthSequence': {
      const attempt = (s.progress.allocationFailures ?? 0) + 1;
      if (!result.outcome.ok) return [event('CitizenIdNumberAllocationFailed', { error: result.outcome.error, attempt }, at)];
      const { sequence } = result.outcome.value;
      const { countyCode, birthDate, sex } = result.task.input;
      // The register allocates the sequence; the number itself is composed here, by GB 11643.
      const problem = sequenceProblem(sequence, sex);
      if (problem) return [event('CitizenIdNumberAllocationFailed', { error: problem, attempt }, at)];
      const idNumber = citizenIdNumber(countyCode, birthDate, sequence);
      const registered = {
        hukouOffice: s.handlingOffice,
        idNumber,
        householdOf: s.details.chosenParent.role,
        declaredInTime: declaredInTime(birthDate, shanghaiDay(s.openedAt)),
      };
      return [event('CitizenIdNumberAllocated', { idNumber, countyCode, birthDate, sequence }, at), event('BirthRegistered', registered, at)];
    }
  }
}
