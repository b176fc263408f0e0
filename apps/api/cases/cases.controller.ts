import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ModuleRef } from '@nestjs/core';
import { allowedActions, caseTypeModule, toView, type CaseState, type CaseView as CaseViewData, type OpenCaseInput } from '../../../domain';
import { accessPolicy } from '../../../domain/access';
import { verifyStream } from '../../../event-store/hash-chain';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { idFromKey } from '../idempotency/idempotency';
import { Idempotent, IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import {
  ActionBody,
  actionParams,
  asOfQuery,
  type AsOfQuery,
  CasePage,
  caseIdParams,
  CaseView,
  History,
  Integrity,
  listQuery,
  OpenCase,
  type ListQuery,
} from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { CaseAccess, masked } from './case-access';
import { withRemainingWorkingDays } from './clock-view';
import { CaseCommands, newCommandIds } from './case-commands';
import { CaseQueries } from './case-queries';
import { CaseReader } from './case-reader';
import { RejectionAudit, RejectionAuditInterceptor } from './rejection-audit';

const located = (view: unknown, reply: FastifyReply) => void reply.header('location', `/cases/${(view as { caseId: string }).caseId}`);

/**
 * A replayed answer is a case view: handed out only if the caller may still see that case (404 otherwise,
 * as a read would say), and masked as the caller's role is now.
 */
const stillVisible = async (body: unknown, p: Principal, services: ModuleRef) => {
  const view = body as CaseViewData;
  await services.get(CaseAccess, { strict: false }).visible(view.caseId, p);
  return masked(view, p);
};

/** The caseworker's and supervisor's view of cases: open, act, read, audit. */
@Controller('cases')
@UseGuards(AuthGuard, RolesGuard)
export class CasesController {
  constructor(
    private readonly access: CaseAccess,
    private readonly reader: CaseReader,
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
    private readonly audit: RejectionAudit,
  ) {}

  @Post()
  @Requires('open-cases')
  @UseInterceptors(IdempotencyInterceptor)
  @Idempotent({ replayed: located, recheck: stillVisible })
  @Documented({
    summary: 'Open a case (caseworker: window/cross-province; applicant: online)',
    body: OpenCase,
    response: { description: 'the case view', schema: CaseView, headers: { Location: { description: '/cases/{caseId}' } } },
    errors: [400, 403],
  })
  async open(
    @CurrentPrincipal() p: Principal,
    @Body(valid(OpenCase)) input: OpenCaseInput,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // A key names the case: a retried opening lands on the same case even if the first answer was lost.
    const caseId = key ? idFromKey(p.id, key) : randomUUID();
    const view = this.view(await this.commands.open(caseId, input, p, newCommandIds(req.id, p, key)), p);
    located(view, reply);
    return view;
  }

  @Get()
  @Requires('list-cases')
  @Documented({ summary: "List cases in the caller's scope", query: listQuery, response: { description: 'a page', schema: CasePage }, errors: [400, 403] })
  async list(@CurrentPrincipal() p: Principal, @Query(valid(listQuery, 'query')) filter: ListQuery) {
    if (filter.office !== undefined && !accessPolicy.mayListOffice(p, filter.office))
      throw new ProblemError(403, `the cases of office ${filter.office} are not yours to list`);
    const page = await this.queries.list(filter, p);
    return { items: page.items.map((s) => this.view(s, p)), nextCursor: page.nextCursor };
  }

  @Get(':caseId')
  @Requires('read-cases')
  @Documented({ summary: 'One case', params: caseIdParams, response: { description: 'the case view', schema: CaseView }, errors: [403, 404] })
  async get(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    return this.view(await this.access.visible(caseId, p), p);
  }

  @Post(':caseId/actions/:action')
  @HttpCode(200)
  @Requires('act-on-cases')
  // Idempotency outside the audit: a replayed answer is not a new attempt, and a reused key is not a refused action.
  @UseInterceptors(IdempotencyInterceptor, RejectionAuditInterceptor)
  @Idempotent({ recheck: stillVisible })
  @Documented({
    summary: 'Apply an action',
    params: actionParams,
    body: ActionBody,
    optionalBody: true,
    response: { description: 'the case view after the action', schema: CaseView },
    errors: [400, 403, 404, 409],
  })
  async act(
    @CurrentPrincipal() p: Principal,
    @Param('caseId') caseId: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    // The payload is the workflow's to validate: it knows the case's type, and with it the action's schema.
    await this.access.visible(caseId, p);
    const state = await this.commands.act(caseId, action, body ?? {}, p, newCommandIds(req.id, p, key));
    return this.view(state, p);
  }

  @Get(':caseId/history')
  @Requires('audit-cases')
  @Documented({
    summary: 'The events of a case in version order',
    params: caseIdParams,
    response: { description: 'history', schema: History },
    errors: [403, 404],
  })
  async history(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    const events = await this.access.auditable(caseId, p);
    return {
      caseId,
      events: events.map((e) => ({
        position: Number(e.position),
        version: e.version,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt,
        hash: e.hash,
        prevHash: e.prevHash,
      })),
      // Actions the domain refused, kept outside the case stream (its facts and versions stay untouched).
      rejections: (await this.audit.rejections(caseId)).map((e) => ({ ...(e.data as object), metadata: e.metadata })),
    };
  }

  @Get(':caseId/state')
  @Requires('audit-cases')
  @Documented({
    summary: 'The case as it was after version N or at an instant, replayed from events',
    params: caseIdParams,
    query: asOfQuery,
    response: { description: 'the case view then', schema: CaseView },
    errors: [400, 403, 404],
  })
  async asOf(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string, @Query(valid(asOfQuery, 'query')) q: AsOfQuery) {
    await this.access.auditable(caseId, p);
    const until = q.at !== undefined ? new Date(q.at).toISOString() : undefined;
    const state = await this.reader.load(caseId, { toVersion: q.version, until }).catch((e) => {
      if (e instanceof ProblemError && e.status === 404) throw new ProblemError(404, 'the case did not exist yet at that point');
      throw e;
    });
    if (q.version !== undefined && state.version < q.version) throw new ProblemError(404, `the case has no version ${q.version} yet`);
    return this.view(state, p);
  }

  @Get(':caseId/integrity')
  @Requires('check-integrity')
  @Documented({
    summary: 'Hash chain recomputed and cross-checked with the workflow',
    params: caseIdParams,
    response: { description: 'result', schema: Integrity },
    errors: [403, 404],
  })
  async integrity(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    const state = await this.access.visible(caseId, p);
    const events = await this.reader.events(caseId);
    const chain = verifyStream(events);
    const recorded = await this.queries.appendedByWorkflow(state.caseId);
    const storeIds = events.map((e) => e.id);
    const agrees = recorded === null || (recorded.length === storeIds.length && recorded.every((id, i) => id === storeIds[i]));
    return {
      ok: chain.ok && agrees,
      checkedEvents: chain.checkedEvents,
      ...(chain.ok ? {} : { firstBrokenVersion: chain.firstBrokenVersion }),
      workflowRecord: recorded === null ? 'unavailable (workflow history no longer retained)' : agrees ? 'agrees' : 'differs',
    };
  }

  private view(state: CaseState, p: Principal) {
    return masked(withRemainingWorkingDays(toView(state, allowedActions(caseTypeModule(state.type), state, p)), state, Date.now()), p);
  }
}
