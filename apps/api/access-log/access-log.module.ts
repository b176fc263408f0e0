import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { EventStore } from '../../../event-store/types';
import { EVENT_STORE, LOGGER, READ_DB } from '../tokens';
import { AccessLog } from './access-log';

/** The access log of cases: written by an onResponse hook and by look-ups, read by supervisors. */
@Global()
@Module({
  providers: [
    {
      provide: AccessLog,
      useFactory: (sql: SqlExecutor, store: EventStore, log: Logger) => new AccessLog(sql, store, log),
      inject: [READ_DB, EVENT_STORE, LOGGER],
    },
  ],
  exports: [AccessLog],
})
export class AccessLogModule {}
