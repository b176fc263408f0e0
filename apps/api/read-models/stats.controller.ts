import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import { READ_MODELS } from '../tokens';
import type { ReadModelServices } from './read-model-services';
import { provinceScope } from './scope';

const DIMENSIONS = { byType: 'type', byChannel: 'channel', byStatus: 'status', byCrossProvince: 'cross_province' } as const;

/** Counts for supervisors and SLA monitors, within their province (or nationwide with office 000000). */
@Controller('stats')
@UseGuards(AuthGuard)
export class StatsController {
  constructor(@Inject(READ_MODELS) private readonly rm: ReadModelServices) {}

  @Get()
  async stats(@CurrentPrincipal() p: Principal) {
    requireRole(p, ['supervisor', 'sla-monitor'], 'read statistics');
    const params: unknown[] = [];
    const scope = provinceScope(p, params);
    const table = this.rm.tableOf('stats');
    const result: Record<string, unknown> = {};
    let total = 0;
    for (const [key, column] of Object.entries(DIMENSIONS)) {
      const { rows } = await this.rm.readDb.query<{ k: string | boolean; n: string | number }>(
        `SELECT ${column} AS k, count(*) AS n FROM ${table} WHERE ${scope} GROUP BY ${column}`,
        params,
      );
      result[key] = Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
      total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    }
    return { total, ...result };
  }
}
