import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface HttpDrain {
  /**
   * Stops taking requests: from now on every new request, on a new or a kept-alive connection, is answered
   * 503 with `Connection: close`; resolves once the requests already in flight have been answered (or after
   * `timeoutMs`). The listener stays open meanwhile, so a client never meets a reset connection.
   */
  drain(timeoutMs: number): Promise<void>;
  /** Requests being handled right now (for logs). */
  inFlight(): number;
}

/** Retry-After of a refused request: about how long a restart or a rolling update takes. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Graceful stop of the HTTP side, hooked into the Fastify instance before it listens. Fastify's own close
 * also answers 503 while closing, but Node's `server.close()` drops idle keep-alive connections at once: a
 * client that sends on one at that moment gets a reset. Draining first, with `Connection: close` on every
 * answer, lets each client learn the server is going before its socket is closed.
 */
export function installHttpDrain(app: NestFastifyApplication): HttpDrain {
  const fastify = app.getHttpAdapter().getInstance();
  let draining = false;
  let inFlight = 0;
  let onIdle: (() => void) | undefined;

  fastify.addHook('onRequest', (req, reply, done) => {
    if (draining) {
      reply
        .code(503)
        .header('connection', 'close')
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'casework is shutting down and takes no new requests: retry shortly (with the same Idempotency-Key for a command).',
        });
      return;
    }
    inFlight += 1;
    // 'close' fires once per response, whether it was sent or the client went away.
    reply.raw.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
    done();
  });
  fastify.addHook('onSend', async (_req, reply) => {
    // Answers finishing during the drain close their connection, so the client opens no new request on it.
    if (draining) reply.header('connection', 'close');
  });

  return {
    inFlight: () => inFlight,
    async drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        onIdle = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
    },
  };
}
