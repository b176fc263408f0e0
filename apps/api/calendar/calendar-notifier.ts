import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { countsOnYears, type CaseState } from '../../../domain';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { calendarPublishedUpdate } from '../../../workflows/definitions';
import type { ReadModelTables } from '../api.module';
import type { PublishedCalendars } from './published-calendar';

/** Sweeps after a publication: at once, then again for cases lodged while it happened (their read model lags). */
const SWEEP_DELAYS_MS = [0, 15_000, 60_000];
const PARALLEL = 8;

/**
 * Tells open cases about a newly published calendar. The SLA read model only says which cases may care (a
 * running working-day clock computed on an older calendar, across a year that changed since); each case's
 * workflow decides whether its deadlines move, and records it (DeadlineRecomputed). Sending twice is harmless.
 */
export class CalendarNotifier {
  private readonly told = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly calendars: PublishedCalendars,
    private readonly client: Client,
    private readonly readDb: SqlExecutor,
    private readonly tables: ReadModelTables,
    private readonly log: Logger,
  ) {}

  /** Schedules the sweeps for the calendar just published (and at start, for one published while down). */
  schedule(): void {
    for (const delay of SWEEP_DELAYS_MS) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.sweep().catch((e: unknown) => this.log.warn({ err: e }, 'calendar sweep failed; the next one retries'));
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
  }

  /** One sweep, after any still running; answers how many cases were told. */
  sweep(): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => this.sweepOnce());
    return this.running;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async sweepOnce(): Promise<number> {
    const calendar = await this.calendars.current();
    const { rows } = await this.readDb.query<{ state: CaseState }>(`SELECT state FROM ${this.tables('sla')} WHERE open`);
    const due: string[] = [];
    for (const { state } of rows) {
      const key = `${state.caseId}@${calendar.version}`;
      if (!this.told.has(key) && (await this.mayMove(state, calendar.version))) due.push(state.caseId);
    }
    for (let i = 0; i < due.length; i += PARALLEL) {
      await Promise.all(due.slice(i, i + PARALLEL).map((caseId) => this.tell(caseId, calendar)));
    }
    if (due.length > 0) this.log.info({ cases: due.length, calendarVersion: calendar.version }, 'cases told of a published calendar');
    return due.length;
  }

  private async mayMove(state: CaseState, version: string): Promise<boolean> {
    for (const clock of Object.values(state.clocks)) {
      if (clock.calendarVersion === version) continue;
      if (countsOnYears(clock, await this.calendars.changedSince(clock.calendarVersion))) return true;
    }
    return false;
  }

  private async tell(caseId: string, calendar: Awaited<ReturnType<PublishedCalendars['current']>>): Promise<void> {
    try {
      await this.client.workflow.getHandle(caseId).executeUpdate(calendarPublishedUpdate, { args: [calendar], updateId: `calendar-${calendar.version}` });
      this.told.add(`${caseId}@${calendar.version}`);
    } catch (e) {
      // A case closed meanwhile has no deadline left to move; anything else is tried again by the next sweep.
      this.log.warn({ caseId, err: e }, 'case not told of the published calendar');
    }
  }
}
