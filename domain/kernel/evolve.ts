import { applyClockFact, applySlaTransition, pauseClock, stopClock, unpauseClock, type ClockFact, type ClockState } from '../sla';
import type { AnyCaseTypeModule } from './case-type';
import { applyCorrection } from './corrections';
import { applyDocumentFacts } from './documents';
import { isKernelEvent, KernelEvents as E, unhandled, type CaseEvent, type KernelEvent } from './events';
import { channelOf, type CaseState, type CaseTypeSpec, type Status } from './types';

/** The state before CaseOpened: nothing is known yet. */
export const initialState = (): CaseState | null => null;

/**
 * Folds one event into the case. Pure: the workflow, the API and replays all use it. Events come from
 * the case's own history, decided by this code, so their type name tells their data (the recorded
 * histories in test/fixtures keep the stored shapes from drifting). Deadlines are never computed here:
 * they come from the clock facts recorded on the events (domain/kernel/clock-facts.ts decides them).
 */
export function evolve(module: AnyCaseTypeModule, state: CaseState | null, ev: CaseEvent): CaseState {
  if (!state) {
    if (ev.type !== E.CaseOpened) throw new Error(`event ${ev.type} before CaseOpened`);
    const opened = openedState(module, ev as Extract<KernelEvent, { type: 'CaseOpened' }>);
    return applyFacts({ ...(module.onOpened ? module.onOpened(opened, ev.at) : opened), version: 1, updatedAt: ev.at }, ev.clocks);
  }
  // The kernel folds its own events; the case type folds its own (documents, clocks, progress). A type's
  // evolve switches exhaustively over its events with no default, so that one left out fails to compile;
  // a stored type it does not know (none is ever written) falls through and changes nothing.
  const next = isKernelEvent(ev) ? applyEvent(module, state, ev) : (module.evolve(state, ev) ?? state);
  const updatedAt = state.updatedAt && state.updatedAt > ev.at ? state.updatedAt : ev.at;
  return applyDocumentFacts(applyFacts({ ...next, version: state.version + 1, updatedAt }, ev.clocks), ev.documents);
}

/** The clocks an event started or moved, as recorded on it (the last step of `evolve`). */
export function applyFacts(s: CaseState, facts: ClockFact[] | undefined): CaseState {
  if (!facts) return s;
  return facts.reduce((acc, fact) => withClock(acc, fact.clock, (c) => applyClockFact(acc.policy.clocks[fact.clock], c, fact)), s);
}

export const fold = (module: AnyCaseTypeModule, events: CaseEvent[], from: CaseState | null = null): CaseState | null =>
  events.reduce<CaseState | null>((s, e) => evolve(module, s, e), from);

function openedState(module: AnyCaseTypeModule, ev: Extract<KernelEvent, { type: 'CaseOpened' }>): CaseState {
  const d = ev.data;
  return {
    ...d,
    // Openings recorded before cross-province became routing hold the channel alias: they were lodged at a window.
    channel: channelOf(d.channel),
    status: 'submitted',
    step: module.steps.intake,
    materialsRequested: null,
    assignee: null,
    version: 1,
    closedAt: null,
    acceptedAt: null,
    clocks: {},
    records: {},
    documents: [],
    receipts: [],
    extended: false,
    progress: {},
  };
}

