import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ProjectionRunner } from '../../../projections';
import { readModelViews } from '../../../projections/read-models';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { Idempotent, IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { EmptyBody, projectionParams, Rebuild } from '../schemas';
import { LOGGER, PROJECTION_RUNNERS } from '../tokens';
import { valid } from '../validation/zod-validation.pipe';

/** Administrators rebuild read models and do nothing else. */
@Controller('admin')
@UseGuards(AuthGuard, RolesGuard)
export class AdminController {
  constructor(
    @Inject(PROJECTION_RUNNERS) private readonly runners: Map<string, ProjectionRunner>,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Post('projections/:name/rebuild')
  @HttpCode(202)
  @Requires('rebuild-projections')
  @UseInterceptors(IdempotencyInterceptor)
  @Idempotent()
  @Documented({
    summary: 'Rebuild one read model from the event log',
    params: projectionParams,
    body: EmptyBody,
    optionalBody: true,
    response: { description: 'rebuild started', schema: Rebuild },
    errors: [400, 403, 404, 409],
  })
  rebuild(@CurrentPrincipal() p: Principal, @Param('name') name: string, @Body(valid(EmptyBody)) _body: unknown) {
    const runner = this.runners.get(name);
    if (!runner) throw new ProblemError(404, `no projection named ${name} (${Object.keys(readModelViews).join(', ')})`);
    const status = runner.status();
    if (status.state === 'rebuilding') throw new ProblemError(409, `projection ${name} is already being rebuilt`);
    if (!status.leader) throw new ProblemError(409, `this replica does not lead projection ${name}; ask again or wait for it to lead`);
    // The old table keeps serving while the new one fills; the swap is atomic.
    runner.rebuild().catch((e) => this.log.error({ err: e, projection: name }, 'rebuild failed'));
    return { projection: name, status: 'rebuilding', requestedBy: p.id };
  }
}
