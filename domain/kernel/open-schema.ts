import { z } from 'zod';
import { OFFICE_PATTERN } from '../offices';
import { OPENING_CHANNELS } from './types';

export const officeCode = z.string().regex(OFFICE_PATTERN, 'a 6-digit administrative division code');

/** Resident ID number (GB 11643): 17 digits and a check character. */
export const idNumber = z.string().regex(/^\d{17}[\dX]$/, 'an 18-character resident ID number');

export const applicantSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    idNumber: idNumber.optional(),
    passportNo: z
      .string()
      .regex(/^[A-Z0-9]{5,20}$/, 'letters and digits, 5-20 characters')
      .optional(),
    nationality: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code')
      .optional(),
    birthDate: z.iso.date().optional(),
  })
  .strict();

/**
 * In what capacity somebody lodges for the person a case is about: a parent (戶口登記條例 art 7: a newborn is
 * registered by a parent), a guardian (民法典 arts 23, 27: the legal representative of a minor or of an adult
 * without full capacity), a relative (戶口登記條例 art 7; 居住證暫行條例 art 9) or an agent holding a power of
 * attorney (民法典 art 165; 公安機關辦理犯罪記錄查詢工作規定 art 4).
 */
export const REPRESENTATIVE_ROLES = ['parent', 'guardian', 'relative', 'agent'] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];

/** The person lodging for the applicant (the person the case is about), as the opening names them. */
export const representativeSchema = z
  .object({
    role: z.enum(REPRESENTATIVE_ROLES),
    name: z.string().trim().min(1).max(100),
    idNumber: idNumber.optional(),
    passportNo: z
      .string()
      .regex(/^[A-Z0-9]{5,20}$/, 'letters and digits, 5-20 characters')
      .optional(),
    /** The number or reference of the written power of attorney an agent holds (民法典 art 165). */
    powerOfAttorney: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine((r) => r.idNumber !== undefined || r.passportNo !== undefined, {
    message: 'a representative is identified by an idNumber or a passportNo',
    path: ['idNumber'],
  });

export type Representative = z.infer<typeof representativeSchema>;

export const materialsSchema = z.array(z.string().trim().min(1).max(200)).max(50);

/**
 * The common part of `POST /cases` for the given case types (domain/case-types.ts passes the registered
 * ones); `details` is checked by the case type's own schema.
 */
export const openCaseSchemaFor = <const T extends readonly [string, ...string[]]>(caseTypes: T) =>
  z
    .object({
      type: z.enum(caseTypes),
      // 'cross-province' is the deprecated alias of a window opening whose offices lie in two provinces: cross-province
      // is derived from the offices (docs/domain.md §7.9.1).
      channel: z.enum(OPENING_CHANNELS).meta({
        description:
          "window (a caseworker at the counter) or online (the applicant). 'cross-province' is deprecated: it is accepted as window, and then the offices must lie in two provinces; whether a case is cross-province is derived from its offices (crossProvince in the case view).",
      }),
      receivingOffice: officeCode,
      handlingOffice: officeCode.optional(),
      applicant: applicantSchema,
      /** Who lodges for the applicant, where the type allows it (domain/kernel/representation.ts); absent: the applicant themself. */
      representative: representativeSchema.optional(),
      /** The case this one belongs to, where the type links to one (domain/kernel/links.ts): a temporary ID card's card case. */
      parentCaseId: z.uuid().optional(),
      materials: materialsSchema.default([]),
      details: z.record(z.string(), z.unknown()),
    })
    .strict();

/** An opening as the kernel sees it: any case type's name, details not yet checked by the type. */
export type OpenCaseInput = z.infer<ReturnType<typeof openCaseSchemaFor<readonly [string, ...string[]]>>>;
