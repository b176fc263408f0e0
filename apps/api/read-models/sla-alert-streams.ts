import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { accessPolicy } from '../../../domain/access';
import type { Principal } from '../auth/principal';
import type { ReadModelQueries } from './read-model-queries';

const KEEP_ALIVE_MS = 15_000;
/** setTimeout's largest delay (about 24.8 days); a longer-lived token is cut there, which a client survives. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The open `GET /sla/alerts` streams. They never end on their own, so the API ends them before its HTTP
 * server closes (a server waits for open connections): a client reconnects with Last-Event-ID and loses nothing.
 */
export class SlaAlertStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<() => Promise<void>>();

  constructor(private readonly readModels: ReadModelQueries) {}

  /**
   * Streams every SLA event in the caller's scope, from now on (or after Last-Event-ID), as Server-Sent
   * Events, until the caller's token expires: a stream must not outlive the authority that opened it.
   */
  async stream(p: Principal, lastEventId: string | undefined, expiresAt: number, reply: FastifyReply): Promise<void> {
    // An empty header (a client's first connection, sent anyway) means "from now on", never "from the start".
    const resumeAfter = lastEventId === undefined || lastEventId.trim() === '' ? undefined : lastEventId;
    const after = await this.readModels.slaStreamStart(resumeAfter);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
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
      clearInterval(keepAlive);
      clearTimeout(expiry);
      await subscription.stop();
      raw.end();
    };
    this.open.add(close);
    raw.on('close', () => void close());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((close) => close()));
  }
}
