import { Controller, Inject, Get, Headers, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { caseTypeModule, clockOwner, slaView } from '../../../domain';
import { PublishedCalendars } from '../calendar/published-calendar';
import { accessPolicy } from '../../../domain/access';
import { AuthGuard, CurrentPrincipal, TokenExpiry } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { maskName } from '../cases/case-access';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { SlaBoard, slaBoardQuery, type SlaBoardQuery } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { ReadModelQueries } from './read-model-queries';
import { SlaAlertStreams } from './sla-alert-streams';

/** The SLA monitor's board and live alerts. */
@Controller('sla')
@UseGuards(AuthGuard, RolesGuard)
export class SlaController {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly streams: SlaAlertStreams,
    @Inject(PublishedCalendars) private readonly calendars: PublishedCalendars,
  ) {}

  @Get('board')
  @Requires('read-sla-board')
  @Documented({
    summary: 'Every running clock with its state, and totals',
    query: slaBoardQuery,
    response: { description: 'the board', schema: SlaBoard },
    errors: [400, 403],
  })
  async board(@CurrentPrincipal() p: Principal, @Query(valid(slaBoardQuery, 'query')) q: SlaBoardQuery) {
    if (q.office !== undefined && !accessPolicy.mayWatch(p, q.office)) throw new ProblemError(403, `office ${q.office} is outside your province`);
    const [cases, calendar] = await Promise.all([this.readModels.openCases(p, q), this.calendars.workingCalendar()]);
    const now = Date.now();
    const items = cases.flatMap((state) =>
      Object.values(state.clocks)
        .filter((c) => c.state !== 'stopped')
        .map((c) => ({
          caseId: state.caseId,
          type: state.type,
          office: clockOwner(caseTypeModule(state.type), state, c.clock),
          // A supervisor sees the masked name (张*); an SLA monitor watches clocks and sees none.
          applicant: accessPolicy.seesPersonalData(p) ? maskName(state.applicant.name) : '',
          ...slaView(calendar, c, now),
        })),
    );
    items.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
    const totals = { 'on-track': 0, 'at-risk': 0, breached: 0, paused: 0 } as Record<string, number>;
    for (const i of items) totals[i.state] = (totals[i.state] ?? 0) + 1;
    return { items, totals };
  }

  /** Server-Sent Events: one message per SLA event in the caller's scope, from now on (or after Last-Event-ID). */
  @Get('alerts')
  @Requires('watch-sla-alerts')
  @Documented({
    summary: 'Server-Sent Events: one message per SLA event',
    headers: [{ name: 'Last-Event-ID', description: 'resume after this event (an id the stream sent); empty is the same as absent' }],
    response: { description: 'event stream', media: 'text/event-stream' },
    errors: [400, 403],
  })
  alerts(
    @CurrentPrincipal() p: Principal,
    @TokenExpiry() expiresAt: number,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.streams.stream(p, lastEventId, expiresAt, reply);
  }
}
