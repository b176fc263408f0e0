import { cnCalendar } from '../../../domain/calendar';
import { pauseClock, slaView, startClock, statutoryClocks, stopClock } from '../../../domain/sla';

const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
// Decision clock: goal end of 2026-10-12, deadline end of 2026-10-22, escalations end of Oct 23 and Oct 26.
const decision = () => startClock(cnCalendar, statutoryClocks.decision, '2026-09-18T10:00:00+08:00');

describe('slaView', () => {
  it('shows an on-track clock with the working days left', () => {
    expect(slaView(cnCalendar, decision(), '2026-09-30T10:00:00+08:00')).toEqual({
      clock: 'decision',
      deadline: endOf('2026-10-22'),
      goalAt: endOf('2026-10-12'),
      state: 'on-track',
      escalation: 0,
      provisional: false,
      remainingWorkingDays: 12, // Oct 8–10, 12–16, 19–22
      remainingMs: Date.parse(endOf('2026-10-22')) - Date.parse('2026-09-30T10:00:00+08:00'),
    });
  });

  it('applies transitions already due, even if their timers have not fired', () => {
    expect(slaView(cnCalendar, decision(), '2026-10-20T09:00:00+08:00')).toMatchObject({
      state: 'at-risk',
      escalation: 0,
      remainingWorkingDays: 2,
    });
    expect(slaView(cnCalendar, decision(), '2026-10-22T23:59:59.999+08:00')).toMatchObject({
      state: 'breached',
      remainingWorkingDays: 0,
    });
    expect(slaView(cnCalendar, decision(), '2026-10-27T09:00:00+08:00')).toMatchObject({
      state: 'breached',
      escalation: 2,
      remainingWorkingDays: -3,
    });
  });

  it('freezes the remaining time while paused or after stopping', () => {
    const paused = pauseClock(decision(), '2026-10-20T09:00:00+08:00');
    expect(slaView(cnCalendar, paused, '2026-12-01T09:00:00+08:00')).toMatchObject({
      state: 'paused',
      remainingWorkingDays: 2,
    });
    const stopped = stopClock(decision(), '2026-10-21T09:00:00+08:00');
    expect(slaView(cnCalendar, stopped, '2026-12-01T09:00:00+08:00')).toMatchObject({
      state: 'stopped',
      escalation: 0,
      remainingWorkingDays: 1,
    });
  });
});
