import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { quantile } from './open-loop';

/**
 * Where a command's workflow task spends its time, read from the histories a server keeps:
 * `TEMPORAL_ADDRESS=<host:port> node scripts/run.mjs bench/api/task-timeline`, after a benchmark ran against that
 * server (e.g. a dev server started apart, with `TEMPORAL_ADDRESS` given to `npm run bench:api` or to
 * `bench/api/workflow-shapes`). For every workflow task that answered an update it takes, from the history alone:
 * the task's time from its start to its completion (the server's clock), when the task's last local activity
 * completed (the worker's `complete_time` in the marker), and the time after that until the completion reached the
 * server; the run's first task (an update-with-start: a case's opening) apart from the others (an action). Read
 * from recorded times, so the figures do not depend on the load of the machine reading them. Then, per workflow type,
 * what the histories hold per update: workflow tasks, local activities, activities, timers fired and signals (the
 * worker's activations are its tasks and its local activities' results: what its CPU per command scales with).
 * `BENCH_TIMELINE_QUERY` (a list filter; default every workflow) and `BENCH_TIMELINE_LIMIT` (default 1000 runs).
 * Written here because no Temporal tool gives these per-task times.
 */

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

export interface TaskTiming {
  /** The run's first workflow task (started with the update: an opening), or a later one (an action). */
  kind: 'first task' | 'later task';
  /** From the task's start to its completion, as the server recorded them. */
  taskMs: number;
  /** Local activities whose markers the task's completion recorded. */
  localActivities: number;
  /** When the last of them completed, from the task's start (0 when it ran none). */
  lastLocalActivityMs: number;
  /** From that moment (or the task's start) to the task's completion. */
  afterLocalActivitiesMs: number;
}

// To the nanosecond, for the server's event times and the markers' completion times alike (tsToMs truncates to the
// millisecond).
const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => (t ? Number(t.seconds) * 1000 + (t.nanos ?? 0) / 1e6 : NaN);

/** When a local activity completed: core's marker data holds it as `complete_time` ({seconds, nanos}, JSON). */
function localActivityCompletedMs(event: HistoryEvent): number | undefined {
  const attrs = event.markerRecordedEventAttributes;
  if (attrs?.markerName !== 'core_local_activity') return undefined;
  const data = attrs.details?.data?.payloads?.[0]?.data;
  if (!data) return undefined;
  const marker = JSON.parse(Buffer.from(data).toString('utf8')) as { complete_time?: { seconds: number; nanos: number } };
  return marker.complete_time ? ms(marker.complete_time) : undefined;
}

/** The timings of each workflow task of one history that answered an update. */
export function taskTimings(events: readonly HistoryEvent[]): TaskTiming[] {
  const timings: TaskTiming[] = [];
  let started: HistoryEvent | undefined;
  let firstTask = true;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) started = event;
    if (event.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED || !started) continue;
    // The task's commands follow its completion: the server writes them with it, before anything else happens.
    const completedId = Number(event.eventId);
    let answered = false;
    const localActivities: number[] = [];
    for (let j = i + 1; j < events.length; j++) {
      const e = events[j];
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED || e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) {
        answered ||= e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED;
        continue;
      }
      const byTask = Object.values(e).find(
        (v): v is { workflowTaskCompletedEventId: unknown } => typeof v === 'object' && v !== null && 'workflowTaskCompletedEventId' in v,
      );
      if (!byTask || Number(byTask.workflowTaskCompletedEventId) !== completedId) break;
      const at = localActivityCompletedMs(e);
      if (at !== undefined) localActivities.push(at);
    }
    const start = ms(started.eventTime);
    const end = ms(event.eventTime);
    if (answered) {
      const last = localActivities.length > 0 ? Math.max(...localActivities) : start;
      timings.push({
        kind: firstTask ? 'first task' : 'later task',
        taskMs: end - start,
        localActivities: localActivities.length,
        lastLocalActivityMs: last - start,
        afterLocalActivitiesMs: end - last,
      });
    }
    firstTask = false;
  }
  return timings;
}

