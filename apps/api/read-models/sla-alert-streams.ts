import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { accessPolicy } from '../../../domain/access';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../problem/problem';
import type { ReadModelQueries } from './read-model-queries';

const KEEP_ALIVE_MS = 15_000;
/** setTimeout's largest delay (about 24.8 days); a longer-lived token is cut there, which a client survives. */
const MAX_TIMEOUT_MS = 2_147_483_647;
/** What this stream sends as ids: the event store's checkpoints (two zero-padded 20-digit numbers). */
const EVENT_ID = /^\d{20}-\d{20}$/;

/**
 * The open `GET /sla/alerts` streams. They never end on their own, so the API ends them before its HTTP
 * server closes (a server waits for open connections): a client reconnects with Last-Event-ID and loses nothing.
 */
export class SlaAlertStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<() => Promise<void>>();
  /** Open streams per caller (token subject): each holds a connection and a subscription polling the store. */
  private readonly perCaller = new Map<string, number>();

  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly maxPerCaller: number,
  ) {}

  /**
   * Streams every SLA event in the caller's scope, from now on (or after Last-Event-ID), as Server-Sent
   * Events, until the caller's token expires: a stream must not outlive the authority that opened it.
   */
  async stream(p: Principal, lastEventId: string | undefined, expiresAt: number, reply: FastifyReply): Promise<void> {
    // An empty header (a client's first connection, sent anyway) means "from now on", never "from the start".
    const resumeAfter = lastEventId === undefined || lastEventId.trim() === '' ? undefined : lastEventId.trim();
    if (resumeAfter !== undefined && !EVENT_ID.test(resumeAfter)) {
      throw new ProblemError(400, 'Last-Event-ID is not an id this stream sent (two 20-digit numbers joined by "-"): send the last id received, or none');
    }
    this.refuseOverCap(p);
    const after = await this.readModels.slaStreamStart(resumeAfter);
    // Counted from here on: nothing below waits, so two connections cannot both pass the check above.
    this.refuseOverCap(p);
    this.perCaller.set(p.id, (this.perCaller.get(p.id) ?? 0) + 1);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    raw.write(': connected\n\n');
    const subscription = this.readModels.followSlaEvents(after, (events) => {
      for (const e of events) {
        if (!accessPolicy.mayWatch(p, String(e.metadata.office))) continue;
        const message = { caseId: e.streamId.replace(/^case-/, ''), type: e.type, ...(e.data as object), office: e.metadata.office, at: e.metadata.at };
        raw.write(`id: ${e.checkpoint}\nevent: ${e.type}\ndata: ${JSON.stringify(message)}\n\n`);
      }
    });
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    // The client sees the stream end and reconnects with a fresh token (and Last-Event-ID: nothing is lost).
    const expiry = setTimeout(
      () => {
        raw.write('event: token-expired\ndata: {"detail":"the token has expired: reconnect with a new one"}\n\n');
        void close();
      },
      Math.max(0, Math.min(expiresAt - Date.now(), MAX_TIMEOUT_MS)),
    );
    const close = async () => {
      if (!this.open.delete(close)) return;
      const left = (this.perCaller.get(p.id) ?? 1) - 1;
      if (left > 0) this.perCaller.set(p.id, left);
      else this.perCaller.delete(p.id);
      clearInterval(keepAlive);
      clearTimeout(expiry);
      await subscription.stop();
      raw.end();
    };
    this.open.add(close);
    raw.on('close', () => void close());
  }

  /** 429 once the caller has as many streams open as allowed (a client that leaks connections, or a loop). */
  private refuseOverCap(p: Principal): void {
    if ((this.perCaller.get(p.id) ?? 0) < this.maxPerCaller) return;
    throw new ProblemError(429, `at most ${this.maxPerCaller} alert streams may be open at once per caller: close one first`, { retryAfter: 5 });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((close) => close()));
  }
}
