import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import { verifyDocument } from '../../../projections/documents/verify-document';
import type { ReadModelTables } from '../api.module';
import { Documented } from '../openapi/documented';
import { Verification, verifyParams, verifyQuery } from '../schemas';
import { READ_DB, READ_MODEL_TABLES } from '../tokens';
import { valid } from '../validation/zod-validation.pipe';

/**
 * Anyone shown a document (an employer, a hotel, a border post) checks it here without logging in: is it
 * genuine, and still in force? The answer names the kind, the issuing office and the dates, never the
 * person; the route has its own, low rate limit (limits/rate-limit.ts).
 */
@Controller('verify')
export class VerifyController {
  constructor(
    @Inject(READ_DB) private readonly readDb: SqlExecutor,
    @Inject(READ_MODEL_TABLES) private readonly tableOf: ReadModelTables,
  ) {}

  @Get(':number')
  @Documented({
    summary: 'Verify an issued document by its number and code',
    public: true,
    params: verifyParams,
    query: verifyQuery,
    response: { description: 'valid, revoked or unknown', schema: Verification },
    errors: [400, 429],
  })
  verify(@Param(valid(verifyParams, 'path')) p: { number: string }, @Query(valid(verifyQuery, 'query')) q: { code: string }) {
    return verifyDocument(this.readDb, this.tableOf('documents'), p.number, q.code);
  }
}
