import type { OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { CaseScope } from '../../../domain/access';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { CaseKey } from '../../../projections/cases/find-cases';
import type { EventStore } from '../../../event-store/types';
import { streamIdOf } from '../../../workflows/definitions';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { UUID } from '../cases/case-reader';
import { CODEC_PREFIX } from '../codec/codec-cors';
import type { LookupDigest, LookupDigester } from './lookup-digest';

/** What an entry records: a read of a case's personal data, a look-up, a refused access, or sealed Temporal payloads opened (the codec server). */
export type AccessKind = 'read' | 'lookup' | 'refused' | 'decode';

export interface AccessEntry {
  /** The case accessed; null for a look-up that found no case within the caller's scope. */
  caseId: string | null;
  at: string;
  kind: AccessKind;
  actor: string;
  role: string;
  office: string;
  /** The route as declared, e.g. `GET /cases/:caseId/history` (never the URL: a query may hold identifiers). */
  route: string;
  status: number;
  correlationId: string;
  /** A look-up's identifier: its kind and keyed hash (lookup-digest.ts), never the identifier itself. */
  key?: LookupDigest;
}

/** A page of the whole log, newest first. */
export interface AccessLogQuery {
  kind?: AccessKind;
  actor?: string;
  /** Only look-ups that found nothing. */
  notFound?: boolean;
  /** Entries older than this cursor (an entry id). */
  before?: number;
  limit: number;
}

type EntryRow = {
  id: string | number;
  case_id: string | null;
  at: Date | string;
  kind: AccessKind;
  actor: string;
  role: string;
  office: string;
  route: string;
  status: number;
  correlation_id: string;
  key_kind: LookupDigest['kind'] | null;
  key_digest: string | null;
};
const ENTRY_COLUMNS = 'id, case_id, at, kind, actor, role, office, route, status, correlation_id, key_kind, key_digest';

/** The GET routes whose answer holds a case's personal data: every successful call is a read. */
const READS = new Set(['/cases/:caseId', '/cases/:caseId/history', '/cases/:caseId/state']);

/** A refusal the domain already put in the rejection audit (the two are kept apart: one place per refusal). */
const AUDITED = Symbol('casework:refusal-audited');
export const markRefusalAudited = (req: FastifyRequest) => void ((req as FastifyRequest & { [AUDITED]?: true })[AUDITED] = true);

/**
 * Who accessed which case, kept apart from the case stream in its own table (the case's facts and
 * versions stay untouched, and the log can be kept and purged on its own schedule): reads of personal
 * data, look-ups (one entry per case found, or one without a case when none was found, the identifier
 * kept only as a keyed hash), and every access refused on a case that exists (403/404: who,
 * role, office, when, route, outcome). Refusals of an action by the domain stay in the rejection audit.
 * Writing it never fails or delays the caller's answer: it is written once the answer has gone.
 */
export class AccessLog implements OnModuleInit {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly store: EventStore,
    private readonly log: Logger,
    private readonly digestOf: LookupDigester,
  ) {}

  async onModuleInit(): Promise<void> {
    // case_id is null for a look-up that found nothing; key_kind and key_digest are a look-up's identifier, hashed.
    await this.sql.query(`CREATE TABLE IF NOT EXISTS api_access_log (
      id bigserial PRIMARY KEY, case_id text, at timestamptz NOT NULL DEFAULT now(), kind text NOT NULL,
      actor text NOT NULL, role text NOT NULL, office text NOT NULL, route text NOT NULL, status int NOT NULL,
      correlation_id text NOT NULL, key_kind text, key_digest text)`);
    await this.sql.query('CREATE INDEX IF NOT EXISTS api_access_log_case ON api_access_log (case_id, id)');
    // Supervisors read the entries of their province's staff, newest first.
    await this.sql.query('CREATE INDEX IF NOT EXISTS api_access_log_province ON api_access_log (left(office, 2), id)');
  }

  async record(caseId: string | null, kind: AccessKind, p: Principal, route: string, status: number, correlationId: string, key?: LookupDigest): Promise<void> {
    await this.sql.query(
      `INSERT INTO api_access_log (case_id, kind, actor, role, office, route, status, correlation_id, key_kind, key_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [caseId, kind, p.id, p.role, p.office, route, status, correlationId, key?.kind ?? null, key?.digest ?? null],
    );
  }

  /**
   * A look-up: one entry per case found, or one without a case when it found none (a search for a person
   * with no case here is as much an access to be accounted for as one that found them).
   */
  async recordLookup(p: Principal, key: CaseKey, caseIds: string[], route: string, correlationId: string): Promise<void> {
    const digest = this.digestOf(key);
    if (caseIds.length === 0) await this.record(null, 'lookup', p, route, 200, correlationId, digest);
    for (const caseId of caseIds) await this.record(caseId, 'lookup', p, route, 200, correlationId, digest);
  }

  async entriesOf(caseId: string): Promise<AccessEntry[]> {
    const { rows } = await this.sql.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM api_access_log WHERE case_id = $1 ORDER BY id`, [caseId]);
    return rows.map(toEntry);
  }

  /**
   * The entries of the staff within a scope (by the office of who accessed), newest first: what a supervisor
   * reads to see who searched for what and who was refused, across cases and look-ups that found nothing.
   */
  async entriesWithin(scope: CaseScope, q: AccessLogQuery): Promise<{ items: (AccessEntry & { id: number })[]; nextCursor: string | null }> {
    const params: unknown[] = [];
    const where: string[] = [];
    switch (scope.kind) {
      case 'all':
        break;
      case 'province':
        where.push(`left(office, 2) = $${params.push(scope.province)}`);
        break;
      case 'office':
        where.push(`office = $${params.push(scope.office)}`);
        break;
      case 'applicant':
        where.push(`actor = $${params.push(scope.applicantId)}`);
        break;
    }
    if (q.kind) where.push(`kind = $${params.push(q.kind)}`);
    if (q.actor) where.push(`actor = $${params.push(q.actor)}`);
    if (q.notFound) where.push(`kind = 'lookup' AND case_id IS NULL`);
    if (q.before !== undefined) where.push(`id < $${params.push(q.before)}`);
    const { rows } = await this.sql.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM api_access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${q.limit + 1}`,
      params,
    );
    const items = rows.slice(0, q.limit).map((r) => ({ id: Number(r.id), ...toEntry(r) }));
    return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1].id) : null };
  }

  /** Fastify's onResponse hook: what the answer to a case route says about who accessed the case. */
  async observe(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = (req as AuthenticatedRequest).principal;
    if (principal && req.routeOptions.url?.startsWith(CODEC_PREFIX)) return this.observeCodec(req, reply, principal);
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
      this.log.warn({ err: e, correlationId: req.id }, 'access log entry not written');
    }
  }

  /** Every call of the codec server that got past authentication: opened (200), or refused (4xx). */
  private async observeCodec(req: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    const kind = reply.statusCode === 200 ? 'decode' : reply.statusCode >= 400 && reply.statusCode < 500 ? 'refused' : undefined;
    if (!kind) return;
    try {
      await this.record(null, kind, principal, `${req.method} ${req.routeOptions.url}`, reply.statusCode, req.id);
    } catch (e) {
      this.log.warn({ err: e, correlationId: req.id }, 'access log entry not written');
    }
  }

  private async exists(caseId: string): Promise<boolean> {
    if (!UUID.test(caseId)) return false;
    return (await this.store.readStream(streamIdOf(caseId), { limit: 1 })).length > 0;
  }
}

const toEntry = (r: EntryRow): AccessEntry => ({
  caseId: r.case_id,
  at: new Date(r.at).toISOString(),
  kind: r.kind,
  actor: r.actor,
  role: r.role,
  office: r.office,
  route: r.route,
  status: r.status,
  correlationId: r.correlation_id,
  ...(r.key_kind && r.key_digest ? { key: { kind: r.key_kind, digest: r.key_digest } } : {}),
});
