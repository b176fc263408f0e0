import { Module } from '@nestjs/common';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { EventStore } from '../../../event-store/types';
import type { ProjectionRunner } from '../../../projections';
import type { ReadModelTables } from '../api.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ALERT_STREAMS_PER_CALLER, EVENT_STORE, PROJECTION_RUNNERS, READ_DB, READ_MODEL_TABLES } from '../tokens';
import { QueuesController } from './queues.controller';
import { ReadModelQueries } from './read-model-queries';
import { SlaAlertStreams } from './sla-alert-streams';
import { SlaController } from './sla.controller';
import { StatsController } from './stats.controller';

/** The read models' routes: work queues, the SLA board and alerts, statistics. */
@Module({
  imports: [CalendarModule],
  controllers: [QueuesController, SlaController, StatsController],
  providers: [
    {
      provide: ReadModelQueries,
      useFactory: (readDb: SqlExecutor, tables: ReadModelTables, store: EventStore, runners: Map<string, ProjectionRunner>) =>
        new ReadModelQueries(readDb, tables, store, runners),
      inject: [READ_DB, READ_MODEL_TABLES, EVENT_STORE, PROJECTION_RUNNERS],
    },
    {
      provide: SlaAlertStreams,
      useFactory: (queries: ReadModelQueries, maxPerCaller: number) => new SlaAlertStreams(queries, maxPerCaller),
      inject: [ReadModelQueries, ALERT_STREAMS_PER_CALLER],
    },
  ],
})
export class ReadModelsModule {}
