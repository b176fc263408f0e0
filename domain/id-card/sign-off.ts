import type { CardCase } from './spec';

/**
 * Whether the hukou-place office has agreed to a card case (居民身份證法 art 8): it signed off what another province
 * lodged (HukouPlaceSignedOff), or it decides the case itself and approved it. A case lodged at the hukou office
 * itself needs no sign-off; this says whether the office has spoken, whichever way it did.
 */
export const hukouPlaceAgreed = (s: CardCase): boolean =>
  s.progress.signedOffAt !== undefined || (s.handlingOffice === s.details.hukouOffice && (s.status === 'approved' || s.status === 'completed'));
