import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { accessPolicy } from '../../../domain/access';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { Documented } from '../openapi/documented';
import { accessLogQuery, type AccessLogQueryParams, StaffAccessLog } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { AccessLog } from './access-log';

/**
 * The access log across cases, for supervisors: what their province's staff read, looked up (also the
 * look-ups that found nothing) and were refused. A case's own log is GET /cases/{caseId}/access-log.
 */
@Controller('access-log')
@UseGuards(AuthGuard, RolesGuard)
export class AccessLogController {
  constructor(private readonly accessLog: AccessLog) {}

  @Get()
  @Requires('read-access-log')
  @Documented({
    summary: "Access by the staff of the caller's province (all provinces for the national office), newest first",
    query: accessLogQuery,
    response: { description: 'a page of the access log', schema: StaffAccessLog },
    errors: [400, 403],
  })
  list(@CurrentPrincipal() p: Principal, @Query(valid(accessLogQuery, 'query')) q: AccessLogQueryParams) {
    return this.accessLog.entriesWithin(accessPolicy.scopeOf(p), {
      kind: q.kind,
      actor: q.actor,
      notFound: q.notFound === 'true',
      before: q.cursor === undefined ? undefined : Number(q.cursor),
      limit: q.limit,
    });
  }
}
