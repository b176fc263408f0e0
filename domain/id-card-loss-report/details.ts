import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';

/**
 * What a loss report names beyond the holder: the hukou-place office, which issued the card (居民身份證法 art 8) and
 * sees the report, and the day the card was lost as the holder states it (no later than the report).
 */
export const idCardLossReportDetailsSchema = z
  .object({
    hukouOffice: officeCode,
    lostOn: z.iso.date().optional(),
  })
  .strict();

export type IdCardLossReportDetails = z.infer<typeof idCardLossReportDetailsSchema>;
