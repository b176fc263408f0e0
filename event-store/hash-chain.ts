import { createHash } from 'node:crypto';
import type { EventMetadata } from './types';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers: everything the producer said plus where the store put it. */
export interface HashedFields {
  streamId: string;
  version: number;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface ChainedEvent extends HashedFields {
  prevHash: string;
  hash: string;
}

export interface StreamVerification {
  ok: boolean;
  checkedEvents: number;
  firstBrokenVersion?: number;
}

/** Whether JSON writes the value as `{…}` (by then toJSON has run, so a Date is already a string). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}

/** JSON with object keys sorted recursively; otherwise exactly JSON.stringify (toJSON, undefined dropped), so it survives a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v));
  return text === undefined ? 'null' : text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function eventHash(prevHash: string, event: HashedFields): string {
  const { streamId, version, id, type, data, metadata } = event;
  return sha256Hex(prevHash + canonicalJson({ streamId, version, id, type, data, metadata }));
}

/** Recomputes the chain of one stream read forwards from version 1; reports the first event whose link or hash does not hold. */
export function verifyStream(events: readonly ChainedEvent[]): StreamVerification {
  let prevHash = GENESIS_HASH;
  let checkedEvents = 0;
  for (const [index, event] of events.entries()) {
    const expectedVersion = index + 1;
    const broken = event.version !== expectedVersion || event.prevHash !== prevHash || eventHash(prevHash, event) !== event.hash;
    if (broken) return { ok: false, checkedEvents, firstBrokenVersion: expectedVersion };
    checkedEvents += 1;
    prevHash = event.hash;
  }
  return { ok: true, checkedEvents };
}
