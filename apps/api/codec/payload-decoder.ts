import type { Payload } from '@temporalio/common';
import { SEALED_ENCODING, SealingCodec, type SealingKeys } from '../../runtime/sealing/payload-sealing';

/** A payload as Temporal's codec-server protocol carries it: proto3 JSON, bytes in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const toPayload = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

const isSealed = (p: Payload) => Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString('utf8') === SEALED_ENCODING;

/**
 * Opens sealed payloads for the Temporal UI. A payload that is not sealed (the SDK core's own markers) or
 * that no key of ours opens (a key retired, a forgery) is handed back as it came: still unreadable, and the
 * rest of the page still decodes.
 */
export class PayloadDecoder {
  private readonly codec: SealingCodec;
  constructor(keys: SealingKeys) {
    this.codec = new SealingCodec(keys);
  }

  async decode(payloads: JsonPayload[]): Promise<{ payloads: JsonPayload[]; opened: number }> {
    let opened = 0;
    const out: JsonPayload[] = [];
    for (const json of payloads) {
      const payload = toPayload(json);
      if (!isSealed(payload)) {
        out.push(json);
        continue;
      }
      try {
        out.push(toJson(this.codec.open(payload)));
        opened++;
      } catch {
        out.push(json);
      }
    }
    return { payloads: out, opened };
  }
}
