import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';
import { REPRESENTED_BECAUSE } from '../residence-permit/details';

/**
 * An endorsement filing names little beyond its permit case (`parentCaseId`): the office that issued the permit, in
 * whose name it is endorsed (居住證暫行條例 art 10), and, where a guardian or near relative lodges it for an adult, why
 * (art 9, as for the permit).
 */
export const residencePermitEndorsementDetailsSchema = z
  .object({
    /** The county police that issued the permit (the permit case's deciding office). */
    residenceOffice: officeCode,
    representedBecause: z.enum(REPRESENTED_BECAUSE).optional(),
  })
  .strict();

export type ResidencePermitEndorsementDetails = z.infer<typeof residencePermitEndorsementDetailsSchema>;
