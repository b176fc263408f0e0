import { z } from 'zod';
import { DELIVERY_MODES } from '../id-card/spec';
import { idNumber, officeCode } from '../kernel/open-schema';

export { DELIVERY_MODES } from '../id-card/spec';

export const firstIdCardDetailsSchema = z
  .object({
    hukouOffice: officeCode,
    residenceOffice: officeCode,
    delivery: z.enum(DELIVERY_MODES),
    /** Cases lodged before the temporary card became its own case type (temporary-id-card) asked for it here. */
    wantsTemporaryId: z.boolean().optional(),
    /** A recipient of the minimum subsistence allowance: the 20 CNY fee is waived (居民身份證法 art 20/21 by edition). */
    minimumSubsistence: z.boolean().optional(),
    /** Under 16 the application is voluntary and made through a guardian (居民身份證法 art 7). */
    guardian: z
      .object({ name: z.string().trim().min(1).max(100), idNumber })
      .strict()
      .optional(),
  })
  .strict();

export type FirstIdCardDetails = z.infer<typeof firstIdCardDetailsSchema>;
