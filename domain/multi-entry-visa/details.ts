import { z } from 'zod';
import { invitingCompanySchema } from '../port-visa/details';

/** Up to 3 years of multiple entries (2023 measures). */
export const MAX_MULTI_ENTRY_VALIDITY_YEARS = 3;

/** Visa categories a business visitor may hold when converting (inferred: M business, F exchange/visit). */
export const CONVERTIBLE_VISA_TYPES = ['M', 'F'] as const;

/** Chinese visa categories (出境入境管理法 art 16, 條例 art 6). */
export const VISA_TYPES = ['C', 'D', 'F', 'G', 'J1', 'J2', 'L', 'M', 'Q1', 'Q2', 'R', 'S1', 'S2', 'X1', 'X2', 'Z'] as const;

export const multiEntryVisaDetailsSchema = z
  .object({
    currentVisa: z
      .object({
        type: z.enum(VISA_TYPES),
        entryDate: z.iso.date(),
        stayUntil: z.iso.date(),
      })
      .strict(),
    invitingCompany: invitingCompanySchema,
    requestedValidityYears: z.number().int().min(1),
  })
  .strict();

export type MultiEntryVisaDetails = z.infer<typeof multiEntryVisaDetailsSchema>;
