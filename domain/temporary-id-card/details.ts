import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';

/**
 * What a temporary ID card application names beyond its card case (`parentCaseId`): the hukou-place office, which
 * issues it (MPS Order 78 art 10). It must be the card case's own; the photo and the rest come from that case.
 */
export const temporaryIdCardDetailsSchema = z.object({ hukouOffice: officeCode }).strict();

export type TemporaryIdCardDetails = z.infer<typeof temporaryIdCardDetailsSchema>;
