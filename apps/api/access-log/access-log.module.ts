import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { EventStore } from '../../../event-store/types';
import type { SealingKeys } from '../../runtime/sealing/payload-sealing';
import { EVENT_STORE, LOGGER, READ_DB, SEALING_KEYS } from '../tokens';
import { AccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';
import { lookupDigester } from './lookup-digest';

/** The access log: written by an onResponse hook and by look-ups, read by supervisors per case and across their province. */
@Global()
@Module({
  controllers: [AccessLogController],
  providers: [
    {
      provide: AccessLog,
      useFactory: (sql: SqlExecutor, store: EventStore, log: Logger, sealing: SealingKeys) => new AccessLog(sql, store, log, lookupDigester(sealing)),
      inject: [READ_DB, EVENT_STORE, LOGGER, SEALING_KEYS],
    },
  ],
  exports: [AccessLog],
})
export class AccessLogModule {}