function applyEvent(module: AnyCaseTypeModule, s: CaseState, ev: KernelEvent): CaseState {
  switch (ev.type) {
    case E.CaseOpened:
      return s; // a second opening changes nothing: the workflow never decides one
    case E.PossibleDuplicatesFound:
      return { ...s, duplicates: { cases: ev.data.cases, review: null } };
    case E.DuplicateReviewed:
      return s.duplicates ? { ...s, duplicates: { ...s.duplicates, review: { ...ev.data, at: ev.at } } } : s;
    case E.MaterialsRequested:
      // The applicant's supplement clock starts (its fact); the clocks that wait for the applicant stand still.
      return applicantClocks(
        module,
        withClock({ ...s, status: 'awaiting-materials', materialsRequested: ev.data.items }, 'completeness', (c) => stop(c, ev.at)),
        (c) => (c.state === 'stopped' || c.state === 'paused' || c.state === 'breached' ? c : pauseClock(c, ev.at)),
      );
    case E.MaterialsSupplemented:
      // The completeness clock restarts and the waiting clocks run again, their deadlines moved (the facts).
      return applicantClocks(
        module,
        // A case accepted at lodging goes back to its decision, not to a second acceptance (docs/domain.md §4).
        withClock({ ...s, status: s.acceptedAt ? 'accepted' : 'submitted', materials: [...s.materials, ...ev.data.items] }, 'supplement', (c) =>
          stop(c, ev.at),
        ),
        (c) => (c.state === 'paused' ? unpauseClock(c, ev.at) : c),
      );
    case E.CaseAccepted:
    case E.CaseDeemedAccepted: {
      // Deemed acceptance dates back to the receipt date (行政許可法 art 32(4)).
      const acceptedAt = ev.type === E.CaseDeemedAccepted ? ev.data.acceptedAt : ev.at;
      const accepted = withClock({ ...s, status: 'accepted', step: module.steps.review, acceptedAt }, 'completeness', (c) => stop(c, ev.at));
      // The decision clock starts from acceptedAt: its fact is on this event.
      // A filing is received, not accepted for a decision: its receipt says so (verified as a filing-receipt).
      const kind = module.filing ? 'filing' : 'acceptance';
      return { ...accepted, receipts: [...s.receipts, { kind, number: ev.data.receiptNumber, at: ev.at }] };
    }
    case E.AcceptanceRefused:
      return close({ ...s, receipts: [...s.receipts, { kind: 'refusal', number: ev.data.receiptNumber, at: ev.at }] }, 'not-accepted', ev.at);
    case E.CaseAssigned:
      return { ...s, assignee: ev.data.assignee };
    case E.ClockPaused:
      return withClock(s, ev.data.clock, (c) => pauseClock(c, ev.at));
    case E.ClockResumed:
      return withClock(s, ev.data.clock, (c) => unpauseClock(c, ev.at)); // the moved deadline: its fact
    case E.DeadlineExtended:
      return withClock({ ...s, extended: true }, ev.data.clock, (c) => ({ ...c, extendedBy: ev.data.workingDays ?? ev.data.calendarDays }));
    case E.DeadlineRecomputed:
      return s; // the new schedule is the event's fact
    case E.CaseApproved:
      return withClock({ ...s, status: 'approved', step: module.steps.after ?? 'issue' }, 'decision', (c) => stop(c, ev.at));
    case E.CaseRefused:
      return close(s, 'refused', ev.at);
    case E.CaseWithdrawn:
      return close(s, 'withdrawn', ev.at);
    case E.CaseCompleted:
      return close(s, 'completed', ev.at);
    case E.ChildCaseLinked:
      return { ...s, childCases: [...(s.childCases ?? []), { caseId: ev.data.caseId, type: ev.data.type, at: ev.at }] };
    case E.DecisionRevoked: {
      const documents = s.documents.map((d) => (ev.data.revokedDocuments.includes(d.number) ? { ...d, revoked: true } : d));
      return close({ ...s, documents }, 'revoked', ev.at);
    }
    case E.CorrectionRequested:
      return { ...s, correction: { ...ev.data, requestedAt: ev.at } };
    case E.CorrectionApproved:
      return applyCorrection(module, s, ev.data, ev.at);
    case E.CorrectionRejected:
      return { ...s, correction: null, corrections: [...(s.corrections ?? []), { field: ev.data.field, decision: 'rejected', at: ev.at }] };
    case E.RecordsVerified: {
      const d = ev.data;
      return {
        ...s,
        records: {
          ...s.records,
          [d.key]: {
            registry: d.registry,
            subject: d.subject,
            ok: d.ok,
            result: d.result ?? (d.ok ? 'confirmed' : 'contradicted'),
            detail: d.detail,
            ...(d.facts ? { facts: d.facts } : {}),
            at: ev.at,
          },
        },
      };
    }
    case E.RecordsRecheckRequested: {
      // The checks asked again are pending once more (the workflow runs them); their last answer stays in the history.
      const records = Object.fromEntries(Object.entries(s.records).filter(([key]) => !ev.data.keys.includes(key)));
      return { ...s, records };
    }
    case E.SlaGoalMissed: {
      const { dueAt } = ev.data;
      return withClock(s, ev.data.clock, (c) => applySlaTransition(c, { at: dueAt, kind: 'goal-missed' }));
    }
    case E.SlaDeadlinePassed: {
      const { dueAt } = ev.data;
      return withClock(s, ev.data.clock, (c) => applySlaTransition(c, { at: dueAt, kind: 'deadline-passed' }));
    }
    case E.SlaEscalated: {
      const { dueAt, level, nextAt } = ev.data;
      return withClock(s, ev.data.clock, (c) => {
        const escalated = applySlaTransition(c, { at: dueAt, kind: 'escalated', level });
        return nextAt ? { ...escalated, repeatAt: nextAt } : escalated;
      });
    }
    default:
      return unhandled(s, ev);
  }
}

/** Applies `update` to each of the type's applicant-dependent clocks that is running. */
function applicantClocks(module: AnyCaseTypeModule, s: CaseState, update: (c: ClockState) => ClockState): CaseState {
  return (module.applicantClocks ?? []).reduce((acc, clock) => withClock(acc, clock, (c) => (c ? update(c) : c)), s);
}

/** Replaces one clock (or starts it when `update` ignores its argument). */
export function withClock<S extends CaseState<CaseTypeSpec>>(s: S, clock: string, update: (c: ClockState) => ClockState | undefined): S {
  const updated = update(s.clocks[clock]);
  return updated ? { ...s, clocks: { ...s.clocks, [clock]: updated } } : s;
}

/** Stops a clock unless it is missing or already stopped (closing a case stops every clock). */
export const stopIfRunning = (c: ClockState | undefined, at: string) => (c && c.state !== 'stopped' ? stopClock(c, at) : c);
const stop = stopIfRunning;

function close(s: CaseState, status: Status, at: string): CaseState {
  const clocks = Object.fromEntries(Object.entries(s.clocks).map(([k, c]) => [k, stop(c, at) ?? c]));
  return { ...s, status, step: 'closed', closedAt: at, clocks };
}
