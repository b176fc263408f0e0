import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The encoding a sealed payload names in its metadata, beside the id of the key that sealed it. */
export const SEALED_ENCODING = 'binary/sealed-aes256gcm';
export const KEY_ID = 'encryption-key-id';

/**
 * What an unsealed payload (sent straight to Temporal, past the API) decodes to: a value no update
 * validator accepts, so the command is refused and the case left as it was — while the workflow, unlike
 * after a decoding error, keeps running for the commands that come through the API.
 */
export const UNSEALED_MARKER = { unsealed: 'refused: this payload was not sealed by casework' };

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
      if (encoding !== SEALED_ENCODING) return unsealedMarker();
      const id = payload.metadata?.[KEY_ID] ? decoder.decode(payload.metadata[KEY_ID]) : '';
      const key = this.sealing.keys.get(id);
      // An unknown key is a configuration fault (a key removed too early), never data to guess at.
      if (!key) throw new Error(`a payload is sealed with key "${id}", which this process does not have`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

const unsealedMarker = (): Payload => ({
  metadata: { encoding: encoder.encode('json/plain') },
  data: encoder.encode(JSON.stringify(UNSEALED_MARKER)),
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
