import { z } from 'zod';
import { idNumber, officeCode } from '../kernel/open-schema';

export const DELIVERY_MODES = ['pickup', 'post'] as const;

export const firstIdCardDetailsSchema = z
  .object({
    hukouOffice: officeCode,
    residenceOffice: officeCode,
    delivery: z.enum(DELIVERY_MODES),
    wantsTemporaryId: z.boolean().optional(),
    /** Under 16 the application is voluntary and made through a guardian (居民身份證法 art 7). */
    guardian: z
      .object({ name: z.string().trim().min(1).max(100), idNumber })
      .strict()
      .optional(),
  })
  .strict();

export type FirstIdCardDetails = z.infer<typeof firstIdCardDetailsSchema>;
