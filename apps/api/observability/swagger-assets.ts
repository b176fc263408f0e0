import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

/** Serves the two Swagger UI files the /docs page needs from the installed swagger-ui-dist package. */
export function registerSwaggerAssets(fastify: FastifyInstance): void {
  const dir = require('swagger-ui-dist').getAbsoluteFSPath() as string;
  for (const [file, type] of Object.entries(ASSETS)) {
    const body = readFileSync(join(dir, file));
    fastify.get(`/docs/${file}`, (_req, reply) => void reply.header('content-type', type).send(body));
  }
}
