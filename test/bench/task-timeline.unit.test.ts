import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyCounts, summariseCounts, summariseTimings, taskTimings } from '../../bench/api/task-timeline';
import { historyFromJson } from '../support/workflow-harness';

// A port visa's recorded history, as proto JSON (its event times readable as they were recorded) and as the client gives it.
const recorded = JSON.parse(readFileSync(join(__dirname, '../fixtures/histories/next/port-visa-reads-in-the-opening-append.json'), 'utf8')) as {
  history: { events: { eventId: string; eventTime: string }[] };
};

describe('bench/api/task-timeline', () => {
  // The opening's task runs the register check and the append (two local activities), the action's the append
  // alone; the run's last task answers no update.
  const events = historyFromJson(recorded.history).events ?? [];

  it('times each task that answered an update, the opening apart', () => {
    const timings = taskTimings(events);
    expect(timings.map((t) => [t.kind, t.localActivities])).toEqual([
      ['first task', 2],
      ['later task', 1],
    ]);
    for (const t of timings) {
      expect(t.taskMs).toBeGreaterThan(0);
      expect(t.lastLocalActivityMs + t.afterLocalActivitiesMs).toBeCloseTo(t.taskMs, 6);
    }
  });

  it('takes the task from its start to its completion as the server recorded them', () => {
    const at = (id: number) => Date.parse(recorded.history.events.find((e) => e.eventId === String(id))!.eventTime);
    // Events 3 and 4: the first task's start and completion; 13 and 14: the action's (Date.parse keeps milliseconds).
    const [opening, action] = taskTimings(events);
    expect(Math.abs(opening.taskMs - (at(4) - at(3)))).toBeLessThan(1);
    expect(Math.abs(action.taskMs - (at(14) - at(13)))).toBeLessThan(1);
  });

  it('counts a task without local activities from its start', () => {
    const withoutMarkers = events.filter((e) => e.markerRecordedEventAttributes?.markerName !== 'core_local_activity');
    for (const t of taskTimings(withoutMarkers)) {
      expect(t.localActivities).toBe(0);
      expect(t.lastLocalActivityMs).toBe(0);
      expect(t.afterLocalActivitiesMs).toBe(t.taskMs);
    }
  });

  it('prints one line per group', () => {
    const text = summariseTimings(new Map([['caseWorkflow, first task', taskTimings(events).slice(0, 1)]]));
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toMatch(/^caseWorkflow, first task: 1; task [\d.]+ \([\d.]+\), last local activity [\d.]+ \([\d.]+\), after it [\d.]+ \([\d.]+\); 2$/m);
  });

  it('counts what the history holds per update: tasks, local activities, timers fired', () => {
    // The opening and one action; the run ends in a task of its own after a 1 ms timer (run-ends-in-a-task-of-its-own).
    const counts = historyCounts(events);
    expect(counts).toEqual({ updates: 2, workflowTasks: 3, localActivities: 3, activities: 0, timersFired: 1, signals: 0 });
    expect(summariseCounts(new Map([['caseWorkflow', counts]])).split('\n')[1]).toBe(
      'caseWorkflow: 2 updates; 1.50, 1.50, 0.00, 0.50, 0.00 (worker activations, at most one per task and one per local activity: 3.00)',
    );
  });
});
