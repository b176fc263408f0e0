import { cnCalendar } from '../calendar';
import { applySlaTransition, extendClock, pauseClock, resumeClock, startClock, stopClock, type ClockState } from '../sla';
import type { CaseTypeModule } from './case-type';
import { KernelEvents as E, type CaseEvent } from './events';
import type { CaseState, Status } from './types';
import type { CaseOpenedData } from './open';

/** The state before CaseOpened: nothing is known yet. */
export const initialState = (): CaseState | null => null;

/** Folds one event into the case. Pure: the workflow, the API and replays all use it. */
export function evolve(module: CaseTypeModule, state: CaseState | null, ev: CaseEvent): CaseState {
  if (ev.type !== E.CaseOpened && !state) throw new Error(`event ${ev.type} before CaseOpened`);
  const next = ev.type === E.CaseOpened ? openedState(module, ev as CaseEvent<string, CaseOpenedData>) : applyEvent(module, state!, ev);
  // The case type sees every event after the kernel, to add its own state (documents, clocks, progress).
  const typed = module.evolve ? module.evolve(next, ev) : next;
  return { ...typed, version: state ? state.version + 1 : 1 };
}

export const fold = (module: CaseTypeModule, events: CaseEvent[], from: CaseState | null = null): CaseState | null =>
  events.reduce<CaseState | null>((s, e) => evolve(module, s, e), from);

function openedState(module: CaseTypeModule, ev: CaseEvent<string, CaseOpenedData>): CaseState {
  const d = ev.data;
  return {
    ...d,
    status: 'submitted',
    step: module.steps.intake,
    materialsRequested: null,
    assignee: null,
    version: 1,
    closedAt: null,
    acceptedAt: null,
    clocks: { completeness: startClock(cnCalendar, d.policy.clocks.completeness, ev.at) },
    records: {},
    documents: [],
    receipts: [],
    extended: false,
    progress: {},
  };
}

function applyEvent(module: CaseTypeModule, s: CaseState, ev: CaseEvent): CaseState {
  const d = ev.data as Record<string, any>;
  switch (ev.type) {
    case E.MaterialsRequested:
      return withClock({ ...s, status: 'awaiting-materials', materialsRequested: d.items }, 'completeness', (c) => stop(c, ev.at));
    case E.MaterialsSupplemented:
      return withClock({ ...s, status: 'submitted', materials: [...s.materials, ...d.items] }, 'completeness', () =>
        startClock(cnCalendar, s.policy.clocks.completeness, ev.at),
      );
    case E.CaseAccepted:
    case E.CaseDeemedAccepted: {
      const acceptedAt = d.acceptedAt ?? ev.at;
      const accepted = withClock({ ...s, status: 'accepted', step: module.steps.review, acceptedAt }, 'completeness', (c) =>
        stop(c, ev.at),
      );
      const receipts = [...s.receipts, { kind: 'acceptance', number: d.receiptNumber, at: ev.at }];
      return withClock({ ...accepted, receipts }, 'decision', () => startClock(cnCalendar, s.policy.clocks.decision, acceptedAt));
    }
    case E.AcceptanceRefused:
      return close({ ...s, receipts: [...s.receipts, { kind: 'refusal', number: d.receiptNumber, at: ev.at }] }, 'not-accepted', ev.at);
    case E.CaseAssigned:
      return { ...s, assignee: d.assignee };
    case E.ClockPaused:
      return withClock(s, d.clock, (c) => pauseClock(c, ev.at));
    case E.ClockResumed:
      return withClock(s, d.clock, (c) => resumeClock(cnCalendar, c, ev.at));
    case E.DeadlineExtended:
      return withClock({ ...s, extended: true }, d.clock, (c) => extendClock(cnCalendar, c, d.workingDays));
    case E.CaseApproved:
      return withClock({ ...s, status: 'approved', step: module.steps.after ?? 'issue' }, 'decision', (c) => stop(c, ev.at));
    case E.CaseRefused:
      return close(s, 'refused', ev.at);
    case E.CaseWithdrawn:
      return close(s, 'withdrawn', ev.at);
    case E.CaseCompleted:
      return close(s, 'completed', ev.at);
    case E.RecordsVerified:
      return {
        ...s,
        records: {
          ...s.records,
          [d.key]: { registry: d.registry, subject: d.subject, ok: d.ok, detail: d.detail, ...(d.facts ? { facts: d.facts } : {}), at: ev.at },
        },
      };
    case E.SlaGoalMissed:
      return withClock(s, d.clock, (c) => applySlaTransition(c, { at: d.dueAt, kind: 'goal-missed' }));
    case E.SlaDeadlinePassed:
      return withClock(s, d.clock, (c) => applySlaTransition(c, { at: d.dueAt, kind: 'deadline-passed' }));
    case E.SlaEscalated:
      return withClock(s, d.clock, (c) => applySlaTransition(c, { at: d.dueAt, kind: 'escalated', level: d.level }));
    default:
      return s;
  }
}

/** Replaces one clock (or starts it when `update` ignores its argument). */
export function withClock(s: CaseState, clock: string, update: (c: ClockState) => ClockState | undefined): CaseState {
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
