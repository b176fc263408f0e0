import type { CaseState, CaseType } from '../../../domain';
import { accessPolicy } from '../../../domain/access';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { EventStore, RecordedEvent, Subscription } from '../../../event-store/types';
import type { ProjectionRunner } from '../../../projections';
import { readQueue } from '../../../projections/queues/read-queue';
import { openCasesWithClocks } from '../../../projections/sla/open-clocks';
import { countCases, type CaseCounts } from '../../../projections/stats/count-cases';
import { SLA_ALERT_TYPES } from '../../../domain';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../problem/problem';

/**
 * The read side of the queue, SLA and statistics routes: the projections' own queries, scoped by the
 * access policy. Tables are asked for on every call, since a rebuild swaps them.
 */
export class ReadModelQueries {
  constructor(
    private readonly readDb: SqlExecutor,
    private readonly tableOf: (readModel: string) => string,
    private readonly store: EventStore,
    private readonly runners: Map<string, ProjectionRunner>,
  ) {}

  queue(office: string, filter: { crossProvince?: boolean } = {}): Promise<CaseState[]> {
    return readQueue(this.readDb, this.tableOf('queues'), office, filter);
  }

  openCases(caller: Principal, filter: { office?: string; type?: CaseType; caseId?: string }): Promise<CaseState[]> {
    return openCasesWithClocks(this.readDb, this.tableOf('sla'), accessPolicy.scopeOf(caller), filter);
  }

  counts(caller: Principal): Promise<CaseCounts> {
    return countCases(this.readDb, this.tableOf('stats'), accessPolicy.scopeOf(caller));
  }

  /** Where an SLA alert stream starts: after `lastEventId` (one this stream sent), or after what the SLA read model has applied. */
  async slaStreamStart(lastEventId: string | undefined): Promise<string> {
    if (lastEventId === undefined) return this.runners.get('sla')!.status().checkpoint;
    // Only an id this stream sent can be resumed from; anything else would fail the subscription on every poll.
    await this.store.readAll({ after: lastEventId, limit: 1, types: [...SLA_ALERT_TYPES] }).catch(() => {
      throw new ProblemError(400, 'Last-Event-ID is not an id this stream sent');
    });
    return lastEventId;
  }

  followSlaEvents(after: string, onEvents: (events: RecordedEvent[]) => void): Subscription {
    return this.store.subscribe({ after, types: [...SLA_ALERT_TYPES], onEvents: async (events) => onEvents(events) });
  }
}
