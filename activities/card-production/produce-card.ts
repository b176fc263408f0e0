import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import type { CaseActivities } from '../types';
import type { CardProductionCentre } from './card-production-centre';

const input = z.object({
  caseId: z.string().min(1),
  idNumber: z.string().min(1),
  name: z.string().min(1),
  photoId: z.string().min(1),
  issuingOffice: z.string().regex(/^\d{6}$/),
  validity: z.string().min(1),
});

/** Asks the production centre for the card; transient failures are thrown so Temporal retries them. */
export const produceCard =
  (centre: CardProductionCentre): CaseActivities['produceCard'] =>
  async (raw) => {
    const parsed = input.safeParse(raw);
    if (!parsed.success) throw ApplicationFailure.nonRetryable(`produceCard: ${parsed.error.issues[0]?.message ?? 'bad input'}`, 'BadTaskInput');
    return centre.produce(parsed.data);
  };
