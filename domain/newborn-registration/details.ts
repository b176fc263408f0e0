import { z } from 'zod';
import { idNumber } from '../kernel/open-schema';

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const PARENT_ROLES = ['father', 'mother'] as const;

/** Who may declare a birth: a parent, a relative or the guardian (户口登记条例 art 7). */
export const DECLARANT_RELATIONS = ['father', 'mother', 'relative', 'guardian'] as const;
export type DeclarantRelation = (typeof DECLARANT_RELATIONS)[number];

/**
 * Why a child may bear a surname other than its father's or mother's (民法典 art 1015): that of another lineal
 * ascendant, that of a supporter other than the legal ones, or another proper reason; ethnic minorities follow
 * their own customs (art 1015 para 2).
 */
export const SURNAME_BASES = ['lineal-ascendant', 'supporter', 'proper-reason', 'ethnic-custom'] as const;

/** The number of the medical birth certificate (出生医学证明): one letter and nine digits. */
export const BIRTH_CERTIFICATE_NO = /^[A-Z]\d{9}$/;

const personName = z.string().trim().min(1).max(100);

export const newbornRegistrationDetailsSchema = z
  .object({
    sex: z.enum(SEXES),
    birthCertificateNo: z.string().regex(BIRTH_CERTIFICATE_NO, 'the birth certificate number (出生医学证明): a letter and 9 digits'),
    placeOfBirth: z.enum(['mainland', 'abroad']),
    /** Born abroad with a foreign nationality acquired at birth: no Chinese nationality (国籍法 art 5). */
    foreignNationalityAtBirth: z.boolean().optional(),
    /** The parent whose hukou the child joins, as the family chooses (国发〔1998〕24号). */
    chosenParent: z.object({ role: z.enum(PARENT_ROLES), name: personName, idNumber }).strict(),
    otherParent: z
      .object({ role: z.enum(PARENT_ROLES), name: personName, idNumber: idNumber.optional() })
      .strict()
      .optional(),
    /** Who declares the birth on the child's behalf (户口登记条例 art 7); the child is the case's applicant. */
    declarant: z.object({ relation: z.enum(DECLARANT_RELATIONS), name: personName, idNumber }).strict(),
    surnameBasis: z.enum(SURNAME_BASES).optional(),
  })
  .strict();

export type NewbornRegistrationDetails = z.infer<typeof newbornRegistrationDetailsSchema>;
