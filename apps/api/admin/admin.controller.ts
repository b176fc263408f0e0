import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import { answerOnce, type IdempotencyStore } from '../idempotency/idempotency';
import { ProblemError } from '../problem/problem';
import type { ReadModelServices } from '../read-models/read-model-services';
import { IDEMPOTENCY, LOGGER, READ_MODELS } from '../tokens';

/** Administrators rebuild read models and do nothing else. */
@Controller('admin')
@UseGuards(AuthGuard)
export class AdminController {
  constructor(
    @Inject(READ_MODELS) private readonly rm: ReadModelServices,
    @Inject(IDEMPOTENCY) private readonly idempotency: IdempotencyStore,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Post('projections/:name/rebuild')
  @HttpCode(202)
  async rebuild(
    @CurrentPrincipal() p: Principal,
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireRole(p, ['admin'], 'rebuild projections');
    if (body != null && (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)) {
      throw new ProblemError(400, 'a rebuild takes no body (or an empty object)');
    }
    const request = { subject: p.id, rawKey, route: `POST /admin/projections/${name}/rebuild`, body: {} };
    return answerOnce(this.idempotency, request, reply, 202, async () => {
      const runner = this.rm.runners.get(name);
      if (!runner) throw new ProblemError(404, `no projection named ${name} (cases, queues, sla, stats)`);
      const status = runner.status();
      if (status.state === 'rebuilding') throw new ProblemError(409, `projection ${name} is already being rebuilt`);
      if (!status.leader) throw new ProblemError(409, `this replica does not lead projection ${name}; ask again or wait for it to lead`);
      // The old table keeps serving while the new one fills; the swap is atomic.
      runner.rebuild().catch((e) => this.log.error({ err: e, projection: name }, 'rebuild failed'));
      return { projection: name, status: 'rebuilding', requestedBy: p.id };
    });
  }
}
