import { z } from 'zod';

export const PORT_VISA_PURPOSES = ['business', 'trade', 'installation', 'exhibition', 'investment', 'humanitarian', 'emergency-repair'] as const;

export const MAX_PORT_VISA_STAY_DAYS = 30;

export const invitingCompanySchema = z
  .object({
    creditCode: z.string().regex(/^[0-9A-Z]{18}$/, 'an 18-character unified social credit code'),
    name: z.string().trim().min(1).max(200),
  })
  .strict();

export const portVisaDetailsSchema = z
  .object({
    port: z.string().trim().min(1).max(100),
    purpose: z.enum(PORT_VISA_PURPOSES),
    // Required for every purpose but urgent humanitarian entry, which has nobody inviting (checked on opening).
    invitingCompany: invitingCompanySchema.optional(),
    intendedStayDays: z.number().int().min(1),
  })
  .strict();

export type PortVisaDetails = z.infer<typeof portVisaDetailsSchema>;
