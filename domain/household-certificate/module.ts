import {
  certificateDeliveryClock,
  declineCertificate,
  deliverCertificate,
  delivered,
  DELIVERY_CLOCK,
  eCertificate,
  evolveCertificate,
  refusedWithNotice,
} from '../certificates';
import type { CaseTypeModule, PendingTask } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { KernelEvents as E } from '../kernel/events';
import { receiptNumber, shanghaiDay } from '../kernel/receipts';
import type { RecordCheck } from '../kernel/types';
import { hasValidIdCheckCharacter } from '../registers/id-number';
import { statutoryClocks, workingDayClock } from '../sla';
import { householdCertificateDetailsSchema, ISSUED_SUB_KINDS, type HouseholdCertificateSubKind, type IssuedSubKind } from './details';
import { householdCertificateEvent as event, type HouseholdCertificate, type HouseholdCertificateCase, type HouseholdCertificateDocument } from './spec';

export const HOUSEHOLD_CERTIFICATE_BASIS = '公通字〔2016〕21號';

/** Register checks (免交證): the applicant, and the person the certificate is about where that is someone else. */
export const APPLICANT_RECORD = 'applicant-record';
export const PERSON_RECORD = 'person-record';

/**
 * Who to ask instead for what the police no longer certify (公通字〔2016〕21號; docs/domain.md §7.5). The authorities
 * are those the notice names in practice (inferred wording).
 */
export const NOT_ISSUED_REFERRALS: Record<Exclude<HouseholdCertificateSubKind, IssuedSubKind>, string> = {
  identity: 'no certificate is needed: the resident ID card or the hukou booklet itself proves these facts — show it',
  'marital-status': 'the civil affairs marriage registry (民政部門婚姻登記機關) or, where it holds no record, a notary',
  education: 'the school that awarded the qualification, or the education authority (教育行政部門)',
  'normal-death': 'the medical institution that issued the death certificate (醫學死亡證明), or the health authority',
};

const isIssued = (subKind: HouseholdCertificateSubKind): subKind is IssuedSubKind => (ISSUED_SUB_KINDS as readonly string[]).includes(subKind);

/** Whether the certificate is about someone other than the applicant (a relative; a cancelled relative's hukou). */
const aboutAnother = (s: Pick<HouseholdCertificateCase, 'details'>) => s.details.person !== undefined;

/**
 * Household-registration certificates (戶籍類證明, docs/domain.md §7.5): lodged at any office or online, decided and
 * issued by the hukou-place station from the population register as an e-certificate (number, e-seal, check code).
 */
