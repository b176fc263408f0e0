import { z } from 'zod';
import { DELIVERY_MODES } from '../id-card/spec';
import { idNumber, officeCode } from '../kernel/open-schema';

export const idCardReplacementDetailsSchema = z
  .object({
    hukouOffice: officeCode,
    residenceOffice: officeCode,
    delivery: z.enum(DELIVERY_MODES),
    /** The day the card was lost, as the applicant states it (no later than the application). */
    lostOn: z.iso.date().optional(),
    /** Under 16 the replacement is applied for through a guardian (居民身份證法 arts 7, 11). */
    guardian: z
      .object({ name: z.string().trim().min(1).max(100), idNumber })
      .strict()
      .optional(),
  })
  .strict();

export type IdCardReplacementDetails = z.infer<typeof idCardReplacementDetailsSchema>;
