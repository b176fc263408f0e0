import { Module } from '@nestjs/common';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { READ_DB } from '../tokens';
import { IdempotencyStore } from './idempotency';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** The stored answers of idempotent POSTs, shared by every module with such a route (one store, one table). */
@Module({
  providers: [{ provide: IdempotencyStore, useFactory: (sql: SqlExecutor) => new IdempotencyStore(sql), inject: [READ_DB] }, IdempotencyInterceptor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
