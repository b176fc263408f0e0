import { sha256 } from '@noble/hashes/sha256';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { AnyCaseTypeModule, EventOf } from './case-type';
import type { CaseEvent } from './events';
import { evolve } from './evolve';
import type { CaseDocument, CaseState, CaseTypeSpec } from './types';

/**
 * What anyone holding an issued document may check without logging in (GET /verify/{number}?code=): the
 * document's kind, the office that issued it and its dates — never who it is about. Recorded on the event
 * that issued the document (in its metadata, as clock facts are), so the verification register is a
 * projection of the case streams and a replay never computes a code again.
 */
export interface DocumentFact {
  number: string;
  kind: string;
  verificationCode: string;
  issuingOffice: string;
  issuedAt: string;
  validUntil?: string;
  /** The number of the document this one replaces (a lost permit): that one is revoked by this issue. */
  replaces?: string;
}

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/**
 * The verification code printed on a document: 10 base32 characters (50 bits) of SHA-256 over the case id and
 * the number. The case id is a random UUID that the document does not show, so a number alone does not give
 * its code; the same case and number always give the same code, which keeps decisions replayable.
 * (@noble/hashes: the domain runs in the workflow sandbox, which has no node:crypto.)
 */
export function verificationCode(caseId: string, number: string): string {
  const digest = sha256(utf8ToBytes(`casework-document-v1|${caseId}|${number}`));
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < CODE_LENGTH) {
      code += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (code.length === CODE_LENGTH) break;
  }
  return code;
}

const numbers = (list: readonly { number: string }[] | undefined): Set<string> => new Set((list ?? []).map((d) => d.number));

/**
 * Stamps each decided event that issues a document or a receipt (受理/不予受理 receipts are documents too) with
 * that document's facts. `state` is the case before the batch; an event already stamped keeps its facts. A
 * receipt the office also keeps as a document (the visa office's acceptance receipt, with its validity) is
 * stamped on both events, under the same code: the later facts complete the earlier.
 */
export function recordDocuments(module: AnyCaseTypeModule, state: CaseState | null, events: EventOf<CaseTypeSpec>[]): EventOf<CaseTypeSpec>[] {
  let s = state;
  return events.map((e) => {
    const documentsBefore = numbers(s?.documents);
    const receiptsBefore = numbers(s?.receipts);
    const after = evolve(module, s, e);
    s = after;
    if (e.documents) return e;
    const facts = [
      ...after.documents.filter((d) => !documentsBefore.has(d.number)).map((d) => documentFact(module, after, d, e)),
      ...after.receipts
        .filter((r) => !receiptsBefore.has(r.number))
        .map((r) => ({ number: r.number, kind: `${r.kind}-receipt`, issuingOffice: after.receivingOffice, issuedAt: e.at })),
    ]
      // One fact per number within an event.
      .filter((f, i, all) => all.findIndex((g) => g.number === f.number) === i)
      .map((f) => ({ ...f, verificationCode: verificationCode(after.caseId, f.number) }));
    return facts.length > 0 ? { ...e, documents: facts } : e;
  });
}

function documentFact(module: AnyCaseTypeModule, s: CaseState, d: CaseDocument, e: CaseEvent): Omit<DocumentFact, 'verificationCode'> {
  const validUntil = typeof d.validUntil === 'string' ? { validUntil: d.validUntil } : {};
  const replaces = typeof d.replaces === 'string' ? { replaces: d.replaces } : {};
  return { number: d.number, kind: d.kind, issuingOffice: module.issuingOffice?.(s, d) ?? s.handlingOffice, issuedAt: e.at, ...validUntil, ...replaces };
}

/** Folds the document facts recorded on an event: each issued document and receipt shows its verification code. */
export function applyDocumentFacts(s: CaseState, facts: DocumentFact[] | undefined): CaseState {
  if (!facts) return s;
  const codes = new Map(facts.map((f) => [f.number, f.verificationCode]));
  const withCode = <D extends { number: string }>(d: D): D => (codes.has(d.number) ? { ...d, verificationCode: codes.get(d.number) } : d);
  return { ...s, documents: s.documents.map(withCode), receipts: s.receipts.map(withCode) };
}
