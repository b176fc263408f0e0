import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';
import { VISA_TYPES } from '../multi-entry-visa/details';

/** The kinds of foreigners' residence document: work, study, journalist, family reunion, private affairs (外國人入境出境管理條例, article to verify). */
export const PERMIT_KINDS = ['work', 'study', 'journalist', 'reunion', 'private'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

/**
 * The visa a first application turns into a residence document of each kind (出境入境管理法 art 30: a visa marked
 * "to apply for residence after entry"; categories per 條例 art 6, verify): Z work, X1 study, J1 resident journalist,
 * Q1 family reunion, S1 private affairs.
 */
export const VISA_FOR_KIND = { work: 'Z', study: 'X1', journalist: 'J1', reunion: 'Q1', private: 'S1' } as const satisfies Record<
  PermitKind,
  (typeof VISA_TYPES)[number]
>;

/** A first application after entry (art 30), an extension (art 32) or a change of registered items (art 33). */
export const APPLICATIONS = ['first', 'extension', 'change'] as const;
export type Application = (typeof APPLICATIONS)[number];

const creditCode = z.string().regex(/^[0-9A-Z]{18}$/, 'an 18-character unified social credit code');

/**
 * A foreigner's residence document application. The applicant is identified by nationality and passport number;
 * the entry, the accommodation registration and (for work) the work permit are read from the registers (免交證).
 */
export const foreignerResidencePermitDetailsSchema = z
  .object({
    /** The county exit-entry office of the intended residence: it receives, decides and affixes (art 30). */
    residenceOffice: officeCode,
    kind: z.enum(PERMIT_KINDS),
    application: z.enum(APPLICATIONS).default('first'),
    /** First application: the visa the foreigner entered with, and the day of entry. */
    visa: z
      .object({ type: z.enum(VISA_TYPES), entryDate: z.iso.date() })
      .strict()
      .optional(),
    /** Extension or change: the residence document held now. */
    currentPermit: z
      .object({ number: z.string().trim().min(1).max(40), validUntil: z.iso.date() })
      .strict()
      .optional(),
    /** Change: the day a registered item (name, passport, employer, …) changed (art 33). */
    changedOn: z.iso.date().optional(),
    /** The passport the permit is affixed in: the permit never outlasts it (inferred). */
    passportValidUntil: z.iso.date(),
    /** The validity asked for, in days: work 90 days to 5 years, other kinds 180 days to 5 years (art 30). */
    requestedDays: z.number().int().min(1),
    /** Work: the employer named on the work permit, checked against the work-permit register. */
    employerCreditCode: creditCode.optional(),
  })
  .strict();

export type ForeignerResidencePermitDetails = z.infer<typeof foreignerResidencePermitDetailsSchema>;
