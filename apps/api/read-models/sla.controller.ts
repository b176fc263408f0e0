import { Controller, Get, Headers, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CASE_TYPES, cnCalendar, OFFICE_PATTERN, SLA_EVENT_TYPES, slaView, type CaseState } from '../../../domain';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import { ProblemError } from '../problem/problem';
import { READ_MODELS } from '../tokens';
import type { ReadModelServices } from './read-model-services';
import { mayWatch, provinceScope } from './scope';
import { maskName } from '../cases/case-access';

/** The SLA monitor's board and live alerts. */
@Controller('sla')
@UseGuards(AuthGuard)
export class SlaController {
  constructor(@Inject(READ_MODELS) private readonly rm: ReadModelServices) {}

  @Get('board')
  async board(@CurrentPrincipal() p: Principal, @Query() q: Record<string, string>) {
    requireRole(p, ['sla-monitor', 'supervisor'], 'read the SLA board');
    const unknown = Object.keys(q).filter((k) => k !== 'office' && k !== 'type');
    if (unknown.length) throw new ProblemError(400, `unknown query parameter(s): ${unknown.join(', ')}`);
    if (q.office !== undefined && !OFFICE_PATTERN.test(q.office)) throw new ProblemError(400, 'office must be a 6-digit division code');
    if (q.type !== undefined && !(CASE_TYPES as readonly string[]).includes(q.type)) throw new ProblemError(400, `type must be one of ${CASE_TYPES.join(', ')}`);
    if (q.office !== undefined && !mayWatch(p, q.office)) throw new ProblemError(403, `office ${q.office} is outside your province`);

    const params: unknown[] = [];
    const where = ['open', provinceScope(p, params)];
    if (q.office) where.push(`$${params.push(q.office)} = ANY(offices)`);
    if (q.type) where.push(`type = $${params.push(q.type)}`);
    const { rows } = await this.rm.readDb.query<{ state: CaseState }>(
      `SELECT state FROM ${this.rm.tableOf('sla')} WHERE ${where.join(' AND ')} LIMIT 5000`,
      params,
    );
    const now = Date.now();
    const items = rows.flatMap(({ state }) =>
      Object.values(state.clocks)
        .filter((c) => c.state !== 'stopped')
        .map((c) => ({
          caseId: state.caseId,
          type: state.type,
          office: state.handlingOffice,
          applicant: maskName(state.applicant.name),
          ...slaView(cnCalendar, c, now),
        })),
    );
    items.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
    const totals = { 'on-track': 0, 'at-risk': 0, breached: 0, paused: 0 } as Record<string, number>;
    for (const i of items) totals[i.state] = (totals[i.state] ?? 0) + 1;
    return { items, totals };
  }

  /** Server-Sent Events: one message per SLA event in the caller's scope, from now on (or after Last-Event-ID). */
  @Get('alerts')
  async alerts(@CurrentPrincipal() p: Principal, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply) {
    requireRole(p, ['sla-monitor', 'supervisor'], 'watch SLA alerts');
    if (lastEventId !== undefined) {
      // Only an id this stream sent can be resumed from; anything else would fail the subscription on every poll.
      await this.rm.store.readAll({ after: lastEventId, limit: 1, types: [...SLA_EVENT_TYPES] }).catch(() => {
        throw new ProblemError(400, 'Last-Event-ID is not an id this stream sent');
      });
    }
    const after = lastEventId ?? this.rm.runners.get('sla')!.status().checkpoint;
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(': connected\n\n');
    const subscription = this.rm.store.subscribe({
      after,
      types: [...SLA_EVENT_TYPES],
      onEvents: async (events) => {
        for (const e of events) {
          if (!mayWatch(p, String(e.metadata.office))) continue;
          const message = { caseId: e.streamId.replace(/^case-/, ''), type: e.type, ...(e.data as object), office: e.metadata.office, at: e.metadata.at };
          reply.raw.write(`id: ${e.checkpoint}\nevent: ${e.type}\ndata: ${JSON.stringify(message)}\n\n`);
        }
      },
    });
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
    reply.raw.on('close', () => {
      clearInterval(keepAlive);
      void subscription.stop();
    });
  }
}
