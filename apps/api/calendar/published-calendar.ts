import { randomUUID } from 'node:crypto';
import { bundledCalendarData, changedYears, createWorkingCalendar, isIsoDate, yearOf, type WorkingCalendar, type WorkingCalendarData } from '../../../domain';
import { canonicalJson, sha256Hex } from '../../../event-store/hash-chain';
import { WrongExpectedVersion } from '../../../event-store/errors';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import type { PublishedCalendar } from '../../../workflows/definitions';

/** The stream of the working-day calendar: reference data, kept like every other fact. */
export const CALENDAR_STREAM = 'calendar-cn';
export const CALENDAR_YEAR_PUBLISHED = 'CalendarYearPublished';

/** One year as the State Council notice gives it: holidays off even on weekdays, make-up workdays on weekends. */
export interface CalendarYear {
  holidays: string[];
  workdays: string[];
  /** The notice it comes from (e.g. 国办发明电〔2025〕7号). */
  source: string;
}

export interface CalendarPublication {
  year: number;
  /** The calendar's version (content hash) after this publication. */
  version: string;
  source: string;
  publishedAt: string;
  publishedBy: string;
  holidays: number;
  workdays: number;
}

/** The content hash of a calendar: the same dates give the same version, whoever publishes them. */
export const calendarVersion = (years: WorkingCalendarData['years']): string => sha256Hex(canonicalJson(years)).slice(0, 16);

/** The bundled notices as they are published at first start (dates sorted), under their version. */
export function bundledCalendar(): PublishedCalendar {
  const years = Object.fromEntries(
    Object.entries(bundledCalendarData.years).map(([year, d]) => [year, { holidays: [...d.holidays].sort(), workdays: [...d.workdays].sort() }]),
  );
  return { version: calendarVersion(years), years };
}

/**
 * What is wrong with a year's dates, or null. ISO dates inside the year only, no date twice, none both a holiday
 * and a workday, holidays on weekdays... are not required: a notice may list a whole golden week.
 */
export function calendarYearProblems(year: number, body: Pick<CalendarYear, 'holidays' | 'workdays'>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [kind, dates] of [
    ['holidays', body.holidays],
    ['workdays', body.workdays],
  ] as const) {
    dates.forEach((date, i) => {
      if (!isIsoDate(date)) problems.push(`${kind}[${i}]: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
      else if (yearOf(date) !== year) problems.push(`${kind}[${i}]: ${date} is not in ${year}`);
      else if (seen.has(date)) problems.push(`${kind}[${i}]: ${date} is listed twice (${seen.get(date) === kind ? kind : 'as a holiday and as a workday'})`);
      seen.set(date, kind);
    });
  }
  return problems;
}

/**
 * The published working-day calendar: folded from its stream, seeded from the bundled notices at first start.
 * Cases get it when they are lodged and whenever a year is published (CalendarNotifier); they never read it
 * themselves, so their replay never depends on today's calendar.
 */
export class PublishedCalendars {
  private cached: (ReturnType<typeof foldCalendar> & { at: number }) | undefined;

  constructor(
    private readonly store: EventStore,
    /** The years published at first start: the bundled notices unless the operator names a file (CALENDAR_SEED_FILE). */
    private readonly seedData: WorkingCalendarData = bundledCalendarData,
    /** How long a read is reused (ms): an opening costs no read; a publication elsewhere is seen within it. */
    private readonly cacheMs = 2_000,
  ) {}

  /** Publishes every seed year the stream does not have yet (the first start, or a release adding a year). */
  async seed(): Promise<void> {
    const { calendar } = await this.load(true);
    const source = this.seedData === bundledCalendarData ? 'bundled with casework (domain/calendar/cn-working-calendar.json)' : 'CALENDAR_SEED_FILE';
    for (const [year, dates] of Object.entries(this.seedData.years)) {
      if (calendar.years[year]) continue;
      await this.publish(Number(year), { holidays: [...dates.holidays], workdays: [...dates.workdays], source }, 'system').catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersion)) throw e; // another process seeded it meanwhile
      });
    }
  }

  async current(): Promise<PublishedCalendar> {
    return (await this.load()).calendar;
  }

  async workingCalendar(): Promise<WorkingCalendar> {
    const { years, version } = await this.current();
    return createWorkingCalendar({ years }, version);
  }

  async publications(): Promise<CalendarPublication[]> {
    return (await this.load(true)).publications;
  }

  /** The years whose dates differ between an earlier version and the current calendar (all years if unknown). */
  async changedSince(version: string): Promise<number[]> {
    const { calendar, versions } = await this.load();
    return changedYears(versions.get(version) ?? {}, calendar.years);
  }

  /** Appends a year (validated by the caller) after the version read, so two publications never interleave. */
  async publish(year: number, body: CalendarYear, actor: string): Promise<{ version: string; changed: boolean; calendar: PublishedCalendar }> {
    const { calendar, streamVersion } = await this.load(true);
    const dates = { holidays: [...body.holidays].sort(), workdays: [...body.workdays].sort() };
    const years = { ...calendar.years, [year]: dates };
    const version = calendarVersion(years);
    if (version === calendar.version) return { version, changed: false, calendar };
    const at = new Date().toISOString();
    await this.store.append(
      CALENDAR_STREAM,
      [
        {
          id: randomUUID(),
          type: CALENDAR_YEAR_PUBLISHED,
          data: { year, ...dates, source: body.source, version },
          metadata: { actor, role: actor === 'system' ? 'system' : 'admin', office: '000000', at, commandId: randomUUID(), correlationId: randomUUID() },
        },
      ],
      { expectedVersion: streamVersion === 0 ? 'no-stream' : streamVersion },
    );
    this.cached = undefined;
    return { version, changed: true, calendar: { version, years } };
  }

  private async load(fresh = false) {
    if (!fresh && this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached;
    const events = await this.store.readStream(CALENDAR_STREAM);
    this.cached = { at: Date.now(), ...foldCalendar(events) };
    return this.cached;
  }
}

function foldCalendar(events: RecordedEvent[]) {
  let years: WorkingCalendarData['years'] = {};
  const publications: CalendarPublication[] = [];
  const versions = new Map<string, WorkingCalendarData['years']>();
  for (const e of events) {
    if (e.type !== CALENDAR_YEAR_PUBLISHED) continue;
    const d = e.data as { year: number; holidays: string[]; workdays: string[]; source: string; version: string };
    years = { ...years, [d.year]: { holidays: d.holidays, workdays: d.workdays } };
    versions.set(calendarVersion(years), years);
    publications.push({
      year: d.year,
      version: d.version,
      source: d.source,
      publishedAt: e.metadata.at,
      publishedBy: e.metadata.actor,
      holidays: d.holidays.length,
      workdays: d.workdays.length,
    });
  }
  return { streamVersion: events.length, calendar: { version: calendarVersion(years), years }, publications, versions };
}
