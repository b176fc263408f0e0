import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { EventStore } from '../../../event-store/types';
import type { ReadModelTables } from '../api.module';
import type { WorkingCalendarData } from '../../../domain';
import { CALENDAR_SEED, EVENT_STORE, LOGGER, READ_DB, READ_MODEL_TABLES, TEMPORAL_CLIENT } from '../tokens';
import { CalendarController } from './calendar.controller';
import { CalendarNotifier } from './calendar-notifier';
import { PublishedCalendars } from './published-calendar';

/** The working-day calendar as published reference data, and the notifier that tells open cases of a new year. */
@Module({
  controllers: [CalendarController],
  providers: [
    {
      provide: PublishedCalendars,
      useFactory: (store: EventStore, seed: WorkingCalendarData) => new PublishedCalendars(store, seed),
      inject: [EVENT_STORE, CALENDAR_SEED],
    },
    {
      provide: CalendarNotifier,
      useFactory: (calendars: PublishedCalendars, client: Client, readDb: SqlExecutor, tables: ReadModelTables, log: Logger) =>
        new CalendarNotifier(calendars, client, readDb, tables, log),
      inject: [PublishedCalendars, TEMPORAL_CLIENT, READ_DB, READ_MODEL_TABLES, LOGGER],
    },
  ],
  exports: [PublishedCalendars],
})
export class CalendarModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PublishedCalendars) private readonly calendars: PublishedCalendars,
    @Inject(CalendarNotifier) private readonly notifier: CalendarNotifier,
  ) {}

  /** The first start publishes the bundled years; every start sweeps once for a year published while it was down. */
  async onModuleInit(): Promise<void> {
    await this.calendars.seed();
    this.notifier.schedule();
  }

  onApplicationShutdown(): void {
    this.notifier.stop();
  }
}
