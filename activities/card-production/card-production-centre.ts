import { createHash } from 'node:crypto';
import { simulatedCall, type SimulationOptions } from '../registries/simulation';

export interface CardProductionRequest {
  /** One card per case: a retried request gets the same card. */
  caseId: string;
  idNumber: string;
  name: string;
  photoId: string;
  issuingOffice: string;
  validity: string;
}

export interface ProducedCard {
  cardNumber: string;
  productionCentre: string;
}

/** The provincial ID card production centre (制證中心): slow, and now and then unavailable. */
export interface CardProductionCentre {
  produce(request: CardProductionRequest): Promise<ProducedCard>;
}

/** Typical production time in ms when not configured: 0.5-1.5 s with the simulation's spread. */
export const DEFAULT_PRODUCTION_MS = 1000;

/** A local production centre; the card number derives from the case, so retries are idempotent. */
export function createLocalCardProductionCentre(options: SimulationOptions = {}): CardProductionCentre {
  const simulation = { ...options, latencyMs: options.latencyMs ?? DEFAULT_PRODUCTION_MS };
  return {
    produce: (request) =>
      simulatedCall('card production centre', simulation, () => ({
        cardNumber: cardNumberFor(request),
        productionCentre: `${request.issuingOffice.slice(0, 2)}0000-production-centre`,
      })),
  };
}

/** Issuing office plus 10 digits derived from the case (stable across retries and restarts). */
export function cardNumberFor(request: Pick<CardProductionRequest, 'caseId' | 'issuingOffice'>): string {
  const digest = createHash('sha256').update(request.caseId).digest('hex');
  return request.issuingOffice + (BigInt(`0x${digest.slice(0, 16)}`) % 10_000_000_000n).toString().padStart(10, '0');
}
