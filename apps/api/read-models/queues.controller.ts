import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { caseTypeModule, allowedActions, OFFICE_PATTERN, toView, type CaseState } from '../../../domain';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import { ProblemError } from '../problem/problem';
import { READ_MODELS } from '../tokens';
import type { ReadModelServices } from './read-model-services';
import { mayWatch } from './scope';

/** Work queues: what each office must act on, the nearest deadline first. */
@Controller('queues')
@UseGuards(AuthGuard)
export class QueuesController {
  constructor(@Inject(READ_MODELS) private readonly rm: ReadModelServices) {}

  @Get(':office')
  async queue(@CurrentPrincipal() p: Principal, @Param('office') office: string) {
    requireRole(p, ['caseworker', 'supervisor'], 'read work queues');
    if (!OFFICE_PATTERN.test(office)) throw new ProblemError(400, 'office must be a 6-digit division code');
    const allowed = p.role === 'caseworker' ? p.office === office : mayWatch(p, office);
    if (!allowed) throw new ProblemError(403, `the queue of office ${office} is not yours to read`);
    const { rows } = await this.rm.readDb.query<{ state: CaseState }>(
      `SELECT state FROM ${this.rm.tableOf('queues')} WHERE waiting_office = $1
       ORDER BY next_deadline ASC NULLS LAST, opened_at ASC LIMIT 500`,
      [office],
    );
    return {
      office,
      items: rows.map(({ state }) => toView(state, allowedActions(caseTypeModule(state.type), state, p))),
    };
  }
}
