import { createHmac, hkdfSync } from 'node:crypto';
import { keyKindOf, lookupKeyOf, type CaseKey, type CaseKeyKind } from '../../../projections/cases/find-cases';
import type { SealingKeys } from '../../runtime/sealing/payload-sealing';

/** What the access log keeps of a searched identifier: its kind, and a keyed hash of it (never the identifier). */
export interface LookupDigest {
  kind: CaseKeyKind;
  /** `<key id>:<HMAC-SHA256, 32 hex digits>`: equal for the same identifier under the same key. */
  digest: string;
}

export type LookupDigester = (key: CaseKey) => LookupDigest;

/**
 * Keyed hashes of searched identifiers. A plain hash of an ID number is no protection: the numbers are few
 * enough (region × birth date × sequence) to hash them all. Keyed with a secret the log's readers do not hold,
 * the same identifier still hashes alike, so repeated probes for one person stand out, while the log itself
 * names nobody. The key is derived (HKDF-SHA256) from the current Temporal sealing key, which every API
 * process already holds and no one else does; its id goes with the digest, so that a rotated key shows.
 */
export function lookupDigester(sealing: SealingKeys): LookupDigester {
  const secret = Buffer.from(hkdfSync('sha256', sealing.keys.get(sealing.current)!, Buffer.alloc(0), 'casework access-log look-up digest', 32));
  return (key) => ({
    kind: keyKindOf(key),
    digest: `${sealing.current}:${createHmac('sha256', secret).update(lookupKeyOf(key)).digest('hex').slice(0, 32)}`,
  });
}
