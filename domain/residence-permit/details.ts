import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';

/** What makes the stay one the permit is for (居住證暫行條例 art 2): a legal stable job, a legal stable home or continuous study. */
export const RESIDENCE_BASES = ['job', 'home', 'study'] as const;
export type ResidenceBasis = (typeof RESIDENCE_BASES)[number];

/** The permit as a card or an electronic permit: the city's choice (local). */
export const PERMIT_FORMS = ['card', 'e-permit'] as const;

export const PERMIT_DELIVERY = ['pickup', 'post'] as const;

/**
 * Why an adult may have a guardian or near relative apply for them (居住證暫行條例 art 9: 行動不便的老年人、殘疾人):
 * an elderly person with reduced mobility, a disabled person. Declared by whoever lodges and seen at the window; no
 * register is read for it (inferred).
 */
export const REPRESENTED_BECAUSE = ['elderly-reduced-mobility', 'disability'] as const;

/**
 * A residence permit application. The facts behind it (the half year of residence, the job, home or school) are read
 * from the registers (免交證), never typed in: only which basis the applicant relies on and, for a job, the employer.
 */
export const residencePermitDetailsSchema = z
  .object({
    /** The county police of the place of residence: it issues the permit (art 10) and receives, itself or through its stations. */
    residenceOffice: officeCode,
    basis: z.enum(RESIDENCE_BASES),
    /** The employer's unified social credit code (job basis), checked against the company register. */
    employerCreditCode: z
      .string()
      .regex(/^[0-9A-Z]{18}$/, 'an 18-character unified social credit code')
      .optional(),
    form: z.enum(PERMIT_FORMS).default('card'),
    delivery: z.enum(PERMIT_DELIVERY).default('pickup'),
    /** Why a guardian or near relative applies for an adult (art 9): absent for a child under 16, who needs no reason. */
    representedBecause: z.enum(REPRESENTED_BECAUSE).optional(),
  })
  .strict();

export type ResidencePermitDetails = z.infer<typeof residencePermitDetailsSchema>;
