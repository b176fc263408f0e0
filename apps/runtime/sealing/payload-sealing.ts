import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The encoding a sealed payload names in its metadata, beside the id of the key that sealed it. */
export const SEALED_ENCODING = 'binary/sealed-aes256gcm';
export const KEY_ID = 'encryption-key-id';

/**
 * What a payload this process cannot open decodes to: one sent straight to Temporal unsealed, sealed with a key
 * id we do not hold, or one whose seal does not authenticate (a forgery under one of our ids). Its encoding is
 * one no payload converter knows, so turning it into a value always fails, and where it fails decides the
 * outcome: an update's arguments that cannot be converted are rejected by the SDK before the update is accepted
 * (nothing reaches the history, the case answers at once), while a workflow's input, a signal or an activity's
 * result that cannot be converted fails the workflow task, loudly, as an undecodable payload always did.
 * Throwing here instead would fail the task for an update too, until it gave up (the case answered 503 for
 * about 25 s per forged update). The data names why, never anything of the payload.
 */
export const UNOPENED_ENCODING = 'binary/casework-unopened';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface SealingKeys {
  /** The key that seals new payloads. */
  current: string;
  /** Every key that may open a payload, by id (rotation: a new current key, the old ones kept to open). */
  keys: Map<string, Buffer>;
}

/**
 * Seals every payload Temporal stores (inputs, results, update arguments, failure messages and stacks):
 * the whole payload (metadata and data) encrypted with AES-256-GCM under the current key, the key's id in
 * the clear metadata so that keys can rotate. Temporal's UI, CLI and database see ciphertext only.
 */
export class SealingCodec implements PayloadCodec {
  constructor(private readonly sealing: SealingKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.sealing.keys.get(this.sealing.current)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: encoder.encode(SEALED_ENCODING), [KEY_ID]: encoder.encode(this.sealing.current) },
        data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding ? decoder.decode(payload.metadata.encoding) : undefined;
      if (encoding !== SEALED_ENCODING) return unopened('this payload was not sealed by casework');
      try {
        return this.open(payload);
      } catch (e) {
        return unopened((e as Error).message);
      }
    });
  }

  /** Opens one sealed payload, or throws saying why it cannot (the codec server hands such payloads back as they came). */
  open(payload: Payload): Payload {
    const id = payload.metadata?.[KEY_ID] ? decoder.decode(payload.metadata[KEY_ID]) : '';
    const key = this.sealing.keys.get(id);
    // An unknown key is a configuration fault (a key removed too early) or a forgery, never data to guess at.
    if (!key) throw new Error(`a payload is sealed with key "${id}", which this process does not have`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new Error(`a payload sealed with key "${id}" does not authenticate: sealed with another key, or altered`);
    }
  }
}

/** See UNOPENED_ENCODING: the reason, for whoever inspects the payload; the original stays in Temporal's history. */
const unopened = (reason: string): Payload => ({
  metadata: { encoding: encoder.encode(UNOPENED_ENCODING) },
  data: encoder.encode(JSON.stringify({ unopened: reason })),
});

export class SealingKeyError extends Error {}

/**
 * Parses `id=base64key[,id=base64key…]` (the first seals; all open). Each key is 32 random bytes
 * (AES-256), in base64 or base64url.
 */
export function parseSealingKeys(text: string, where: string): SealingKeys {
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new SealingKeyError(`${where} holds no key: give id=base64key, the key 32 random bytes`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const match = /^([A-Za-z0-9._-]{1,64})=([A-Za-z0-9+/_-]+={0,2})$/.exec(entry);
    if (!match) throw new SealingKeyError(`${where}: each key is id=base64key (id: letters, digits, . _ -)`);
    const key = Buffer.from(match[2], match[2].includes('-') || match[2].includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) throw new SealingKeyError(`${where}: key "${match[1]}" has ${key.length} bytes; AES-256 needs exactly 32`);
    if (keys.has(match[1])) throw new SealingKeyError(`${where}: key id "${match[1]}" is given twice`);
    keys.set(match[1], key);
  }
  return { current: entries[0].split('=')[0], keys };
}

/**
 * The sealing keys from configuration, else from the key file; a development installation that has none
 * gets one generated into the file (mode 600), like the development JWT secret. Production never generates
 * one: every process of an installation must hold the same keys.
 */
export function loadSealingKeys(source: { keys?: string; file: string; generate: boolean }): SealingKeys {
  if (source.keys !== undefined) return parseSealingKeys(source.keys, 'TEMPORAL_SEALING_KEYS');
  try {
    return parseSealingKeys(readFileSync(source.file, 'utf8'), source.file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (!source.generate) throw new SealingKeyError(`no Temporal sealing keys: set TEMPORAL_SEALING_KEYS or put them in ${source.file}`);
  }
  mkdirSync(dirname(source.file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: two processes starting at once end up with the same key.
  const aside = `${source.file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `dev-${new Date().toISOString().slice(0, 10)}=${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(aside, source.file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(aside, { force: true });
  }
  return parseSealingKeys(readFileSync(source.file, 'utf8'), source.file);
}
