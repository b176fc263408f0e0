import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ModuleRef } from '@nestjs/core';
import {
  actionRefusal,
  allowedActions,
  caseTypeModule,
  checkLodger,
  checkNewOpening,
  parentLinkProblem,
  isClosed,
  toView,
  type CaseState,
  type CaseView as CaseViewData,
  type OpenCaseInput,
} from '../../../domain';
import { accessPolicy, lodgingRefusal, type VerifiedIdentity } from '../../../domain/access';
import { verifyStream } from '../../../event-store/hash-chain';
import type { CaseKey } from '../../../projections/cases/find-cases';
import { AuthGuard, CallerIdentity, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { idFromKey } from '../idempotency/idempotency';
import { Idempotent, IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { AccessLog } from '../access-log/access-log';
import {
  AccessLogPage,
  ActionBody,
  actionParams,
  asOfQuery,
  type AsOfQuery,
  CasePage,
  caseIdParams,
  CaseView,
  crossProvinceOf,
  History,
  Integrity,
  listQuery,
  Lookup,
  type LookupBody,
  OpenCase,
  type ListQuery,
} from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { CaseAccess, masked } from './case-access';
import { withRemainingWorkingDays } from './clock-view';
import { CaseCommands, newCommandIds } from './case-commands';
import { CaseQueries } from './case-queries';
import { CaseReader, UUID } from './case-reader';
import { RejectionAudit, RejectionAuditInterceptor } from './rejection-audit';

/** The one identifier given, as the read model's look-up takes it. */
function keyOf(q: { receipt?: string; document?: string; idNumber?: string; passportNo?: string }): CaseKey | undefined {
  if (q.receipt !== undefined) return { receipt: q.receipt };
  if (q.document !== undefined) return { document: q.document };
  if (q.idNumber !== undefined) return { idNumber: q.idNumber };
  if (q.passportNo !== undefined) return { passportNo: q.passportNo };
  return undefined;
}

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
    private readonly accessLogOf: AccessLog,
  ) {}

  @Post()
  @Requires('open-cases')
  @UseInterceptors(IdempotencyInterceptor)
  @Idempotent({ replayed: located, recheck: stillVisible })
  @Documented({
    summary: 'Open a case (caseworker: window; applicant: online)',
    body: OpenCase,
    response: { description: 'the case view', schema: CaseView, headers: { Location: { description: '/cases/{caseId}' } } },
    errors: [400, 403],
  })
  async open(
    @CurrentPrincipal() p: Principal,
    @CallerIdentity() identity: VerifiedIdentity,
    @Body(valid(OpenCase)) input: OpenCaseInput,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const module = caseTypeModule(input.type);
    const at = new Date().toISOString();
    // A key names the case: a retried opening lands on the same case even if the first answer was lost.
    const caseId = key ? idFromKey(p.id, key) : randomUUID();
    // Sent again under its key after the first attempt lodged the case (its answer lost, or the stored answer expired),
    // an opening is not judged again as new: it would be judged against what has happened since (the permit its filing
    // endorsed, the date) and refused though it was done. A case closed since is answered as it is (its run has ended,
    // and the opening sent on would start one that opens it again); an open one goes on to its run, which answers the
    // opening it holds, or, if the server lost the first attempt's start, takes the case from its stream.
    const earlier = key ? await this.access.visible(caseId, p).catch(() => null) : null;
    if (earlier && isClosed(earlier)) {
      const view = this.view(earlier, p);
      located(view, reply);
      return view;
    }
    let lodged = input;
    let parent: CaseState | null = null;
    try {
      // An applicant lodges for the person their token names (or as the type allows): checked before the
      // workflow asks any register about the applicant.
      if (p.role === 'applicant') {
        const refusal = lodgingRefusal(identity, input, at, module);
        if (refusal) throw new ProblemError(403, refusal);
      }
      // Rules for new cases only: the workflow's own opening decision must replay recorded openings as they were.
      lodged = checkNewOpening(module, input, at);
      // A linked case (domain/kernel/links.ts): its parent must exist, be of a type it links to, about the same person
      // and open. Read as the caller may see it: a case they may not see answers as one that does not exist. Who may
      // lodge here comes first (403, as for any opening), so the parent is read only for those who may lodge.
      if (lodged.parentCaseId) checkLodger(p, lodged);
      parent = lodged.parentCaseId ? await this.access.visible(lodged.parentCaseId, p).catch(() => null) : null;
      const linkProblem = parentLinkProblem(module, lodged, parent);
      if (linkProblem) throw new ProblemError(422, linkProblem);
    } catch (refused) {
      if (!earlier) throw refused;
    }
    const duplicates = await this.queries.possibleDuplicates(caseId, lodged);
    // The parent as read here: should it record more before the link reaches it, it tells the child what came after.
    const view = this.view(await this.commands.open(caseId, lodged, p, newCommandIds(req.id, p, key), duplicates, parent?.version), p);
    located(view, reply);
    return view;
  }

  @Get()
  @Requires('list-cases')
  @Documented({
    summary: "List cases in the caller's scope; or look one up by receipt, document, idNumber or passportNo (POST /cases/lookup keeps them out of URLs)",
    query: listQuery,
    response: { description: 'a page', schema: CasePage },
    errors: [400, 403],
  })
  async list(@CurrentPrincipal() p: Principal, @Query(valid(listQuery, 'query')) filter: ListQuery, @Req() req: FastifyRequest) {
    const { receipt, document, idNumber, passportNo, ...rest } = filter;
    const crossProvince = crossProvinceOf(filter);
    const key = keyOf({ receipt, document, idNumber, passportNo });
    if (key) return this.lookUp(p, key, { ...rest, crossProvince }, req);
    if (filter.office !== undefined && !accessPolicy.mayListOffice(p, filter.office))
      throw new ProblemError(403, `the cases of office ${filter.office} are not yours to list`);
    const page = await this.queries.list({ ...filter, crossProvince }, p);
    return { items: page.items.map((s) => this.view(s, p)), nextCursor: page.nextCursor };
  }

  @Post('lookup')
  @HttpCode(200)
  @Requires('look-up-cases')
  @Documented({
    summary: 'Find the cases in your scope that carry a receipt, document, ID or passport number (exact match; each find is in the access log)',
    body: Lookup,
    response: { description: 'the cases found, newest first (at most 50)', schema: CasePage },
    errors: [400, 403],
  })
  lookup(@CurrentPrincipal() p: Principal, @Body(valid(Lookup)) body: LookupBody, @Req() req: FastifyRequest) {
    return this.lookUp(p, keyOf(body)!, {}, req);
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
    // The payload is the workflow's to validate: it knows the case's type, and with it the action's schema. Whether the
    // caller may see the case too: a running case checks it on the case as it is, so it is not read here first.
    if (!UUID.test(caseId)) throw new ProblemError(404, 'no such case');
    const state = await this.commands.act(caseId, action, body ?? {}, p, newCommandIds(req.id, p, key), async () => {
      // Its run has ended (or is restoring the case): read from the stream, as the caller may see it.
      const current = await this.access.visible(caseId, p);
      // A closed case's workflow has ended: a command it would refuse is answered here, without starting a run for it.
      if (isClosed(current)) {
        const refusal = actionRefusal(caseTypeModule(current.type), current, action, body ?? {}, p);
        if (refusal) throw refusal;
      }
    });
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

  @Get(':caseId/access-log')
  @Requires('read-access-log')
  @Documented({
    summary: 'Who read the case, found it by a look-up, or was refused it (oldest first)',
    params: caseIdParams,
    response: { description: 'the access log', schema: AccessLogPage },
    errors: [403, 404],
  })
  async accessLog(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    await this.access.visible(caseId, p);
    return { caseId, entries: await this.accessLogOf.entriesOf(caseId) };
  }

  /** An exact look-up within the caller's scope, in the access log: an entry per case found, or one saying it found none. */
  private async lookUp(p: Principal, key: CaseKey, filter: { type?: string; status?: string; office?: string; crossProvince?: boolean }, req: FastifyRequest) {
    if (!accessPolicy.permits(p, 'look-up-cases')) throw new ProblemError(403, accessPolicy.refusal(p, 'look-up-cases'));
    const found = (await this.queries.find(key, p)).filter(
      (s) =>
        (!filter.type || s.type === filter.type) &&
        (!filter.status || s.status === filter.status) &&
        (!filter.office || s.handlingOffice === filter.office) &&
        (filter.crossProvince === undefined || (s.crossProvince ?? false) === filter.crossProvince),
    );
    const route = `${req.method} ${req.routeOptions.url}`;
    // Written before the answer: a look-up that left no trace must not hand anything out.
    await this.accessLogOf.recordLookup(
      p,
      key,
      found.map((s) => s.caseId),
      route,
      req.id,
    );
    return { items: found.map((s) => this.view(s, p)), nextCursor: null };
  }

  private view(state: CaseState, p: Principal) {
    return masked(
      withRemainingWorkingDays(toView(state, allowedActions(caseTypeModule(state.type), state, p), caseTypeModule(state.type)), state, Date.now()),
      p,
    );
  }
}
