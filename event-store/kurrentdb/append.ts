import {
  ANY,
  BACKWARDS,
  END,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type KurrentDBClient,
  type AppendStreamState,
  type JSONType,
} from '@kurrent/kurrentdb-client';
import { EventStoreError, IdempotencyConflict, WrongExpectedVersion } from '../errors';
import { canonicalJson, eventHash, GENESIS_HASH } from '../hash-chain';
import type { AppendResult, ExpectedVersion, NewEvent, RecordedEvent } from '../types';
import { checkpointOf, toRecordedEvent, withChain } from './mapping';

/** How far back a retried batch is looked for (KurrentDB has no index by event id). */
const RETRY_LOOKBACK = 1000;
const MAX_ATTEMPTS = 5;

async function readTail(client: KurrentDBClient, streamId: string): Promise<RecordedEvent[]> {
  const tail: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: RETRY_LOOKBACK })) {
      if (resolved.event) tail.push(toRecordedEvent(resolved.event));
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return tail;
}

const sameContent = (a: { type: string; data: unknown; metadata: unknown }, b: NewEvent) =>
  canonicalJson({ type: a.type, data: a.data, metadata: a.metadata }) === canonicalJson({ type: b.type, data: b.data, metadata: b.metadata });

/** A batch already in the stream's tail is a retry (same content) or a conflict (different content). */
function committedBatch(tail: RecordedEvent[], events: readonly NewEvent[]): AppendResult | null {
  const byId = new Map(tail.map((e) => [e.id, e]));
  const found = events.map((e) => byId.get(e.id));
  if (found.every((e) => e === undefined)) return null;
  events.forEach((event, i) => {
    const stored = found[i];
    if (!stored || !sameContent(stored, event)) throw new IdempotencyConflict(event.id);
  });
  const last = found.reduce((a, b) => (b!.version > a!.version ? b : a))!;
  return { nextVersion: last.version, position: last.position, checkpoint: last.checkpoint };
}

function checkExpected(streamId: string, expected: ExpectedVersion, actual: number): void {
  const ok = expected === 'any' || (expected === 'no-stream' && actual === 0) || (expected === 'stream-exists' && actual > 0) || expected === actual;
  if (!ok) throw new WrongExpectedVersion(streamId, expected, actual);
}

/**
 * Reads the tail (retry detection + the previous hash), checks the expected version here, then appends
 * with the exact revision read, so the chain cannot fork; a concurrent writer makes us start over.
 */
export async function appendToStream(
  client: KurrentDBClient,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion = 'any',
): Promise<AppendResult> {
  if (events.some((e) => Number.isNaN(Date.parse(e.metadata?.at)))) throw new EventStoreError('metadata.at must be an ISO instant');
  for (let attempt = 1; ; attempt++) {
    const tail = await readTail(client, streamId);
    const committed = committedBatch(tail, events);
    if (committed) return committed;
    const current = tail[0]?.version ?? 0;
    checkExpected(streamId, expected, current);
    let prevHash = tail[0]?.hash || GENESIS_HASH;
    const data = events.map((event, i) => {
      const version = current + i + 1;
      const hash = eventHash(prevHash, { streamId, version, id: event.id, type: event.type, data: event.data, metadata: event.metadata });
      const stored = jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: withChain(event.metadata, prevHash, hash) });
      prevHash = hash;
      return stored;
    });
    const streamState: AppendStreamState = current === 0 ? NO_STREAM : BigInt(current - 1);
    try {
      const result = await client.appendToStream(streamId, data, { streamState: events.length ? streamState : ANY });
      const position = result.position;
      return {
        nextVersion: Number(result.nextExpectedRevision) + 1,
        position: position ? position.commit.toString() : '',
        checkpoint: position ? checkpointOf(position) : '',
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new WrongExpectedVersion(streamId, expected, current);
    }
  }
}
