import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** An event as the workflow decided it and the store committed it: what a replay must decide again. */
export interface DigestedEvent {
  type: string;
  data: unknown;
  at: string;
  clocks?: unknown;
  documents?: unknown;
}

/** JSON with object keys sorted, so that a digest does not depend on the order a decision wrote its fields in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of a batch of events (type, data, clock and document facts). The append activity returns it for the batch it
 * committed; it is recorded in the workflow's history, so a replay that decides another batch is noticed.
 * The instants are left out: a replay may read a later workflow time after a local activity than the first
 * run did, and the workflow takes the committed instants from the append's answer instead.
 * (@noble/hashes: the workflow sandbox has no node:crypto.)
 */
export const batchDigest = (events: readonly DigestedEvent[]): string =>
  bytesToHex(sha256(utf8ToBytes(canonical(events.map(({ type, data, clocks, documents }) => ({ type, data, clocks, documents }))))));
