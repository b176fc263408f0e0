import { guardianOfMinor } from '../id-card/guardian';
import { addCalendarDays, startOfShanghaiDay, toIsoInstant } from '../calendar';
import { caseTag } from '../id-card/actions';
import { addDocument } from '../id-card/evolve';
import { feeAssessed } from '../id-card/fees';
import { ageAt, birthDateInIdNumber, MANDATORY_AGE, temporaryIdValidUntil } from '../id-card/rules';
import { applies, type ActionContext, type CaseTypeModule, type EventOf } from '../kernel/case-type';
import { ruleBroken } from '../kernel/errors';
import { event as kernelEvent, KernelEvents as E } from '../kernel/events';
import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import { shanghaiDay } from '../kernel/receipts';
import { sameProvince } from '../offices';
import { calendarDayClock, statutoryClocks } from '../sla';
import { handOver, recordReturn } from './actions';
import { CARD_CASE_TYPES, cardCaseRefusal } from './card-case';
import { temporaryIdCardDetailsSchema } from './details';
import {
  HAND_OVER_CLOCK,
  HAND_OVER_CLOCK_CHANGE,
  TEMPORARY_ID_CARD_CLOCK,
  temporaryIdCardEvent as event,
  type CardCaseOutcome,
  type TemporaryIdCard,
  type TemporaryIdCardCase,
  type TemporaryIdCardProgress,
} from './spec';

/** The card case's events the temporary card hears of: its photo and sign-off (checked again), the card's hand-over. */
const CHECK_AGAIN_ON = ['PhotoReused', 'PhotoCaptured', 'HukouPlaceSignedOff', 'CaseApproved'];
const CARD_HANDED_OVER = 'CardDelivered';
const EXPIRY = 'temporary-id-expiry';

/**
 * The card case's events that close it without a card, and how each ends it. The temporary card was lodged for a
 * pending card application (Order 78 art 2): with that application gone, a card not yet issued is refused, one issued
 * is to be handed back. Heard since the change `temporary-id-card-case-closed` (parents decided before it sent nothing).
 */
const CARD_CASE_CLOSED: Readonly<Record<string, CardCaseOutcome>> = {
  CaseRefused: 'refused',
  CaseWithdrawn: 'withdrawn',
  AcceptanceRefused: 'not-accepted',
  DecisionRevoked: 'revoked',
};
export const CARD_CASE_CLOSED_CHANGE = 'temporary-id-card-case-closed';
/**
 * The change under which a temporary card not yet issued is refused when its card case hands the card over: before it,
 * the card case's CardDelivered was only recorded (CardCaseDelivered) and a caseworker had to refuse the case.
 */
export const CARD_COLLECTED_CHANGE = 'temporary-id-card-card-collected';
/** The article a temporary card is refused under once its card application is gone (MPS Order 78 art 2). */
export const PREREQUISITE_LAPSED_BASIS = '临时居民身份证管理办法 第二条';

/**
 * Temporary resident ID card (臨時居民身份證, MPS Order 78; docs/domain.md §7.3): for someone whose card application is
 * pending and who needs ID now, lodged as the child of that card case. Issued by the hukou-place county police within
 * 3 days, valid 3 months, 10 CNY; handed back when the card is collected.
 */
