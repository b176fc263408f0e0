import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ApiModule, type ApiDependencies } from './api.module';
import { ProblemFilter, sendProblem } from './problem/problem.filter';
import { ProblemError } from './problem/problem';
import { createMetrics } from './observability/metrics';
import { registerSwaggerAssets } from './observability/swagger-assets';

export const BODY_LIMIT = 64 * 1024;
/** Real bodies nest 3 or 4 levels; far deeper JSON is refused before anything walks it recursively (hashing, Temporal payloads). */
export const BODY_DEPTH_LIMIT = 32;
const CORRELATION = /^[\w.:-]{1,128}$/;

/** Builds the Nest application on Fastify with problem+json errors and correlation ids. */
export async function createApiApp(deps: Omit<ApiDependencies, 'metrics' | 'log'>, log: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // The caller's correlation id is kept (when sane) so one action can be traced from HTTP into events.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION.test(given) ? given : randomUUID();
    },
    // Errors the router raises before any route or error handler (a malformed URL) are problems too.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => sendProblem(log, error, req, reply),
  });
  const metrics = createMetrics(deps.readModels);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register({ ...deps, metrics, log }), adapter, { logger: ['error', 'warn'] });
  app.useGlobalFilters(new ProblemFilter(log));
  const fastify = app.getHttpAdapter().getInstance();
  // JSON everywhere: a text/plain body is a 415, not a string for the routes to misread as a wrong type.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('preValidation', async (req) => {
    if (nestedDeeperThan(req.body, BODY_DEPTH_LIMIT)) throw new ProblemError(400, `the request body nests deeper than ${BODY_DEPTH_LIMIT} levels`);
  });
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-correlation-id', req.id);
  });
  fastify.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000, (req.params as { action?: string })?.action);
    log.info({ correlationId: req.id, method: req.method, route: req.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  registerSwaggerAssets(fastify);
  // No app.enableShutdownHooks(): apps/runtime/main-process.ts owns SIGINT/SIGTERM and closes the app in order.
  return app;
}

/** Whether a parsed JSON value nests arrays/objects deeper than `limit` (iterative: safe on any depth). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
