import { z } from 'zod';
import { invitingCompanySchema } from '../port-visa/details';

/** Up to 3 years of multiple entries (2023 measures). */
export const MAX_MULTI_ENTRY_VALIDITY_YEARS = 3;

/** Visa categories a business visitor may hold when converting (inferred: M business, F exchange/visit). */
export const CONVERTIBLE_VISA_TYPES = ['M', 'F'] as const;

/**
 * Stay per entry (停留期限, a visa item under 出境入境管理法 art 17): no national figure for the M visa is
 * published; 90 days unless the office grants another, at most 180 (inferred, configurable).
 */
export const DEFAULT_STAY_PER_ENTRY_DAYS = 90;
export const MAX_STAY_PER_ENTRY_DAYS = 180;

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
    /**
     * The passport's expiry date: the visa never outlasts it (docs/domain.md §5). Optional in the shape only so
     * that cases recorded before it existed still read; a new case without it is refused at opening (422).
     */
    passportValidUntil: z.iso.date().optional(),
    stayPerEntryDays: z.number().int().min(1).optional(),
  })
  .strict();

export type MultiEntryVisaDetails = z.infer<typeof multiEntryVisaDetailsSchema>;