export const householdCertificate: CaseTypeModule<HouseholdCertificate> = {
  type: 'household-certificate',
  details: householdCertificateDetailsSchema,

  checkOpen(input, at) {
    const d = input.details;
    const { idNumber } = input.applicant;
    // The certificate is read from the population register (免交證): the applicant is found there by ID number.
    if (!idNumber) throw ruleBroken("a household-registration certificate needs the applicant's resident ID number (applicant.idNumber)");
    if (!isIssued(d.subKind)) return; // lodged, and refused acceptance on the spot with the notice (onLodged)
    if (d.subKind === 'item-change') {
      if (!d.itemChange) throw ruleBroken('an item-change certificate names the register item changed (details.itemChange: item, from, to, changedOn)');
      if (d.itemChange.changedOn > shanghaiDay(at)) throw ruleBroken('details.itemChange.changedOn lies in the future: a certificate attests a change made');
      if (d.itemChange.from === d.itemChange.to) throw ruleBroken('details.itemChange: from and to are the same, nothing changed');
    }
    if (d.subKind === 'kinship' && !d.person) {
      throw ruleBroken('a kinship certificate names the relative (details.person: name, idNumber, relation), as the population register records them');
    }
    if (d.person) {
      if (!hasValidIdCheckCharacter(d.person.idNumber)) {
        throw ruleBroken('details.person.idNumber has a wrong check character (GB 11643, ISO 7064 MOD 11-2): check the number as typed');
      }
      if (d.person.idNumber === idNumber) throw ruleBroken('details.person is the applicant: leave it out for a certificate about the applicant');
      if (d.subKind !== 'kinship' && d.subKind !== 'cancellation') {
        throw ruleBroken(`a ${d.subKind} certificate is about the applicant only: leave out details.person`);
      }
    }
  },

  // A near relative may apply for the cancellation certificate of a person whose hukou was cancelled (inferred: the
  // person cannot); the relation is recorded, not checked (the register's kinship records hold parents and guardians
  // only). A relative asking as themself names the person in details.person instead. Any certificate may be asked for
  // by an agent with a power of attorney (inferred; 民法典 art 165), the deed checked against the notarial register.
  representation: [
    {
      role: 'relative',
      who: 'a near relative of the person, for a cancellation certificate (公通字〔2016〕21號; inferred)',
      refusal: ({ details }) =>
        details.subKind === 'cancellation'
          ? null
          : `a relative applies for another person only for a cancellation certificate (inferred): a ${details.subKind} certificate is asked for by the person, or by an agent with a power of attorney`,
    },
    { role: 'agent', who: 'an agent with a power of attorney (民法典 art 165; inferred)', checkPowerOfAttorney: true },
  ],

  // Any office receives; the hukou-place station decides and issues (docs/domain.md §7.5).
  handlingOffice: (input) => input.details.hukouOffice,
  involvedOffices: (input) => [input.details.hukouOffice],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // No national figure: issued at once where possible, by 3 WD at the latest (inferred; local 即辦–5 WD), not extendable.
    decision: workingDayClock('decision', 3),
    [DELIVERY_CLOCK]: certificateDeliveryClock,
  },
  steps: { intake: 'intake', review: 'register-check', after: 'issue' },
  refusal: { reasonRequired: true, final: false, legalBasis: HOUSEHOLD_CERTIFICATE_BASIS },
  actions: [
    declineCertificate<HouseholdCertificate>({
      certificate: 'household-certificate',
      prefix: 'HJBY',
      legalBasis: HOUSEHOLD_CERTIFICATE_BASIS,
      then: (_s, notice, at) => refusedWithNotice(notice, at),
    }),
    deliverCertificate<HouseholdCertificate>(),
  ],

  onLodged(s, at) {
    const { subKind } = s.details;
    if (isIssued(subKind)) return [];
    // Not the police's to certify (公通字〔2016〕21號): refused acceptance at once, and told whom to ask (行政許可法 art 32).
    const authority = NOT_ISSUED_REFERRALS[subKind];
    const reason = `the police issue no ${subKind} certificate (${HOUSEHOLD_CERTIFICATE_BASIS}); ask: ${authority}`;
    return [
      event('CertificateNotIssued', { requested: subKind, authority, legalBasis: HOUSEHOLD_CERTIFICATE_BASIS }, at),
      event(E.AcceptanceRefused, { reason, receiptNumber: receiptNumber('BSL', s.receivingOffice, s.caseId, at) }, at),
    ];
  },

  pendingTasks(s) {
    const open = s.status === 'submitted' || s.status === 'awaiting-materials' || s.status === 'accepted';
    if (!open || !isIssued(s.details.subKind)) return [];
    // A cancellation certificate attests a cancelled registration: the register's cancellation records answer for the
    // person it is about (the applicant's own, or a relative's); everyone else must be a registered resident.
    const { subKind, person } = s.details;
    const cancelled = (about: 'applicant' | 'person') => subKind === 'cancellation' && (about === 'person' || !person);
    const tasks: PendingTask<never>[] = [
      { key: APPLICANT_RECORD, kind: 'verify-record', registry: cancelled('applicant') ? 'hukou-cancellation' : 'population', subject: s.applicant.idNumber! },
    ];
    if (person) {
      tasks.push({ key: PERSON_RECORD, kind: 'verify-record', registry: cancelled('person') ? 'hukou-cancellation' : 'population', subject: person.idNumber });
    }
    return tasks;
  },

  approvalBlocker(s) {
    const applicant = s.records[APPLICANT_RECORD];
    const person = s.records[PERSON_RECORD];
    if (!applicant) return 'the applicant has not been checked against the population register yet';
    if (aboutAnother(s) && !person) return 'the person the certificate is about has not been checked against the register yet';
    if (!applicant.ok) return `the population register did not confirm the applicant (${applicant.detail}): the certificate can only be declined`;
    if (person && !person.ok) return `the register did not confirm the certificate's facts (${person.detail}): the certificate can only be declined`;
    // Only the hukou-place station certifies from its own records (公通字〔2016〕21號).
    const subject = aboutAnother(s) && s.details.subKind === 'cancellation' ? person : applicant;
    const registeredAt = hukouOfficeIn(subject);
    if (registeredAt && registeredAt !== s.handlingOffice) {
      return `the register places the hukou at office ${registeredAt}, not ${s.handlingOffice}: only the hukou-place station issues it; decline with that reason`;
    }
    return null;
  },

  onApprove(s, ctx) {
    const subKind = s.details.subKind as IssuedSubKind; // approval needs the register checks, which only issued kinds have
    const certificate: HouseholdCertificateDocument = { ...eCertificate('household-certificate', 'HJ', s, ctx.at), subKind, purpose: s.details.purpose };
    const issued = event('CertificateIssued', certificate, ctx.at);
    // Online, the e-certificate is downloaded at once; at a window (any province) it is printed there (deliver-certificate).
    return s.channel === 'online' ? [issued, ...delivered(s, 'download', ctx.at)] : [issued];
  },

  waitingOn: (s) => (s.status === 'approved' ? s.receivingOffice : undefined),
  // The window that prints the certificate owns its delivery clock.
  clockOwner: (s, clock) => (clock === DELIVERY_CLOCK ? s.receivingOffice : undefined),
  // Printed at a window: the delivery clock runs from the issue (an online certificate is delivered in the same batch).
  clockStarts: (s, ev) => (ev.type === 'CertificateIssued' && s.channel !== 'online' ? [{ clock: DELIVERY_CLOCK, from: ev.at }] : []),

  evolve(s, ev) {
    switch (ev.type) {
      case 'CertificateNotIssued':
        return s; // the refusal of acceptance that comes with it closes the case
      case 'CertificateIssued':
      case 'CertificateDeclined':
      case 'CertificateDelivered':
        return evolveCertificate(s, ev);
    }
  },
};

const hukouOfficeIn = (check: RecordCheck | undefined): string | undefined =>
  typeof check?.facts?.hukouOffice === 'string' ? check.facts.hukouOffice : undefined;
