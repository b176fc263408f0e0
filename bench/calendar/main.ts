// Working-day arithmetic (not a test): what counting and adding working days costs, each figure with its ratio to a
// baseline measured in the same run — the day-by-day walk through Date objects the calendar used before it counted by
// day number. Run: `node scripts/run.mjs bench/calendar/main` (no server needed). BENCH_CALLS (default 2,000).
import { addWorkingDays, bundledCalendarData, cnCalendar, countWorkingDays, MS_PER_DAY, SHANGHAI_OFFSET_MS, yearOf, type IsoDate } from '../../domain/calendar';

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);

/** The walk as it was: a date string per day, each checked, parsed and formatted through Date. */
const holidays = new Set(Object.values(bundledCalendarData.years).flatMap((y) => y.holidays));
const workdays = new Set(Object.values(bundledCalendarData.years).flatMap((y) => y.workdays));
const byDate = {
  isIsoDate: (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date,
  addDays: (date: IsoDate, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10),
  isWorkingDay(date: IsoDate): boolean {
    if (!byDate.isIsoDate(date)) throw new RangeError(date);
    if (holidays.has(date)) return false;
    if (workdays.has(date)) return true;
    const dow = new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay();
    return dow !== 0 && dow !== 6;
  },
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let date = byDate.addDays(from, 1); date <= to; date = byDate.addDays(date, 1)) if (byDate.isWorkingDay(date)) count++;
    return count;
  },
  addWorkingDays(startMs: number, n: number): { deadline: string; provisional: boolean } {
    let date = new Date(startMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
    let provisional = false;
    for (let counted = 0; counted < n;) {
      date = byDate.addDays(date, 1);
      if (!cnCalendar.isKnownYear(yearOf(date))) provisional = true;
      if (byDate.isWorkingDay(date)) counted++;
    }
    return { deadline: new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString(), provisional };
  },
};

/** Microseconds per call, the lowest of three rounds (a round disturbed by a neighbour is dropped). */
function perCall(fn: () => unknown): number {
  let lowest = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) fn();
    lowest = Math.min(lowest, Number(process.hrtime.bigint() - started) / 1_000 / CALLS);
  }
  return lowest;
}

function main(): void {
  // A case view's clock: the working days left from today to a deadline eleven weeks on; a deadline 20 working days on.
  const [from, to] = ['2026-11-03', '2027-01-20'];
  const start = Date.parse('2026-11-03T02:00:00.000Z');
  // Both walks must agree before either is timed.
  if (countWorkingDays(cnCalendar, from, to) !== byDate.countWorkingDays(from, to)) throw new Error('the two counts differ');
  if (JSON.stringify(addWorkingDays(cnCalendar, start, 20)) !== JSON.stringify(byDate.addWorkingDays(start, 20))) throw new Error('the two deadlines differ');
  console.log(`# working-day arithmetic, ${CALLS} calls per round, the lowest of 3 rounds; baseline: the same walk through Date objects`);
  const figures: [string, () => unknown, () => unknown][] = [
    [`count the working days of ${from}..${to}`, () => countWorkingDays(cnCalendar, from, to), () => byDate.countWorkingDays(from, to)],
    ['add 20 working days to an instant', () => addWorkingDays(cnCalendar, start, 20), () => byDate.addWorkingDays(start, 20)],
  ];
  for (const [what, ours, baseline] of figures) {
    const [o, b] = [perCall(ours), perCall(baseline)];
    console.log(`${what}: ${o.toFixed(1)} µs per call, baseline ${b.toFixed(1)} µs: ${(o / b).toFixed(3)}× the baseline`);
  }
}

main();
