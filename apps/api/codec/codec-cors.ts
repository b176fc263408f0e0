import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../problem/problem.filter';
import { ProblemError } from '../problem/problem';
import type { Logger } from 'pino';

/** The codec server's routes: the only ones a browser page of another origin (the Temporal UI) may call. */
export const CODEC_PREFIX = '/codec/';

/**
 * CORS for the codec server only, with an exact list of origins (the Temporal UI's). Hand-written rather than
 * @fastify/cors: that plugin applies to a whole Fastify context, and every other route here must stay
 * same-origin. A preflight is answered before authentication (browsers send it without the token); an
 * origin not on the list gets no CORS headers and a 403.
 */
export function installCodecCors(fastify: FastifyInstance, origins: readonly string[], log: Logger): void {
  const allowed = new Set(origins);
  fastify.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith(CODEC_PREFIX)) return;
    const origin = req.headers.origin;
    if (origin === undefined) return; // not a browser's cross-origin call (curl, a same-origin page)
    if (!allowed.has(origin)) {
      sendProblem(log, new ProblemError(403, `origin ${origin.slice(0, 200)} may not call the codec server: it is not in CODEC_CORS_ORIGINS`), req, reply);
      return reply;
    }
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'POST');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-namespace');
      reply.header('access-control-max-age', '600');
      await reply.code(204).send();
      return reply;
    }
  });
}
