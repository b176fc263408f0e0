import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';

export const HUKOU_CATEGORIES = ['spouse', 'parents', 'work-transfer', 'admission', 'graduation', 'home-purchase', 'talent'] as const;
export type HukouCategory = (typeof HUKOU_CATEGORIES)[number];

const years = z.number().min(0).max(100);

export const hukouMigrationDetailsSchema = z
  .object({
    category: z.enum(HUKOU_CATEGORIES),
    fromOffice: officeCode,
    toOffice: officeCode,
    // The city's urban population comes from reference data (city-populations), never from whoever lodges the case.
    destinationCity: z.object({ code: officeCode }).strict(),
    residenceYears: years,
    socialInsuranceYears: years,
    // Per city of the metro group, each kind of years on its own; `{ cityCode, years }` is the recorded older form.
    metroAreaYears: z
      .array(
        z.union([
          z.object({ cityCode: officeCode, residenceYears: years, socialInsuranceYears: years }).strict(),
          z.object({ cityCode: officeCode, years }).strict(),
        ]),
      )
      .max(20)
      .optional(),
  })
  .strict();

export type HukouMigrationDetails = z.infer<typeof hukouMigrationDetailsSchema>;
