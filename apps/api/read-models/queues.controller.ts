import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { allowedActions, caseTypeModule, toView } from '../../../domain';
import { accessPolicy } from '../../../domain/access';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { masked } from '../cases/case-access';
import { withRemainingWorkingDays } from '../cases/clock-view';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { crossProvinceOf, officeParams, Queue, queueQuery, type QueueQuery } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { ReadModelQueries } from './read-model-queries';

/** Work queues: what each office must act on, the nearest deadline first. */
@Controller('queues')
@UseGuards(AuthGuard, RolesGuard)
export class QueuesController {
  constructor(private readonly readModels: ReadModelQueries) {}

  @Get(':office')
  @Requires('read-queues')
  @Documented({
    summary: 'Cases waiting for an office to act, most urgent first',
    params: officeParams,
    query: queueQuery,
    response: { description: 'the queue', schema: Queue },
    errors: [400, 403],
  })
  async queue(
    @CurrentPrincipal() p: Principal,
    @Param(valid(officeParams, 'path')) { office }: { office: string },
    @Query(valid(queueQuery, 'query')) query: QueueQuery,
  ) {
    if (!accessPolicy.mayReadQueue(p, office)) throw new ProblemError(403, `the queue of office ${office} is not yours to read`);
    const cases = await this.readModels.queue(office, { crossProvince: crossProvinceOf(query) });
    const now = Date.now();
    return {
      office,
      items: cases.map((state) =>
        masked(withRemainingWorkingDays(toView(state, allowedActions(caseTypeModule(state.type), state, p), caseTypeModule(state.type)), state, now), p),
      ),
    };
  }
}
