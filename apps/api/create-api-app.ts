import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ApiModule, type ApiDependencies } from './api.module';
import { ProblemFilter, sendProblem } from './problem/problem.filter';

export const BODY_LIMIT = 64 * 1024;
const CORRELATION = /^[\w.:-]{1,128}$/;

/** Builds the Nest application on Fastify with problem+json errors and correlation ids. */
export async function createApiApp(deps: ApiDependencies, log: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // The caller's correlation id is kept (when sane) so one action can be traced from HTTP into events.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(deps), adapter, { logger: ['error', 'warn'] });
  app.useGlobalFilters(new ProblemFilter(log));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-correlation-id', req.id);
  });
  fastify.setErrorHandler((error, req, reply) => sendProblem(log, error, req, reply));
  app.enableShutdownHooks();
  return app;
}
