import type { OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { EventStore } from '../../../event-store/types';
import { streamIdOf } from '../../../workflows/definitions';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { UUID } from '../cases/case-reader';

/** What an entry records: a read of a case's personal data, a look-up that found it, or a refused access. */
export type AccessKind = 'read' | 'lookup' | 'refused';

export interface AccessEntry {
  at: string;
  kind: AccessKind;
  actor: string;
  role: string;
  office: string;
  /** The route as declared, e.g. `GET /cases/:caseId/history` (never the URL: a query may hold identifiers). */
  route: string;
  status: number;
  correlationId: string;
}

/** The GET routes whose answer holds a case's personal data: every successful call is a read. */
const READS = new Set(['/cases/:caseId', '/cases/:caseId/history', '/cases/:caseId/state']);

/** A refusal the domain already put in the rejection audit (the two are kept apart: one place per refusal). */
const AUDITED = Symbol('casework:refusal-audited');
export const markRefusalAudited = (req: FastifyRequest) => void ((req as FastifyRequest & { [AUDITED]?: true })[AUDITED] = true);

/**
 * Who accessed which case, kept apart from the case stream in its own table (the case's facts and
 * versions stay untouched, and the log can be kept and purged on its own schedule): reads of personal
 * data, look-ups that found the case, and every access refused on a case that exists (403/404: who,
 * role, office, when, route, outcome). Refusals of an action by the domain stay in the rejection audit.
 * Writing it never fails or delays the caller's answer: it is written once the answer has gone.
 */
export class AccessLog implements OnModuleInit {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly store: EventStore,
    private readonly log: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sql.query(`CREATE TABLE IF NOT EXISTS api_access_log (
      id bigserial PRIMARY KEY, case_id text NOT NULL, at timestamptz NOT NULL DEFAULT now(), kind text NOT NULL,
      actor text NOT NULL, role text NOT NULL, office text NOT NULL, route text NOT NULL, status int NOT NULL,
      correlation_id text NOT NULL)`);
    await this.sql.query('CREATE INDEX IF NOT EXISTS api_access_log_case ON api_access_log (case_id, id)');
  }

  async record(caseId: string, kind: AccessKind, p: Principal, route: string, status: number, correlationId: string): Promise<void> {
    await this.sql.query(
      'INSERT INTO api_access_log (case_id, kind, actor, role, office, route, status, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [caseId, kind, p.id, p.role, p.office, route, status, correlationId],
    );
  }

  async entriesOf(caseId: string): Promise<AccessEntry[]> {
    const { rows } = await this.sql.query<{
      at: Date | string;
      kind: AccessKind;
      actor: string;
      role: string;
      office: string;
      route: string;
      status: number;
      correlation_id: string;
    }>('SELECT at, kind, actor, role, office, route, status, correlation_id FROM api_access_log WHERE case_id = $1 ORDER BY id', [caseId]);
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      actor: r.actor,
      role: r.role,
      office: r.office,
      route: r.route,
      status: r.status,
      correlationId: r.correlation_id,
    }));
  }

  /** Fastify's onResponse hook: what the answer to a case route says about who accessed the case. */
  async observe(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = (req as AuthenticatedRequest).principal;
    const caseId = (req.params as { caseId?: unknown } | undefined)?.caseId;
    const path = req.routeOptions.url;
    if (!principal || typeof caseId !== 'string' || !path) return;
    const status = reply.statusCode;
    const read = req.method === 'GET' && status === 200 && READS.has(path);
    const refused = (status === 403 || status === 404) && !(req as FastifyRequest & { [AUDITED]?: true })[AUDITED];
    if (!read && !refused) return;
    try {
      // A refusal is logged only for a case that exists: a probe of random ids has no case to file it under.
      if (refused && !(await this.exists(caseId))) return;
      await this.record(caseId, read ? 'read' : 'refused', principal, `${req.method} ${path}`, status, req.id);
    } catch (e) {
      this.log.warn({ err: { type: (e as Error)?.name }, correlationId: req.id }, 'access log entry not written');
    }
  }

  private async exists(caseId: string): Promise<boolean> {
    if (!UUID.test(caseId)) return false;
    return (await this.store.readStream(streamIdOf(caseId), { limit: 1 })).length > 0;
  }
}