export const temporaryIdCard: CaseTypeModule<TemporaryIdCard> = {
  type: 'temporary-id-card',
  details: temporaryIdCardDetailsSchema,

  checkOpen(input, at) {
    const { idNumber } = input.applicant;
    if (!idNumber) throw ruleBroken("a temporary ID card needs the applicant's resident ID number");
    const { hukouOffice } = input.details;
    if (sameProvince(input.receivingOffice, hukouOffice) && input.receivingOffice !== hukouOffice) {
      throw ruleBroken(
        `a temporary ID card is lodged at the hukou-place office ${hukouOffice} (MPS Order 78 art 9), or in another province where the card case was`,
      );
    }
    // Under 16 the guardian applies (Order 78 art 9), in the kernel's `representative` (representation below).
    if (ageAt(birthDateInIdNumber(idNumber), at) < MANDATORY_AGE && input.representative?.role !== 'guardian') {
      throw ruleBroken('under 16 a temporary ID card is applied for by a guardian (MPS Order 78 art 9): name them in representative (role guardian)');
    }
  },

  representation: [
    guardianOfMinor(
      'a guardian of a child under 16 (MPS Order 78 art 9)',
      'a guardian applies for a temporary ID card only for a child under 16 (MPS Order 78 art 9)',
      ({ applicant: { idNumber } }) => (idNumber ? birthDateInIdNumber(idNumber) : undefined),
    ),
  ],

  // Lodged for a pending card application (Order 78 art 2), which must be open and, cross-province, signed off.
  parent: { types: CARD_CASE_TYPES, required: true, refusal: cardCaseRefusal },
  parentEvents: [...CHECK_AGAIN_ON, CARD_HANDED_OVER, ...Object.keys(CARD_CASE_CLOSED)],
  parentEventsAddedBy: Object.fromEntries(Object.keys(CARD_CASE_CLOSED).map((type) => [type, CARD_CASE_CLOSED_CHANGE])),
  onParentEvent(s, parentEvent, at, env) {
    const { parentCaseId } = parentEvent;
    if (parentEvent.type === CARD_HANDED_OVER) return cardCollected(s, parentCaseId, at, env);
    const outcome = CARD_CASE_CLOSED[parentEvent.type];
    if (outcome) return cardCaseClosed(s, parentEvent, outcome, at);
    // Only a check that stood in the way of the decision is made again.
    const deciding = s.status === 'accepted' && s.progress.cardCase !== undefined && cardCaseBlocker(s) !== null;
    return deciding ? [event('ParentCardCaseChanged', { parentCaseId, parentEvent: parentEvent.type }, at)] : [];
  },

  // The hukou-place county police issue it (art 10); in another province the office that received the card case
  // makes and hands it out, the card case signed off [news].
  handlingOffice: (input) => (sameProvince(input.receivingOffice, input.details.hukouOffice) ? input.details.hukouOffice : input.receivingOffice),
  involvedOffices: (input) => [...new Set([input.details.hukouOffice, input.receivingOffice])],

  // Nothing to check for completeness: the card case holds the materials, and the 3 days run from the request.
  acceptedAtLodging: true,
  clocks: {
    supplement: statutoryClocks.supplement,
    [TEMPORARY_ID_CARD_CLOCK]: calendarDayClock(TEMPORARY_ID_CARD_CLOCK, 3),
    // Issued, it waits at the window for the applicant: the hand-over has its own clock (an open case always has one).
    [HAND_OVER_CLOCK]: statutoryClocks.delivery,
  },
  // The hand-over clock came after temporary cards were recorded: cases opened before it keep the policy they had.
  clocksAddedBy: { [HAND_OVER_CLOCK]: HAND_OVER_CLOCK_CHANGE },
  applicantClocks: [TEMPORARY_ID_CARD_CLOCK],
  // Its own limit instead of the 20 WD decision clock; Order 78 provides no extension, so extend-deadline is refused.
  extendableClock: TEMPORARY_ID_CARD_CLOCK,
  // From the request (art 12). Cross-province it runs from the sign-off if that is later [news]: a request is
  // taken only once the card case is signed off (cardCaseRefusal), so the request is always the later one.
  clockStarts(_s, ev) {
    if (ev.type === 'CaseOpened') return [{ clock: TEMPORARY_ID_CARD_CLOCK, from: ev.at }];
    return ev.type === 'TemporaryIdIssued' ? [{ clock: HAND_OVER_CLOCK, from: ev.at }] : [];
  },

  steps: { intake: 'intake', review: 'review', after: 'hand-over' },
  refusal: { reasonRequired: true, final: false, legalBasis: '临时居民身份证管理办法 第二条' },
  actions: [handOver, recordReturn],

  pendingTasks: (s) =>
    s.parentCaseId && s.status === 'accepted' && !s.progress.cardCase
      ? [{ key: 'card-case', kind: 'activity', activity: 'checkCardCase', input: { parentCaseId: s.parentCaseId } }]
      : [],
  onTaskResult(s, result, at) {
    const parentCaseId = result.task.input.parentCaseId;
    const facts = result.outcome.ok ? result.outcome.value : { found: false as const, error: result.outcome.error };
    return [event('ParentCardCaseChecked', { parentCaseId, ...facts }, at)];
  },

  approvalBlocker: cardCaseBlocker,

  onApprove(s, ctx): EventOf<TemporaryIdCard>[] {
    const validFrom = shanghaiDay(ctx.at);
    const number = `LS${s.details.hukouOffice}${validFrom.replace(/-/g, '')}${caseTag(s)}`;
    const { photoId } = (s.progress.cardCase as { photo: { photoId: string } }).photo;
    const document = { kind: 'temporary-id-card' as const, number, validFrom, validUntil: temporaryIdValidUntil(validFrom) };
    return [event('TemporaryIdIssued', { ...document, photoId }, ctx.at), feeAssessed('temporary', ctx.at)];
  },

  // Issued in the name of the hukou-place county police (Order 78 art 10), wherever it is made.
  issuingOffice: (s) => s.details.hukouOffice,

  waitingOn(s) {
    if (s.status === 'approved') return s.receivingOffice;
    if (s.status === 'completed' && toBeReturned(s) && !s.progress.returned) return s.receivingOffice;
    return undefined;
  },

  // Handed out, the card is still out until it comes back or expires: the case stays to record which.
  keptAfterClose: (s) => s.status === 'completed' && s.progress.issued !== undefined && !s.progress.returned,
  nextOwnTimer: (s) =>
    s.status === 'completed' && s.progress.issued && !s.progress.returned
      ? { key: EXPIRY, at: toIsoInstant(startOfShanghaiDay(addCalendarDays(s.progress.issued.validUntil, 1))) }
      : null,
  onOwnTimer: (s, _key, at) => [
    event('TemporaryIdNotReturned', { number: s.progress.issued!.number, reason: `expired on ${s.progress.issued!.validUntil} before it was handed back` }, at),
  ],

  evolve: evolveTemporaryId,
};

