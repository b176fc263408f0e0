import { writeFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Preloaded (`--require`) into the API and worker processes when BENCH_QUERIES is set: counts the statements
 * each process sends to PostgreSQL, by kind, and writes the totals so far to `<BENCH_QUERIES>/<pid>.json`
 * whenever it receives SIGUSR2. The bench reads them before and after a run, so the counts cover exactly
 * the commands of that run. Counts are exact where CPU on a shared machine is not.
 */
export type QueryKind = 'transactions' | 'log reads' | 'read models' | 'checkpoints' | 'other';
export type QueryCounts = Record<QueryKind | 'queries', number>;

/** What a statement is, from its text: the read models' share apart from the log reads and the rest. */
export function kindOf(text: string): QueryKind {
  if (/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(text)) return 'transactions';
  if (/\bproj_checkpoints\b/.test(text)) return 'checkpoints';
  if (/\brm_\w+/.test(text)) return 'read models';
  if (/\bes_events\b/.test(text)) return 'log reads';
  return 'other';
}

function install(dir: string): void {
  const counts: QueryCounts = { queries: 0, transactions: 0, 'log reads': 0, 'read models': 0, checkpoints: 0, other: 0 };
  let begins = 0;
  // The statements themselves, by their first words: what the kinds above are made of.
  const byText = new Map<string, number>();
  const query = Reflect.get(Client.prototype, 'query') as (this: Client, ...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    counts.queries += 1;
    counts[kindOf(text)] += 1;
    if (/^\s*BEGIN\b/i.test(text)) begins += 1;
    const head = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    byText.set(head, (byText.get(head) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  process.on('SIGUSR2', () => writeFileSync(`${dir}/${process.pid}.json`, JSON.stringify({ ...counts, begins, byText: Object.fromEntries(byText) })));
}

if (process.env.BENCH_QUERIES) install(process.env.BENCH_QUERIES);
