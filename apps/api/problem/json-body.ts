import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem';

/**
 * Fastify's own JSON parser (size limit, `__proto__` and `constructor.prototype` refused), with its errors turned
 * into problems here. Left to Nest, a syntax error would reach the caller in JSON.parse's own words, and V8's quote
 * the body around the error: a name or an ID number, back in the answer (and in whatever logs the answer).
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) =>
    parse(req, body as string, (error, value) => done(error ? jsonBodyProblem(error) : null, value)),
  );
}

/** V8's reasons that name a place, never the text (e.g. "Expected ',' or '}' after property value"). */
const PLACE_ONLY = /^([A-Z][A-Za-z ,:'{}[\]-]*) in JSON at position (\d+)/;

/** What a person can act on, from a JSON parse error, without a character of the body in it. */
export function jsonBodyProblem(error: Error & { code?: string }): ProblemError {
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new ProblemError(400, 'the request body is empty: send a JSON document');
  if (/forbidden prototype/.test(error.message)) {
    return new ProblemError(400, 'the request body holds a key that is not allowed (__proto__ or constructor.prototype)');
  }
  return new ProblemError(400, `the request body is not valid JSON: ${reasonOf(error.message)}`);
}

function reasonOf(message: string): string {
  const place = PLACE_ONLY.exec(message);
  if (place && !/token/i.test(place[1])) return `${place[1].charAt(0).toLowerCase()}${place[1].slice(1)} at position ${place[2]}`;
  if (message.startsWith('Unexpected end of JSON input')) return 'it ends too early';
  if (message.startsWith('Unexpected token')) return 'unexpected character';
  return 'not parsed';
}
