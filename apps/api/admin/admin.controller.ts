import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import { ProblemError } from '../problem/problem';
import type { ReadModelServices } from '../read-models/read-model-services';
import { LOGGER, READ_MODELS } from '../tokens';

/** Administrators rebuild read models and do nothing else. */
@Controller('admin')
@UseGuards(AuthGuard)
export class AdminController {
  constructor(
    @Inject(READ_MODELS) private readonly rm: ReadModelServices,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Post('projections/:name/rebuild')
  @HttpCode(202)
  async rebuild(@CurrentPrincipal() p: Principal, @Param('name') name: string) {
    requireRole(p, ['admin'], 'rebuild projections');
    const runner = this.rm.runners.get(name);
    if (!runner) throw new ProblemError(404, `no projection named ${name} (cases, queues, sla, stats)`);
    const status = runner.status();
    if (status.state === 'rebuilding') throw new ProblemError(409, `projection ${name} is already being rebuilt`);
    if (!status.leader) throw new ProblemError(409, `this replica does not lead projection ${name}; ask again or wait for it to lead`);
    // The old table keeps serving while the new one fills; the swap is atomic.
    runner.rebuild().catch((e) => this.log.error({ err: e, projection: name }, 'rebuild failed'));
    return { projection: name, status: 'rebuilding', requestedBy: p.id };
  }
}
