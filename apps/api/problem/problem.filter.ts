import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toProblem } from './to-problem';

/** Catches everything a route throws and answers application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(this.log, error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

export function sendProblem(log: Logger, error: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const { problem, unexpected } = toProblem(error);
  if (unexpected) log.error({ err: error, method: req.method, route: req.routeOptions?.url, correlationId: req.id }, 'unexpected error');
  else if (problem.status === 503)
    log.warn({ dependency: problem.dependency, method: req.method, route: req.routeOptions?.url, correlationId: req.id }, 'dependency unavailable');
  if (typeof problem.retryAfter === 'number') void reply.header('retry-after', String(problem.retryAfter));
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json')
    .send({ ...problem, instance: req.url });
}
