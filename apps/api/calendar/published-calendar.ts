import { bundledCalendarData, changedYears, createWorkingCalendar, isIsoDate, yearOf, type WorkingCalendar, type WorkingCalendarData } from '../../../domain';
import { canonicalJson, sha256Hex } from '../../../event-store/hash-chain';
import { WrongExpectedVersion } from '../../../event-store/errors';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import type { PublishedCalendar } from '../../../workflows/definitions';
import { StreamFold } from '../reference/stream-fold';

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
  private readonly stream: StreamFold<CalendarFold>;

  constructor(
    store: EventStore,
    /** The years published at first start: the bundled notices unless the operator names a file (CALENDAR_SEED_FILE). */
    private readonly seedData: WorkingCalendarData = bundledCalendarData,
    /** How long a read is reused before the stream is asked for newer publications (ms). */
    recheckMs?: number,
  ) {
    this.stream = new StreamFold(store, CALENDAR_STREAM, emptyCalendarFold, foldCalendarEvent, recheckMs);
  }

  /** Publishes every seed year the stream does not have yet (the first start, or a release adding a year). */
  async seed(): Promise<void> {
    const source = this.seedData === bundledCalendarData ? 'bundled with casework (domain/calendar/cn-working-calendar.json)' : 'CALENDAR_SEED_FILE';
    for (const [year, dates] of Object.entries(this.seedData.years)) {
      if ((await this.stream.read(true)).state.calendar.years[year]) continue;
      await this.publish(Number(year), { holidays: [...dates.holidays], workdays: [...dates.workdays], source }, 'system').catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersion)) throw e; // another process seeded it meanwhile
      });
    }
  }

  async current(): Promise<PublishedCalendar> {
    return (await this.stream.read()).state.calendar;
  }

  async workingCalendar(): Promise<WorkingCalendar> {
    const { years, version } = await this.current();
    return createWorkingCalendar({ years }, version);
  }

  async publications(): Promise<CalendarPublication[]> {
    return (await this.stream.read(true)).state.publications;
  }

  /** The years whose dates differ between an earlier version and the current calendar (all years if unknown). */
  async changedSince(version: string): Promise<number[]> {
    const { calendar, versions } = (await this.stream.read()).state;
    return changedYears(versions.get(version) ?? {}, calendar.years);
  }

  /** Appends a year (validated by the caller) after the version read, so two publications never interleave. */
  async publish(year: number, body: CalendarYear, actor: string): Promise<{ version: string; changed: boolean; calendar: PublishedCalendar }> {
    const { state, streamVersion } = await this.stream.read(true);
    const dates = { holidays: [...body.holidays].sort(), workdays: [...body.workdays].sort() };
    const years = { ...state.calendar.years, [year]: dates };
    const version = calendarVersion(years);
    if (version === state.calendar.version) return { version, changed: false, calendar: state.calendar };
    await this.stream.publish(CALENDAR_YEAR_PUBLISHED, { year, ...dates, source: body.source, version }, actor, streamVersion);
    return { version, changed: true, calendar: { version, years } };
  }
}

interface CalendarFold {
  calendar: PublishedCalendar;
  publications: CalendarPublication[];
  /** Every version the calendar has had, with its years: what a case computed on can be compared with today's. */
  versions: Map<string, WorkingCalendarData['years']>;
}

const emptyCalendarFold: CalendarFold = { calendar: { version: calendarVersion({}), years: {} }, publications: [], versions: new Map() };

function foldCalendarEvent(fold: CalendarFold, e: RecordedEvent): CalendarFold {
  if (e.type !== CALENDAR_YEAR_PUBLISHED) return fold;
  const d = e.data as { year: number; holidays: string[]; workdays: string[]; source: string; version: string };
  const years = { ...fold.calendar.years, [d.year]: { holidays: d.holidays, workdays: d.workdays } };
  const version = calendarVersion(years);
  const publication: CalendarPublication = {
    year: d.year,
    version: d.version,
    source: d.source,
    publishedAt: e.metadata.at,
    publishedBy: e.metadata.actor,
    holidays: d.holidays.length,
    workdays: d.workdays.length,
  };
  return { calendar: { version, years }, publications: [...fold.publications, publication], versions: new Map(fold.versions).set(version, years) };
}
