import { Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { EventStore } from '../../../event-store/types';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { CalendarModule } from '../calendar/calendar.module';
import { PublishedCalendars } from '../calendar/published-calendar';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PublishedReference } from '../reference/published-reference';
import { ReferenceModule } from '../reference/reference.module';
import { CASE_WORKFLOWS, EVENT_STORE, POSSIBLE_DUPLICATES, READ_DB, READ_MODEL_TABLES, TEMPORAL_CLIENT } from '../tokens';
import type { CaseWorkflowOptions, ReadModelTables } from '../api.module';
import { CaseAccess } from './case-access';
import { CaseCommands } from './case-commands';
import { CaseQueries } from './case-queries';
import { CaseReader } from './case-reader';
import { CasesController } from './cases.controller';
import { RejectionAudit, RejectionAuditInterceptor } from './rejection-audit';

/** Cases: commands to their workflows, reads from their streams, the case list, the audit of refused actions. */
@Module({
  imports: [IdempotencyModule, CalendarModule, ReferenceModule],
  controllers: [CasesController],
  providers: [
    { provide: CaseReader, useFactory: (store: EventStore) => new CaseReader(store), inject: [EVENT_STORE] },
    { provide: CaseAccess, useFactory: (reader: CaseReader) => new CaseAccess(reader), inject: [CaseReader] },
    {
      provide: CaseCommands,
      useFactory: (client: Client, workflows: CaseWorkflowOptions, calendars: PublishedCalendars, reference: PublishedReference) =>
        new CaseCommands(client, workflows.taskQueue, workflows.timeScale, {
          calendar: () => calendars.current(),
          reference: (names, offices) => reference.snapshot(names, offices),
        }),
      inject: [TEMPORAL_CLIENT, CASE_WORKFLOWS, PublishedCalendars, PublishedReference],
    },
    {
      provide: CaseQueries,
      useFactory: (readDb: SqlExecutor, tables: ReadModelTables, client: Client, duplicates: boolean) => new CaseQueries(readDb, tables, client, duplicates),
      inject: [READ_DB, READ_MODEL_TABLES, TEMPORAL_CLIENT, POSSIBLE_DUPLICATES],
    },
    { provide: RejectionAudit, useFactory: (store: EventStore) => new RejectionAudit(store), inject: [EVENT_STORE] },
    RejectionAuditInterceptor,
  ],
})
export class CasesModule {}
