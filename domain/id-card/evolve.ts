import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import type { CaseDocument, CaseState } from '../kernel/types';
import { photoProgress, reusedPhoto } from '../photo';
import type { CardEvent, CardProgress, CardSpec } from './spec';

/**
 * Folds one of the shared card events. `issueClock` is the type's clock to the hand-over: produced is not yet
 * issued, the 60 days run to the hand-over (发放, 居民身份證法 art 12).
 */
export function evolveCard<S extends CardSpec>(s: CaseState<S>, ev: CardEvent, issueClock: string): CaseState<S> {
  const progress = (patch: CardProgress): CaseState<S> => ({ ...s, progress: { ...s.progress, ...patch } });
  switch (ev.type) {
    case 'PhotoLookedUp':
    case 'PhotoCaptured':
    case 'PhotoShared':
    case 'PhotoShareFailed':
      return progress(photoProgress(ev));
    case 'PhotoReused':
      return progress(reusedPhoto(ev.data));
    case 'FingerprintsCaptured':
      return progress({ fingerprintsAt: ev.at });
    case 'HukouPlaceSignedOff':
      return progress({ signedOffAt: ev.at });
    case 'CardProductionRequested':
      return { ...progress({ productionFailures: 0 }), step: 'card-production' };
    case 'CardProductionFailed':
      return progress({ productionFailures: (s.progress.productionFailures ?? 0) + 1 });
    case 'CardProduced': {
      const { productionCentre: _notOnTheCard, ...card } = ev.data;
      const produced = { ...progress({ card: { cardNumber: card.number, validFrom: card.validFrom, validUntil: card.validUntil } }), step: 'hand-over' };
      return addDocument(produced, card);
    }
    case 'CardDelivered':
      return withClock(progress({ deliveredAt: ev.at }), issueClock, (c) => stop(c, ev.at));
  }
}

export const addDocument = <C extends CaseState>(s: C, document: CaseDocument): C => ({ ...s, documents: [...s.documents, document] });
