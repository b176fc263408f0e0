import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../types';
import { matches, serverFilter } from './filters';
import { positionOf, toRecordedEvent } from './mapping';

/** Same semantics as the PostgreSQL adapter: inclusive version range, direction, as-of instant, limit; [] if missing. */
export async function readStream(client: KurrentDBClient, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const fromRevision = backwards
    ? options.toVersion !== undefined
      ? BigInt(options.toVersion - 1)
      : END
    : options.fromVersion !== undefined
      ? BigInt(Math.max(0, options.fromVersion - 1))
      : START;
  const until = options.until ? Date.parse(options.until) : undefined;
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision })) {
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event);
      if (options.fromVersion !== undefined && event.version < options.fromVersion) {
        if (backwards) break;
        continue;
      }
      if (options.toVersion !== undefined && event.version > options.toVersion) {
        if (!backwards) break;
        continue;
      }
      if (until !== undefined && Date.parse(event.metadata.at) > until) continue;
      events.push(event);
      if (options.limit !== undefined && events.length >= options.limit) break;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/** $all after a checkpoint (exclusive), filtered, up to limit. */
export async function readAll(client: KurrentDBClient, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const limit = options.limit ?? 1000;
  const after = options.after ?? '';
  const fromPosition = positionOf(after) ?? START;
  const events: RecordedEvent[] = [];
  for await (const resolved of client.readAll({ direction: FORWARDS, fromPosition, filter: serverFilter(options), maxCount: limit + 1 })) {
    if (!resolved.event) continue;
    const event = toRecordedEvent(resolved.event);
    if (event.checkpoint <= after || !matches(event, options)) continue; // fromPosition is inclusive
    events.push(event);
    if (events.length >= limit) break;
  }
  return events;
}
