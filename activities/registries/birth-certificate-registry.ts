import { BIRTH_CERTIFICATE_NO } from '../../domain/newborn-registration/details';
import { simulatedCall, type SimulationOptions } from './simulation';

/** A medical birth certificate (出生医学证明) as the health commission's register holds it. */
export interface BirthCertificateRecord {
  certificateNo: string;
  birthDate: string;
  sex: 'male' | 'female';
  hospital: string | null;
  /** A hukou was already registered on it (户口登记条例 art 6: one registration per person). */
  alreadyRegistered: boolean;
}

/** What a 核验 query names: the certificate and the particulars declared with it. */
export interface BirthCertificateQuery {
  certificateNo: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** The birth-certificate register (health), as the newborn registrations need it. */
export interface BirthCertificateRegistry {
  lookup(query: BirthCertificateQuery): Promise<BirthCertificateRecord | null>;
}

/** Certificates the local register does not hold, holds with another birth date, or already saw registered. */
export const UNKNOWN_BIRTH_CERTIFICATES: readonly string[] = ['Z000000000'];
export const MISMATCHED_BIRTH_CERTIFICATES: readonly string[] = ['M440000001'];
export const REGISTERED_BIRTH_CERTIFICATES: readonly string[] = ['R440000001'];

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * A local register holding no real births: every well-formed certificate records the birth as declared, born in a
 * local hospital, except the lists above; it answers with realistic latency and occasional transient failures.
 */
export function createLocalBirthCertificateRegistry(options: SimulationOptions = {}): BirthCertificateRegistry {
  return {
    lookup: (q) =>
      simulatedCall('birth-certificate', options, () => {
        if (!BIRTH_CERTIFICATE_NO.test(q.certificateNo) || UNKNOWN_BIRTH_CERTIFICATES.includes(q.certificateNo)) return null;
        const birthDate = MISMATCHED_BIRTH_CERTIFICATES.includes(q.certificateNo) ? dayBefore(q.birthDate) : q.birthDate;
        return { ...q, birthDate, hospital: 'municipal maternity hospital', alreadyRegistered: REGISTERED_BIRTH_CERTIFICATES.includes(q.certificateNo) };
      }),
  };
}
