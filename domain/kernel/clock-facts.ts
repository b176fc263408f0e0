import type { WorkingCalendar } from '../calendar';
import { clockFact, nextRepeatAt, recomputeClock, resumeClock, startClock, type ClockFact } from '../sla';
import type { AnyCaseTypeModule, ClockStart, EventOf } from './case-type';
import { event, KernelEvents as E, type CaseEvent } from './events';
import { applyFacts, evolve } from './evolve';
import type { CaseState, CaseTypeSpec } from './types';

type AnyEvent = EventOf<CaseTypeSpec>;

/**
 * The kernel's clocks: completeness from lodging or supplement, decision from acceptance (行政許可法 arts 32, 42).
 * `state` is the case after the event: a case already accepted (at lodging) has no completeness check to restart.
 */
function kernelClockStarts(state: CaseState, ev: CaseEvent): ClockStart[] {
  switch (ev.type) {
    case E.CaseOpened:
    case E.MaterialsSupplemented:
      return state.acceptedAt ? [] : [{ clock: 'completeness', from: ev.at }];
    case E.MaterialsRequested:
      return [{ clock: 'supplement', from: ev.at }];
    case E.CaseAccepted:
      return [{ clock: 'decision', from: ev.at }];
    case E.CaseDeemedAccepted:
      // Deemed acceptance dates back to the receipt date (行政許可法 art 32(4)).
      return [{ clock: 'decision', from: (ev.data as { acceptedAt: string }).acceptedAt }];
    default:
      return [];
  }
}

/**
 * Records on each decided event the clocks it starts, computed with the case's calendar, so that the history
 * holds every goal, deadline and escalation instant (and the calendar version) and folding computes none.
 * `state` is the case before the batch (null for an opening).
 */
export function recordClocks(module: AnyCaseTypeModule, state: CaseState | null, events: AnyEvent[], calendar: WorkingCalendar): AnyEvent[] {
  let s = state;
  return events.map((e) => {
    const after = evolve(module, s, e);
    // A type without one of the kernel's clocks (the port visa has no completeness clock) starts none of it.
    const starts = [...kernelClockStarts(after, e), ...(module.clockStarts?.(after, e) ?? [])].filter(({ clock }) => after.policy.clocks[clock]);
    const added = [
      ...starts.map(({ clock, from }) => clockFact('start', startClock(calendar, after.policy.clocks[clock], from))),
      ...resumedForApplicant(module, s, e, calendar),
    ];
    // Folded once: evolve applies an event's facts last, so applying the added ones to `after` is the fold of the stamped event.
    s = applyFacts(after, added);
    return added.length > 0 ? { ...e, clocks: [...(e.clocks ?? []), ...added] } : e;
  });
}

/** A supplement runs the clocks that waited for the applicant again: their deadlines move by the time waited. */
function resumedForApplicant(module: AnyCaseTypeModule, before: CaseState | null, e: CaseEvent, calendar: WorkingCalendar): ClockFact[] {
  if (e.type !== E.MaterialsSupplemented || !before) return [];
  return (module.applicantClocks ?? [])
    .map((name) => before.clocks[name])
    .filter((c) => c?.state === 'paused')
    .map((c) => clockFact('move', resumeClock(calendar, c, e.at)));
}

/** The instant of the top level's next repetition, recorded on an escalation that reaches or repeats it. */
export function withNextRepeat(module: AnyCaseTypeModule, state: CaseState, ev: Extract<AnyEvent, { type: 'SlaEscalated' }>, calendar: WorkingCalendar) {
  const after = evolve(module, state, ev).clocks[ev.data.clock];
  const nextAt = nextRepeatAt(calendar, after);
  return nextAt ? { ...ev, data: { ...ev.data, nextAt } } : ev;
}

/**
 * A calendar published after the case's deadlines were computed (`changedYears`: the years whose dates it
 * adds or changes): every running clock whose count crossed one of them is computed again, and where goal or
 * deadline move (or stop being provisional) a DeadlineRecomputed event records before, after and the new schedule.
 */
export function decideCalendarPublished(state: CaseState, calendar: WorkingCalendar, changedYears: readonly number[], at: string): AnyEvent[] {
  if (state.closedAt) return [];
  const events: AnyEvent[] = [];
  for (const clock of Object.values(state.clocks)) {
    const recomputed = recomputeClock(calendar, clock, changedYears);
    if (!recomputed) continue;
    const reason = `working-day calendar for ${changedYears.join(', ')} published (version ${calendar.version})`;
    const data = { clock: clock.clock, before: clock.deadline, after: recomputed.deadline, calendarVersion: calendar.version, reason };
    events.push({ ...event(E.DeadlineRecomputed, data, at), clocks: [clockFact('move', recomputed)] });
  }
  return events;
}
