import { z } from 'zod';
import { OFFICE_PATTERN } from '../offices';
import { CHANNELS } from './types';

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

export const materialsSchema = z.array(z.string().trim().min(1).max(200)).max(50);

/**
 * The common part of `POST /cases` for the given case types (domain/case-types.ts passes the registered
 * ones); `details` is checked by the case type's own schema.
 */
export const openCaseSchemaFor = <const T extends readonly [string, ...string[]]>(caseTypes: T) =>
  z
    .object({
      type: z.enum(caseTypes),
      channel: z.enum(CHANNELS),
      receivingOffice: officeCode,
      handlingOffice: officeCode.optional(),
      applicant: applicantSchema,
      materials: materialsSchema.default([]),
      details: z.record(z.string(), z.unknown()),
    })
    .strict();

/** An opening as the kernel sees it: any case type's name, details not yet checked by the type. */
export type OpenCaseInput = z.infer<ReturnType<typeof openCaseSchemaFor<readonly [string, ...string[]]>>>;