/** What one history holds that costs Temporal and the worker: the worker has an activation for each task and at most one for each local activity's result. */
export interface HistoryCounts {
  updates: number;
  workflowTasks: number;
  localActivities: number;
  activities: number;
  timersFired: number;
  signals: number;
}

export function historyCounts(events: readonly HistoryEvent[]): HistoryCounts {
  const counts: HistoryCounts = { updates: 0, workflowTasks: 0, localActivities: 0, activities: 0, timersFired: 0, signals: 0 };
  for (const e of events) {
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) counts.updates++;
    else if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) counts.workflowTasks++;
    else if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') counts.localActivities++;
    else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) counts.activities++;
    else if (e.eventType === EventType.EVENT_TYPE_TIMER_FIRED) counts.timersFired++;
    else if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) counts.signals++;
  }
  return counts;
}

/** One line per workflow type: what its histories hold per update (a command), summed over its runs. */
export function summariseCounts(byType: ReadonlyMap<string, HistoryCounts>): string {
  const lines = ['per update (a command), summed over the runs: workflow tasks, local activities, activities, timers fired, signals'];
  for (const [type, c] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    if (c.updates === 0) continue;
    const per = (n: number) => (n / c.updates).toFixed(2);
    lines.push(
      `${type}: ${c.updates} updates; ${per(c.workflowTasks)}, ${per(c.localActivities)}, ${per(c.activities)}, ${per(c.timersFired)}, ${per(c.signals)}` +
        ` (worker activations, at most one per task and one per local activity: ${per(c.workflowTasks + c.localActivities)})`,
    );
  }
  return lines.join('\n');
}

/** One line per group: count, then p50 (p90) of each time. */
export function summariseTimings(groups: ReadonlyMap<string, readonly TaskTiming[]>): string {
  const f = (values: number[]) => `${quantile(values, 0.5).toFixed(1)} (${quantile(values, 0.9).toFixed(1)})`;
  const lines = ['group: tasks; p50 (p90) ms of: the task, its last local activity done, after it; local activities (p50)'];
  for (const [group, timings] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    if (timings.length === 0) continue;
    lines.push(
      `${group}: ${timings.length}; task ${f(timings.map((t) => t.taskMs))}, last local activity ${f(timings.map((t) => t.lastLocalActivityMs))}, ` +
        `after it ${f(timings.map((t) => t.afterLocalActivitiesMs))}; ${quantile(
          timings.map((t) => t.localActivities),
          0.5,
        )}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS: the server whose histories to read (host:port)');
  const limit = Number(process.env.BENCH_TIMELINE_LIMIT ?? 1000);
  const client = new Client({ connection: await Connection.connect({ address }) });
  const groups = new Map<string, TaskTiming[]>();
  const counts = new Map<string, HistoryCounts>();
  let runs = 0;
  for await (const run of client.workflow.list({ query: process.env.BENCH_TIMELINE_QUERY })) {
    if (runs++ >= limit) break;
    const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const timings = taskTimings(history.events ?? []);
    const held = historyCounts(history.events ?? []);
    const sum = counts.get(run.type);
    if (!sum) counts.set(run.type, held);
    else for (const key of Object.keys(held) as (keyof HistoryCounts)[]) sum[key] += held[key];
    // A bench's shaped workflows differ by what they do: those that ran a local activity are their own group.
    const shape = run.type === 'caseWorkflow' ? '' : timings.some((t) => t.localActivities > 0) ? ' with a local activity' : ' without';
    for (const t of timings) {
      const group = `${run.type}${shape}, ${t.kind}`;
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group)!.push(t);
    }
  }
  console.log(`${Math.min(runs, limit)} runs read from ${address}\n${summariseTimings(groups)}\n${summariseCounts(counts)}`);
  await client.connection.close();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
