import type { CaseEvent } from './domain';
import { batchDigest } from './batch-digest';

/**
 * How earlier builds decided a batch that this code decides otherwise, where the change went in unguarded and can no
 * longer be guarded: histories were recorded both before it and after it without a `patched()` marker, so no marker
 * tells them apart. What tells them apart is the digest the append recorded of the batch the store holds: a replay
 * whose decision does not match it, but whose batch in an earlier form does, goes on with that form (the facts in
 * the stream). A change made from now on is guarded with `patched()` instead (README, "Changing a case type").
 *
 * An opening whose policy gained a clock before the clock was guarded (`clocksAddedBy`) is the other such change: the
 * caller passes the opening decided with the full policy (`otherForms`), as `next/temporary-id-card` holds it.
 *
 * The replay test holds both forms of the one case this covers: `next/hukou-migration-corrected-after-completion`
 * (recorded after) and its `.first-recording` (recorded before `replaces`).
 */
interface EarlierForm {
  /** What changed, for the reader. */
  change: string;
  /** The batch as the earlier build decided it, or null when the change does not touch it. */
  rewrite(events: readonly CaseEvent[]): CaseEvent[] | null;
}

const EARLIER_FORMS: readonly EarlierForm[] = [
  {
    // The document facts gained `replaces` (the number a new document supersedes) with the residence permit's
    // replacement; before it, a correction's reissued documents were recorded without it.
    change: 'document facts name the document they replace',
    rewrite(events) {
      if (!events.some((e) => e.documents?.some((d) => d.replaces !== undefined))) return null;
      return events.map((e) => (e.documents ? { ...e, documents: e.documents.map(({ replaces: _replaces, ...fact }) => fact) } : e));
    },
  },
];

/**
 * The batch in the form the store holds, given the digest recorded of it: `events` when they match it, else the
 * earlier form that does, else null (the code decided something else: the caller fails the workflow task).
 */
export function committedForm(events: CaseEvent[], digest: string, otherForms?: () => CaseEvent[][]): CaseEvent[] | null {
  if (batchDigest(events) === digest) return events;
  for (const form of EARLIER_FORMS) {
    const earlier = form.rewrite(events);
    if (earlier && batchDigest(earlier) === digest) return earlier;
  }
  // Forms only the caller can decide (the opening with its type's full policy), tried last and only on a mismatch.
  return otherForms?.().find((form) => batchDigest(form) === digest) ?? null;
}
