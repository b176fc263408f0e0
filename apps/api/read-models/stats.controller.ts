import { Controller, Get, UseGuards } from '@nestjs/common';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { Documented } from '../openapi/documented';
import { Stats } from '../schemas';
import { ReadModelQueries } from './read-model-queries';

/** Counts for supervisors and SLA monitors, within their province (or nationwide with office 000000). */
@Controller('stats')
@UseGuards(AuthGuard, RolesGuard)
export class StatsController {
  constructor(private readonly readModels: ReadModelQueries) {}

  @Get()
  @Requires('read-stats')
  @Documented({ summary: 'Counts by type, channel, status and cross-province', response: { description: 'counts', schema: Stats }, errors: [403] })
  stats(@CurrentPrincipal() p: Principal) {
    return this.readModels.counts(p);
  }
}
