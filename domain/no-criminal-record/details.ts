import { z } from 'zod';
import { officeCode } from '../kernel/open-schema';

/**
 * Why the deciding office may issue the certificate (公安機關辦理犯罪記錄查詢工作規定 art 5, 公通字〔2021〕19號 — verify):
 * a citizen asks the station of the hukou place or of the place of residence (hence 跨省通辦); a foreigner resident in
 * China for at least 180 days asks the county exit-entry office.
 */
export const NO_CRIMINAL_RECORD_GROUNDS = ['hukou', 'residence', 'foreign-resident'] as const;
export type NoCriminalRecordGround = (typeof NO_CRIMINAL_RECORD_GROUNDS)[number];

export const noCriminalRecordDetailsSchema = z
  .object({
    ground: z.enum(NO_CRIMINAL_RECORD_GROUNDS),
    /** The station (or, for a foreigner, the county exit-entry office) that decides from the national platform. */
    decidingOffice: officeCode,
    /** What the certificate is for (shown on it). */
    purpose: z.string().trim().min(1).max(200),
    /** A foreigner: the day the current residence in China began (art 5: at least 180 days before the request). */
    residentSince: z.iso.date().optional(),
    /**
     * Earlier requests this calendar year as the applicant declared them (the third on needs proof of use). Read only on
     * cases lodged before the platform's request log was asked (request-log.ts): a new opening that declares a figure is
     * refused (prepareNew); the default stays so that recorded openings decide as they did.
     */
    earlierRequestsThisYear: z.number().int().min(0).max(366).default(0),
    /**
     * What the certificate will be used for, shown by a document (a request letter of the unit asking for it). May be given
     * at lodging; where the request log then counts the request as the third or later without it, `show-proof-of-use`.
     */
    proofOfUse: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export type NoCriminalRecordDetails = z.infer<typeof noCriminalRecordDetailsSchema>;
