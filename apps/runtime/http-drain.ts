import { Server as NetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { problem } from '../api/problem/problem';

export interface HttpDrain {
  /**
   * Stops taking requests: a new request, on a kept-alive or a new connection, is answered 503 with
   * `Connection: close`; resolves once the requests already in flight have been answered and the clients have
   * gone quiet (or after `timeoutMs`), and then closes the listener, so that later connections are refused.
   * Open connections are not cut meanwhile.
   */
  drain(timeoutMs: number): Promise<void>;
  /** Requests being handled right now (for logs). */
  inFlight(): number;
}

/** Retry-After of a refused request: about how long a restart or a rolling update takes. */
const RETRY_AFTER_SECONDS = 5;
/**
 * The drain ends once nothing is in flight and nothing has happened on the HTTP side for this long (no
 * connection taken, no request come, no answer sent): by then the clients that were mid-conversation have sent
 * their next request, had their 503 and gone, so closing the listener cuts off nobody who is about to send.
 * Counted from the last answer too: a client told `Connection: close` comes back on a new connection.
 */
const QUIET_MS = 500;

/**
 * Graceful stop of the HTTP side, hooked into the Fastify instance before it listens. Fastify's own close
 * also answers 503 while closing, but Node's `server.close()` drops idle keep-alive connections at once: a
 * client that sends on one at that moment gets a reset. Draining first, with `Connection: close` on every
 * answer, lets each client learn the server is going before its socket is closed. (A refused connection
 * is safe to retry elsewhere: the request never reached this process.)
 */
export function installHttpDrain(fastify: FastifyInstance): HttpDrain {
  let draining = false;
  let inFlight = 0;
  let lastActivityAt = 0;
  const touch = () => void (lastActivityAt = Date.now());
  // A connection the kernel handed over but whose request Node has not parsed yet is a client about to send.
  fastify.server.on('connection', touch);

  // Requests that arrive while draining. They are refused only once their body has been read: closing a
  // socket with unread bytes in it makes the kernel answer with a reset, and the client never sees the 503.
  const refused = new WeakSet<object>();

  fastify.addHook('onRequest', (req, reply, done) => {
    if (draining) refused.add(req.raw);
    inFlight += 1;
    touch();
    // 'close' fires once per response, whether it was sent or the client went away.
    reply.raw.once('close', () => {
      inFlight -= 1;
      touch();
    });
    done();
  });
  fastify.addHook('preHandler', (req, reply, done) => {
    if (!refused.has(req.raw)) return done();
    reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .type('application/problem+json')
      .send(problem(503, 'casework is shutting down and takes no new requests: retry shortly (with the same Idempotency-Key for a command)'));
  });
  fastify.addHook('onSend', async (_req, reply) => {
    // Answers finishing during the drain close their connection, so the client opens no new request on it.
    if (draining) reply.header('connection', 'close');
  });

  return {
    inFlight: () => inFlight,
    async drain(timeoutMs) {
      draining = true;
      const deadline = Date.now() + timeoutMs;
      const quiet = () => inFlight === 0 && Date.now() - lastActivityAt >= QUIET_MS;
      const afterPoll = () => new Promise((resolve) => setImmediate(resolve));
      const over = () => quiet() || Date.now() >= deadline;
      for (;;) {
        if (over()) {
          // Timers run before the event loop takes new connections: after a stall (a busy or starved process) a
          // connection may be waiting in the backlog although the clock says quiet, and under steady traffic one may
          // be there at the deadline. Take it first (it is answered 503), then look again.
          await afterPoll();
          if (over()) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // Only now stop listening. Closed at the start of the drain, the listener reset the connections waiting in
      // the kernel's accept backlog (a client whose last answer said `Connection: close` opens a new one at once),
      // and their requests got no answer at all; until here every new connection got the 503 above instead. Net's
      // close, not http.Server#close, which since Node 19 also drops idle keep-alive connections; Fastify's close
      // later tolerates the closed listener.
      NetServer.prototype.close.call(fastify.server);
    },
  };
}
