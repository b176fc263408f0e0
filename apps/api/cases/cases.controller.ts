import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedActions, caseTypeModule, openCaseSchema, toView, type CaseState, type Role } from '../../../domain';
import { verifyStream } from '../../../event-store/hash-chain';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import { ProblemError } from '../problem/problem';
import { CASE_SERVICES } from '../tokens';
import { masked, mayAudit, maySee } from './case-access';
import type { CaseServices } from './case-services';
import { UUID } from './case-reader';
import { answerOnce, idFromKey } from '../idempotency/idempotency';
import { newCommandIds } from './case-commands';
import { randomUUID } from 'node:crypto';
import { parseListQuery } from './list-query';
import { mayWatch } from '../read-models/scope';

/** Roles that may ever read a case, act on one, or audit one; anyone else is refused (403) whatever the case. */
const READERS: Role[] = ['caseworker', 'supervisor', 'sla-monitor', 'applicant'];
const ACTORS: Role[] = ['caseworker', 'supervisor', 'applicant'];
const AUDITORS: Role[] = ['supervisor', 'caseworker'];
/** Stream versions are PostgreSQL integers. */
const MAX_VERSION = 2 ** 31 - 1;

/** The caseworker's and supervisor's view of cases: open, act, read, audit. */
@Controller('cases')
@UseGuards(AuthGuard)
export class CasesController {
  constructor(@Inject(CASE_SERVICES) private readonly cases: CaseServices) {}

  @Post()
  async open(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireRole(p, ['caseworker', 'applicant'], 'open cases');
    const located = (view: { caseId: string }) => void reply.header('location', `/cases/${view.caseId}`);
    const request = { subject: p.id, rawKey, route: 'POST /cases', body };
    return answerOnce(this.cases.idempotency, request, reply, 201, async (key) => {
      const parsed = openCaseSchema.safeParse(body);
      if (!parsed.success) throw invalidBody(parsed.error.issues);
      const caseId = key ? idFromKey(p.id, key) : randomUUID();
      const state = await this.cases.commands.open(caseId, parsed.data, p, newCommandIds(req.id, key));
      const view = this.view(state, p);
      located(view);
      return view;
    }, located);
  }

  @Get()
  async list(@CurrentPrincipal() p: Principal, @Query() query: Record<string, string>) {
    requireRole(p, READERS, 'list cases');
    const filter = parseListQuery(query);
    if (filter.office !== undefined && !mayList(p, filter.office)) throw new ProblemError(403, `the cases of office ${filter.office} are not yours to list`);
    const page = await this.cases.list(filter, p);
    return { items: page.items.map((s) => this.view(s, p)), nextCursor: page.nextCursor };
  }

  @Get(':caseId')
  async get(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    requireRole(p, READERS, 'read cases');
    return this.view(await this.visible(caseId, p), p);
  }

  @Post(':caseId/actions/:action')
  @HttpCode(200)
  async act(
    @CurrentPrincipal() p: Principal,
    @Param('caseId') caseId: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireRole(p, ACTORS, 'act on cases');
    const request = { subject: p.id, rawKey, route: `POST /cases/${caseId}/actions/${action}`, body };
    return answerOnce(this.cases.idempotency, request, reply, 200, async (key) => {
      await this.visible(caseId, p);
      const state = await this.cases.audit.recording(caseId, action, p, req.id, () =>
        this.cases.commands.act(caseId, action, body ?? {}, p, newCommandIds(req.id, key)),
      );
      return this.view(state, p);
    });
  }

  @Get(':caseId/history')
  async history(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    const events = await this.auditable(caseId, p);
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
      rejections: (await this.cases.audit.rejections(caseId)).map((e) => ({ ...(e.data as object), metadata: e.metadata })),
    };
  }

  @Get(':caseId/state')
  async asOf(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string, @Query() q: Record<string, string>) {
    await this.auditable(caseId, p);
    const unknown = Object.keys(q).filter((k) => k !== 'version' && k !== 'at');
    if (unknown.length) throw new ProblemError(400, `unknown query parameter(s): ${unknown.join(', ')}`);
    if ((q.version === undefined) === (q.at === undefined)) throw new ProblemError(400, 'give exactly one of ?version=N or ?at=ISO-instant');
    const version = q.version !== undefined ? Number(q.version) : undefined;
    if (version !== undefined && !(Number.isInteger(version) && version >= 1 && version <= MAX_VERSION)) throw new ProblemError(400, 'version must be a positive integer');
    // Years 1-9999: what ISO-8601 without extensions, and the store's timestamps, can hold.
    const at = q.at !== undefined ? new Date(typeof q.at === 'string' ? q.at : NaN) : undefined;
    if (at && !(at.getUTCFullYear() >= 1 && at.getUTCFullYear() <= 9999)) throw new ProblemError(400, 'at must be an ISO-8601 instant');
    const state = await this.cases.reader.load(caseId, { toVersion: version, until: at?.toISOString() }).catch((e) => {
      if (e instanceof ProblemError && e.status === 404) throw new ProblemError(404, 'the case did not exist yet at that point');
      throw e;
    });
    if (version !== undefined && state.version < version) throw new ProblemError(404, `the case has no version ${version} yet`);
    return this.view(state, p);
  }

  @Get(':caseId/integrity')
  async integrity(@CurrentPrincipal() p: Principal, @Param('caseId') caseId: string) {
    requireRole(p, ['supervisor'], 'check the integrity of a case');
    const state = await this.visible(caseId, p);
    const events = await this.cases.reader.events(caseId);
    const chain = verifyStream(events);
    const recorded = await this.cases.appendedByWorkflow(state.caseId);
    const storeIds = events.map((e) => e.id);
    const agrees = recorded === null || (recorded.length === storeIds.length && recorded.every((id, i) => id === storeIds[i]));
    return {
      ok: chain.ok && agrees,
      checkedEvents: chain.checkedEvents,
      ...(chain.ok ? {} : { firstBrokenVersion: chain.firstBrokenVersion }),
      workflowRecord: recorded === null ? 'unavailable (workflow history no longer retained)' : agrees ? 'agrees' : 'differs',
    };
  }

  private async visible(caseId: string, p: Principal): Promise<CaseState> {
    if (!UUID.test(caseId)) throw new ProblemError(404, 'no such case');
    const state = await this.cases.reader.load(caseId);
    if (!maySee(p, state)) throw new ProblemError(404, 'no such case');
    return state;
  }

  private async auditable(caseId: string, p: Principal) {
    requireRole(p, AUDITORS, 'read the history of cases');
    const state = await this.visible(caseId, p);
    if (!mayAudit(p, state)) throw new ProblemError(403, 'only supervisors and caseworkers of an involved office may read the history');
    return this.cases.reader.events(caseId);
  }

  private view(state: CaseState, p: Principal) {
    return masked(toView(state, allowedActions(caseTypeModule(state.type), state, p)), p);
  }
}

/** The office filter of a list stays within what the caller may list: their own office, or their province. */
const mayList = (p: Principal, office: string) => (p.role === 'caseworker' ? p.office === office : p.role === 'applicant' || mayWatch(p, office));

function invalidBody(issues: { path: PropertyKey[]; message: string }[]) {
  return new ProblemError(400, 'the request body is not valid', {
    errors: issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })),
  });
}
