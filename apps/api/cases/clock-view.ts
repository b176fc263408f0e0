import { cnCalendar, slaView, type CaseState, type CaseView } from '../../../domain';

/**
 * The case view's clocks with the working days left to each deadline as of `now` (0 = due today, negative
 * = overdue; frozen while paused or stopped), counted on the official working-day calendar. The domain's
 * view has no clock; the API adds the reading of it here, as the SLA board does.
 */
export function withRemainingWorkingDays(view: CaseView, state: CaseState, now: number): CaseView {
  const clocks = Object.values(state.clocks);
  return {
    ...view,
    sla: view.sla.map((entry, i) => (clocks[i] ? { ...entry, remainingWorkingDays: slaView(cnCalendar, clocks[i], now).remainingWorkingDays } : entry)),
  };
}
