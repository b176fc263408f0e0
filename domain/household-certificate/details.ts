import { z } from 'zod';
import { idNumber, officeCode } from '../kernel/open-schema';

/** The household-registration certificates a police station still issues (公通字〔2016〕21號; docs/domain.md §7.5). */
export const ISSUED_SUB_KINDS = ['item-change', 'cancellation', 'kinship', 'hukou'] as const;

/**
 * What applicants still ask for but the police no longer certify (公通字〔2016〕21號): what the ID card or hukou
 * booklet already proves, marital status, education and a normal death. Lodged, and refused acceptance on the spot
 * with a notice naming who to ask instead (行政許可法 art 32(1)(2), by analogy: inferred).
 */
export const NOT_ISSUED_SUB_KINDS = ['identity', 'marital-status', 'education', 'normal-death'] as const;

export const HOUSEHOLD_CERTIFICATE_SUB_KINDS = [...ISSUED_SUB_KINDS, ...NOT_ISSUED_SUB_KINDS] as const;
export type HouseholdCertificateSubKind = (typeof HOUSEHOLD_CERTIFICATE_SUB_KINDS)[number];
export type IssuedSubKind = (typeof ISSUED_SUB_KINDS)[number];

/** The register items whose change or correction a station certifies (戶口登記項目變更更正). */
export const CHANGEABLE_ITEMS = ['name', 'former-name', 'gender', 'ethnicity', 'birth-date', 'birthplace', 'id-number'] as const;

/** Relations the population register records between members of a household (inferred list). */
export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'] as const;

export const householdCertificateDetailsSchema = z
  .object({
    subKind: z.enum(HOUSEHOLD_CERTIFICATE_SUB_KINDS),
    /** The station (county-level code) of the hukou place: it decides and issues (docs/domain.md §7.5). */
    hukouOffice: officeCode,
    /** What the certificate is for (shown on it). */
    purpose: z.string().trim().min(1).max(200),
    /** item-change: the register item changed or corrected, before and after, and the day of the change. */
    itemChange: z
      .object({
        item: z.enum(CHANGEABLE_ITEMS),
        from: z.string().trim().min(1).max(100),
        to: z.string().trim().min(1).max(100),
        changedOn: z.iso.date(),
      })
      .strict()
      .optional(),
    /**
     * kinship: the relative; cancellation: the person whose hukou was cancelled, when not the applicant (a relative
     * may apply, inferred). Their relation to the applicant as the register records it.
     */
    person: z
      .object({ name: z.string().trim().min(1).max(100), idNumber, relation: z.enum(RELATIONS) })
      .strict()
      .optional(),
  })
  .strict();

export type HouseholdCertificateDetails = z.infer<typeof householdCertificateDetailsSchema>;
