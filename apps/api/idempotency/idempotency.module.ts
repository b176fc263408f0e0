import { Module } from '@nestjs/common';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { IDEMPOTENCY_TTL_MS, READ_DB } from '../tokens';
import { IdempotencyStore } from './idempotency';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** The stored answers of idempotent POSTs, shared by every module with such a route (one store, one table). */
@Module({
  providers: [
    { provide: IdempotencyStore, useFactory: (sql: SqlExecutor, ttlMs: number) => new IdempotencyStore(sql, ttlMs), inject: [READ_DB, IDEMPOTENCY_TTL_MS] },
    IdempotencyInterceptor,
  ],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
