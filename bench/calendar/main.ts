// Working-day arithmetic (not a test): what counting and adding working days costs, each figure with its ratio to a
// baseline measured in the same run — the day-by-day walk through Date objects the calendar used before it counted by
// day number. Run: `node scripts/run.mjs bench/calendar/main` (no server needed). BENCH_CALLS (default 2,000).
import { addWorkingDays, cnCalendar, countWorkingDays } from '../../domain/calendar';
import { dateWalk } from '../../test/support/date-walk';

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);

/** The walk as it was (test/support/date-walk.ts): a date string per day, each checked, parsed and formatted through Date. */
const byDate = dateWalk;

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