/** Whether the temporary card is now to be handed back: the card was collected (Order 78 art 13), or the card case ended without one. */
export const toBeReturned = (s: TemporaryIdCardCase): boolean => s.progress.cardDeliveredAt !== undefined || s.progress.cardCaseClosed !== undefined;

/**
 * The card case closed without a card (docs/domain.md §7.3). Not yet issued: the prerequisite of Order 78 art 2 lapsed,
 * and the case is refused with that reason (appealable, as any refusal). Issued: it stays valid to the end of its 3
 * months (Order 78 art 7 sets its validity, nothing ends it earlier) and is to be handed back, like one whose card was
 * collected (art 13; inferred); unreturned, its expiry records it (TemporaryIdNotReturned). Told once.
 */
function cardCaseClosed(s: TemporaryIdCardCase, parentEvent: { type: string; parentCaseId: string }, outcome: CardCaseOutcome, at: string) {
  const p = s.progress;
  if (p.cardCaseClosed || p.cardDeliveredAt || p.returned) return [];
  const { parentCaseId } = parentEvent;
  if (!p.issued) {
    return [
      event('CardCaseClosed', { parentCaseId, parentEvent: parentEvent.type, outcome, temporaryCard: 'not-issued' }, at),
      kernelEvent(
        E.CaseRefused,
        {
          reason: `the card case ${parentCaseId} was ${outcome}: a temporary ID card is issued only while a card application is pending (MPS Order 78 art 2)`,
          legalBasis: PREREQUISITE_LAPSED_BASIS,
          final: false,
          appealable: true,
        },
        at,
      ),
    ];
  }
  return [event('CardCaseClosed', { parentCaseId, parentEvent: parentEvent.type, outcome, temporaryCard: 'to-be-returned' }, at)];
}

