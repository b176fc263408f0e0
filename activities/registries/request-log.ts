import { startOfShanghaiDay, type RequestLogPerson } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import { lookupKeyOf } from '../../projections/cases/find-cases';
import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * The platform's log of no-criminal-record requests (docs/domain.md §7.6): when a person asked for a certificate. Read
 * for the rule that from the third request in a year the applicant shows what the certificate is for.
 */
export interface RequestLog {
  /** The instants the person's requests were lodged, from the first instant of `since` (Shanghai) until before `before`. */
  requestsOf(person: RequestLogPerson, since: string, before: string): Promise<string[]>;
}

/** At most this many requests are read: the rule needs to know only whether there were two. */
const MOST_REQUESTS = 100;

/**
 * The requests this platform received: the no-criminal-record cases of this event store, each a request, whatever
 * became of it (inferred: the rule counts requests made, not certificates issued). The case list's `lookup_keys` index
 * finds the person's cases (an index probe, no scan); the lodging instant a case lists is its opening's, which no later
 * event changes, so the list is read without folding each stream. A request lodged a moment ago may be missed within
 * the projection delay; requests made before this system held them are not here (the national log is a connection
 * to make at deployment). Slow and briefly unavailable now and then, like the other registers.
 */
export function createCaseRequestLog(readDb: SqlExecutor, casesTable: string, options: SimulationOptions = {}): RequestLog {
  return {
    async requestsOf(person, since, before) {
      const from = new Date(startOfShanghaiDay(since)).toISOString();
      const { rows } = await simulatedCall('request-log', options, () =>
        readDb.query<{ opened_at: Date | string }>(
          `SELECT opened_at FROM ${casesTable} WHERE lookup_keys @> ARRAY[$1::text] AND type = 'no-criminal-record'
             AND opened_at >= $2 AND opened_at < $3 ORDER BY opened_at LIMIT ${MOST_REQUESTS}`,
          [lookupKeyOf(person), from, before],
        ),
      );
      return rows.map((r) => new Date(r.opened_at).toISOString());
    },
  };
}

/** Someone who asked twice in the last months (and once more than a year ago) in the local stand-in: a third request needs proof of use. */
export const FREQUENT_REQUESTER_ID_NUMBER = '440106199308122343';
/** The local stand-in's requests, by ID or passport number: how many days before now each was lodged. */
export const LOCAL_REQUEST_LOG: Readonly<Record<string, readonly number[]>> = {
  [FREQUENT_REQUESTER_ID_NUMBER]: [40, 150, 500],
};

const DAY_MS = 86_400_000;

/** A local stand-in: the requests given (by default LOCAL_REQUEST_LOG), none for anybody else; slow now and then. */
export function createLocalRequestLog(
  options: SimulationOptions & { records?: Readonly<Record<string, readonly number[]>>; now?: () => number } = {},
): RequestLog {
  const records = options.records ?? LOCAL_REQUEST_LOG;
  const now = options.now ?? Date.now;
  return {
    requestsOf: (person, since, before) =>
      simulatedCall('request-log', options, () => {
        const number = 'idNumber' in person ? person.idNumber : person.passportNo;
        const [from, until] = [startOfShanghaiDay(since), Date.parse(before)];
        return (records[number] ?? [])
          .map((daysAgo) => now() - daysAgo * DAY_MS)
          .filter((t) => t >= from && t < until)
          .sort((a, b) => a - b)
          .map((t) => new Date(t).toISOString());
      }),
  };
}
