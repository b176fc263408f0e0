import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Documented } from '../openapi/documented';
import { problem } from '../problem/problem';
import { Health, Liveness } from '../schemas';
import { HEALTH_CHECKS } from '../tokens';

/** Each dependency the API needs to take commands, checked on every call. */
export type HealthChecks = Record<string, () => Promise<void>>;

@Controller()
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthChecks) {}

  /**
   * Liveness, for a supervisor that restarts dead processes: an answer proves the process runs and its event
   * loop turns. It checks no dependency on purpose: a database or Temporal outage is not cured by
   * restarting the API, and restarts would only add to it.
   */
  @Get('health/live')
  @Documented({ summary: 'Liveness', public: true, response: { description: 'the process runs', schema: Liveness }, errors: [] })
  live() {
    return { status: 'up' as const };
  }

  /**
   * Readiness, for a load balancer: 200 once commands can be taken (the event store, Temporal, the
   * projections, and a worker of the task queue that beat within the last seconds); 503 naming what is not.
   */
  @Get('health')
  @Documented({ summary: 'Readiness', public: true, response: { description: 'ready', schema: Health }, errors: [503] })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const results = await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'up'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const components = Object.fromEntries(results);
    const down = results.filter(([, s]) => s === 'down').map(([n]) => n);
    if (down.length === 0) return { status: 'up', components };
    reply.status(503).header('content-type', 'application/problem+json');
    return { ...problem(503, `not ready: ${down.join(', ')} unreachable`), components };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
