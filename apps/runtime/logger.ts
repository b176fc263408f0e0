import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * How an error is logged wherever it is logged (`log.x({ err })`): its kind, code and where it was thrown. Never its
 * message or its other fields: a driver quotes the value it could not store (PostgreSQL's `detail`: "Key
 * (applicant_id)=(…)"), and a library's message may hold a fragment of the request. pino's own serializer logs both.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const e = error as { name?: unknown; code?: unknown; stack?: unknown };
  const frames = typeof e?.stack === 'string' ? e.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')) : [];
  return { type: typeof e?.name === 'string' ? e.name : typeof error, code: e?.code, stack: frames.slice(0, 12).join('\n') };
}

export const createLogger = (level: string, name: string, destination?: DestinationStream): Logger =>
  pino({ name, level, serializers: { err: loggableError } }, destination);