/**
 * The card case handed the card over (its CardDelivered), told once. Issued, the temporary card is now to be handed back
 * (Order 78 art 13). Not yet issued, nothing is pending any more: the card has been collected, and a temporary card is
 * only for a pending card application (Order 78 art 2), so the case is refused, as when the card case closed without a
 * card (appealable). This holds whether the card case completed before it recorded the link (it then tells the
 * temporary card what it missed) or after. Temporary cards told before CARD_COLLECTED_CHANGE only recorded it.
 */
function cardCollected(s: TemporaryIdCardCase, parentCaseId: string, at: string, env: Pick<ActionContext, 'patched'>) {
  if (s.progress.cardDeliveredAt) return [];
  const delivered = event('CardCaseDelivered', { parentCaseId }, at);
  if (s.progress.issued || !applies(env, CARD_COLLECTED_CHANGE)) return [delivered];
  return [
    delivered,
    kernelEvent(
      E.CaseRefused,
      {
        reason: `the card of the card case ${parentCaseId} has been delivered: a temporary ID card is issued only while a card application is pending (MPS Order 78 art 2)`,
        legalBasis: PREREQUISITE_LAPSED_BASIS,
        final: false,
        appealable: true,
      },
      at,
    ),
  ];
}

/** Why the temporary card cannot be issued yet, from what the card case said when it was checked; or null. */
function cardCaseBlocker(s: TemporaryIdCardCase): string | null {
  const c = s.progress.cardCase;
  if (!c) return 'the card case has not been checked yet';
  if (!c.found) return `the card case could not be read${c.error ? ` (${c.error})` : ''}: it is checked again when it records its photo or sign-off`;
  if (!c.open) return 'the card case is closed: a temporary card is only for a pending card application (MPS Order 78 art 2), the case can only be refused';
  if (s.crossProvince && !c.signedOff) return `the hukou-place office ${s.details.hukouOffice} has not signed off the card case yet`;
  if (!c.photo) return 'the card case has no photo yet, and the temporary card carries it (MPS Order 78 art 11): capture it on the card case';
  return null;
}

function evolveTemporaryId(s: TemporaryIdCardCase, ev: TemporaryIdCard['events']): TemporaryIdCardCase {
  const progress = (patch: TemporaryIdCardProgress): TemporaryIdCardCase => ({ ...s, progress: { ...s.progress, ...patch } });
  switch (ev.type) {
    case 'ParentCardCaseChecked': {
      const { parentCaseId: _same, ...facts } = ev.data;
      return progress({ cardCase: { ...facts, at: ev.at } });
    }
    case 'ParentCardCaseChanged':
      return progress({ cardCase: undefined });
    case 'TemporaryIdIssued': {
      const { photoId, ...document } = ev.data;
      const issued = addDocument(progress({ issued: { number: document.number, validUntil: document.validUntil, photoId } }), document);
      return withClock(issued, TEMPORARY_ID_CARD_CLOCK, (c) => stop(c, ev.at));
    }
    case 'FeeAssessed':
      return progress({ fee: { amountCny: ev.data.amountCny, waived: ev.data.waived } });
    case 'TemporaryIdDelivered':
      return withClock(progress({ deliveredAt: ev.at }), HAND_OVER_CLOCK, (c) => stop(c, ev.at));
    case 'CardCaseDelivered':
      return progress({ cardDeliveredAt: ev.at });
    case 'CardCaseClosed':
      return progress({ cardCaseClosed: { at: ev.at, outcome: ev.data.outcome } });
    case 'TemporaryIdReturned':
      return progress({ returned: { at: ev.at, returned: true } });
    case 'TemporaryIdNotReturned':
      return progress({ returned: { at: ev.at, returned: false, reason: ev.data.reason } });
  }
}
