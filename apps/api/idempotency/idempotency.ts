import { canonicalJson, sha256Hex } from '../../../event-store/hash-chain';
import type { OnModuleInit } from '@nestjs/common';
import { ProblemError } from '../problem/problem';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';

export interface StoredResponse {
  status: number;
  body: unknown;
}

const KEY = /^[\x21-\x7e]{1,128}$/;

export function checkKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY.test(key)) throw new ProblemError(400, 'Idempotency-Key must be 1-128 printable ASCII characters');
  return key;
}

/** Canonical JSON (sorted keys), so the same body written differently is still the same request. */
export const requestHash = (route: string, body: unknown) => sha256Hex(route + '\n' + canonicalJson(body ?? null));

/** A stable id derived from a caller's key: a retried opening lands on the same case. */
export function idFromKey(subject: string, key: string): string {
  const h = sha256Hex(`${subject}\n${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Remembers the first answer to each (caller, key) for `ttlMs`; the same key with another body is refused
 * (422). Stored answers hold personal data, so they are forgotten once a retry can no longer be meant
 * (24 h unless IDEMPOTENCY_TTL_HOURS says otherwise): an expired key is a new request.
 */
export class IdempotencyStore implements OnModuleInit {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly ttlMs = 24 * 3_600_000,
  ) {}

  private get ttlSeconds(): number {
    return this.ttlMs / 1000;
  }

  /** The table is the API's own: it is created when the API starts, before the first request. */
  async onModuleInit(): Promise<void> {
    await this.sql.query(`CREATE TABLE IF NOT EXISTS api_idempotency (
      subject text NOT NULL, key text NOT NULL, request_hash text NOT NULL,
      status int NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subject, key))`);
    await this.sql.query('CREATE INDEX IF NOT EXISTS api_idempotency_created_at ON api_idempotency (created_at)');
  }

  async find(subject: string, key: string, hash: string): Promise<StoredResponse | null> {
    const { rows } = await this.sql.query<{ request_hash: string; status: number; body: unknown }>(
      `SELECT request_hash, status, body FROM api_idempotency
       WHERE subject = $1 AND key = $2 AND created_at > now() - make_interval(secs => $3::double precision)`,
      [subject, key, this.ttlSeconds],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== hash) {
      throw new ProblemError(422, 'this Idempotency-Key was already used with a different request');
    }
    return { status: rows[0].status, body: rows[0].body };
  }

  async remember(subject: string, key: string, hash: string, response: StoredResponse): Promise<void> {
    // Each answer stored purges the expired ones, so nothing lingers past its time without a sweeper: in the same
    // statement (one round trip per command). Its own key is left to the insert, which takes over an expired row
    // (a statement may not change one row twice).
    await this.sql.query(
      `WITH purged AS (
         DELETE FROM api_idempotency
         WHERE created_at <= now() - make_interval(secs => $6::double precision) AND NOT (subject = $1 AND key = $2)
       )
       INSERT INTO api_idempotency (subject, key, request_hash, status, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (subject, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status,
         body = EXCLUDED.body, created_at = now()
       WHERE api_idempotency.created_at <= now() - make_interval(secs => $6::double precision)`,
      [subject, key, hash, response.status, JSON.stringify(response.body), this.ttlSeconds],
    );
  }
}
