import { guardianOfMinor } from '../id-card/guardian';
import { ageAt, birthDateInIdNumber, MANDATORY_AGE } from '../id-card/rules';
import type { CaseTypeModule, PendingTask } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { event as kernelEvent, KernelEvents as E } from '../kernel/events';
import { isClosed } from '../kernel/guards';
import { shanghaiDay } from '../kernel/receipts';
import { REPRESENTATIVE_CHECK, representativeCheck, type RepresentationRule } from '../kernel/representation';
import { statutoryClocks } from '../sla';
import { listingStalled, retryListing } from './actions';
import { idCardLossReportDetailsSchema } from './details';
import {
  HOLDER_CHECK,
  idCardLossReportEvent as event,
  LOST_CARD_LISTING,
  type IdCardLossReport,
  type IdCardLossReportCase,
  type IdCardLossReportProgress,
  type LostCardTask,
} from './spec';

// Under 16 the card is applied for, and so reported lost, through a guardian (居民身份證法 arts 7, 11), as the
// temporary ID card's rule (MPS Order 78 art 9); the kernel checks the guardian against the population register.
const representation: RepresentationRule<IdCardLossReport>[] = [
  guardianOfMinor(
    'a guardian of a holder under 16 (居民身份證法 arts 7, 11)',
    'a guardian reports the loss of a card only for a holder under 16 (居民身份證法 arts 7, 11): the holder reports it',
    ({ applicant: { idNumber } }) => (idNumber ? birthDateInIdNumber(idNumber) : undefined),
  ),
];

/**
 * Why the card cannot be listed (yet), or null: the holder must be a registered resident whose hukou is where the report
 * says, and a guardian who reported it must be one the register records. A card is listed only for an established
 * holder, so that nobody can block another person's card with a report (inferred). An unanswered register is not an
 * answer: the report waits, and the receiving office asks again (`recheck-records`).
 */
export function listingBlocker(s: IdCardLossReportCase): string | null {
  const holder = s.records[HOLDER_CHECK];
  if (!holder) return 'the holder has not been checked against the population register yet';
  if (holder.result === 'unavailable') return 'the population register did not answer: recheck-records once it is back';
  if (!holder.ok) return 'the population register does not confirm the holder: nothing is listed; withdraw the report (a mistyped ID number is reported again)';
  const registeredAt = holder.facts?.hukouOffice;
  if (typeof registeredAt === 'string' && registeredAt !== s.details.hukouOffice) {
    return `the population register has the holder's hukou at office ${registeredAt}, not ${s.details.hukouOffice}: withdraw the report and report again naming it`;
  }
  if (!representativeCheck(s, representation)) return null;
  const guardian = s.records[REPRESENTATIVE_CHECK];
  if (!guardian) return 'the guardian has not been checked against the population register yet';
  if (guardian.result === 'unavailable') return 'the population register did not answer about the guardian: recheck-records once it is back';
  if (!guardian.ok) return "the population register does not record the guardian as the holder's: nothing is listed; withdraw the report";
  return null;
}

/**
 * Report of a lost resident ID card (居民身份證掛失申報, docs/domain.md §7.2): a filing. At any station or online, by the
 * holder or, under 16, a guardian; received with a receipt when lodged (`CardReportedLost`), checked against the
 * population register, then the card goes on the national lost-card list at once [news: MPS 2015 opinion 掛失申報] and
 * the report completes. Nobody decides: no acceptance clock, no decision clock, no approval or refusal. A replacement
 * (`id-card-replacement`) may name it as its parent.
 */
export const idCardLossReport: CaseTypeModule<IdCardLossReport> = {
  type: 'id-card-loss-report',
  details: idCardLossReportDetailsSchema,
  filing: true,

  checkOpen(input, at) {
    const { idNumber, birthDate } = input.applicant;
    if (!idNumber) throw ruleBroken("a loss report names the holder's resident ID number: the card's number is the holder's");
    const born = birthDateInIdNumber(idNumber);
    if (birthDate && birthDate !== born) throw ruleBroken('the birth date does not match the one in the resident ID number');
    const lostOn = input.details.lostOn;
    if (lostOn && lostOn > shanghaiDay(at)) throw ruleBroken(`the card cannot have been lost on ${lostOn}, a day still to come: give the day it was lost`);
    if (lostOn && lostOn < born) throw ruleBroken('the card cannot have been lost before the holder was born: check details.lostOn');
    if (ageAt(born, at) < MANDATORY_AGE && input.representative?.role !== 'guardian') {
      throw ruleBroken('under 16 the loss is reported by a guardian (居民身份證法 arts 7, 11): name them in representative (role guardian)');
    }
  },
  representation,

  // Any station receives it and records it itself; the hukou-place office, which issued the card, sees it.
  handlingOffice: (input) => input.receivingOffice,
  involvedOffices: (input) => [input.details.hukouOffice],

  // No clock: nothing is decided, and the listing follows at once (a register's outage is shown as such).
  clocks: { supplement: statutoryClocks.supplement },
  steps: { intake: 'intake', review: 'listing' },
  // Never used: a filing is not refused (kept for the kernel's shape).
  refusal: { reasonRequired: true, final: false, legalBasis: '居民身份证法 第十一条' },
  actions: [retryListing],

  onAccepted: (s, at) => [
    event('CardReportedLost', { office: s.receivingOffice, channel: s.channel, ...(s.details.lostOn ? { lostOn: s.details.lostOn } : {}) }, at),
  ],

  pendingTasks(s): PendingTask<LostCardTask>[] {
    if (isClosed(s)) return [];
    const idNumber = s.applicant.idNumber!;
    const check: PendingTask<LostCardTask> = { key: HOLDER_CHECK, kind: 'verify-record', registry: 'population', subject: idNumber };
    if (listingBlocker(s) !== null || s.progress.listed || listingStalled(s)) return [check];
    const input = { idNumber, office: s.receivingOffice, reportedOn: shanghaiDay(s.progress.reportedAt ?? s.openedAt) };
    return [check, { key: LOST_CARD_LISTING, kind: 'activity', activity: 'listLostCard', input }];
  },
  onTaskResult(s, result, at) {
    if (!result.outcome.ok) return [event('LostCardListingFailed', { error: result.outcome.error, attempt: (s.progress.listingFailures ?? 0) + 1 }, at)];
    return [event('LostCardListed', { entryNumber: result.outcome.value.entryNumber }, at), kernelEvent(E.CaseCompleted, {}, at)];
  },

  approvalBlocker: () => null,
  onApprove: () => [],

  // The receiving office acts when the report is stuck (an unanswered register, a holder not confirmed, a stalled
  // list); while the system lists the card nobody needs to.
  waitingOn(s) {
    if (s.status !== 'accepted') return undefined;
    const asking = !s.records[HOLDER_CHECK] || (representativeCheck(s, representation) !== null && !s.records[REPRESENTATIVE_CHECK]);
    return (!asking && listingBlocker(s) !== null) || listingStalled(s) ? s.receivingOffice : null;
  },

  evolve(s, ev) {
    const progress = (patch: IdCardLossReportProgress): IdCardLossReportCase => ({ ...s, progress: { ...s.progress, ...patch } });
    switch (ev.type) {
      case 'CardReportedLost':
        return progress({ reportedAt: ev.at });
      case 'LostCardListed':
        return progress({ listed: { entryNumber: ev.data.entryNumber, at: ev.at } });
      case 'LostCardListingFailed':
        return progress({ listingFailures: (s.progress.listingFailures ?? 0) + 1 });
      case 'LostCardListingRequested':
        return progress({ listingFailures: 0 });
    }
  },
};
