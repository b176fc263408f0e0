import { hukouPlaceAgreed } from '../id-card/sign-off';
import type { CardCase } from '../id-card/spec';
import { isClosed } from '../kernel/guards';
import type { OpenCaseInput } from '../kernel/open-schema';
import type { CaseState } from '../kernel/types';
import { sameProvince } from '../offices';
import type { CardCaseFacts } from './spec';

/** The card cases a temporary card is lodged for (MPS Order 78 art 2: a pending card application): first card, replacement. */
export const CARD_CASE_TYPES = ['first-id-card', 'id-card-replacement'] as const;

const isCardCase = (s: CaseState): s is CardCase => (CARD_CASE_TYPES as readonly string[]).includes(s.type);

/** What a temporary card needs to know of its card case: read at the boundary, and by the workflow (ParentCardCaseChecked). */
export function cardCaseFacts(parent: CaseState): CardCaseFacts {
  if (!isCardCase(parent)) return { found: false };
  const photo = parent.progress.photo;
  return {
    found: true,
    type: parent.type,
    open: !isClosed(parent),
    hukouOffice: parent.details.hukouOffice,
    receivingOffice: parent.receivingOffice,
    signedOff: hukouPlaceAgreed(parent),
    photo: photo ? { photoId: photo.photoId, takenAt: photo.takenAt } : null,
  };
}

/**
 * Where a temporary card may be lodged for this card case (docs/domain.md §7.3): at the hukou-place office (Order 78
 * art 9); in another province, at the office that received the card case, once the hukou-place office signed it off
 * [news: Yangtze Delta 2022-12, Yunnan 2023-01]. Checked at the boundary (ParentRule.refusal); null when it may.
 */
export function cardCaseRefusal(input: OpenCaseInput, parent: CaseState): string | null {
  const facts = cardCaseFacts(parent);
  if (!facts.found) return null; // the kernel has already refused a parent of another type
  const { hukouOffice } = input.details as { hukouOffice: string };
  if (hukouOffice !== facts.hukouOffice) {
    return `details.hukouOffice must be the card case's hukou-place office ${facts.hukouOffice}, which issues the temporary card (MPS Order 78 art 10)`;
  }
  if (sameProvince(input.receivingOffice, hukouOffice)) return null; // at the hukou office: checkOpen
  if (input.receivingOffice !== facts.receivingOffice) {
    return `in another province a temporary card is lodged at office ${facts.receivingOffice}, which received the card case, not at ${input.receivingOffice}`;
  }
  if (!facts.signedOff) {
    return `in another province a temporary card is lodged only after the hukou-place office ${hukouOffice} signed off the card case: ask again once it has`;
  }
  return null;
}
