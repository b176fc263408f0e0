import { ageAt, MANDATORY_AGE } from '../first-id-card/rules';
import type { OpenCaseInput } from '../kernel/open-schema';

/** Who the person lodging is, as their token's issuer verified it: a resident ID number or a passport number. */
export interface VerifiedIdentity {
  idNumber?: string;
  passportNo?: string;
}

/**
 * Whether an applicant whose verified identity is `who` may open this case, or why not. The case's
 * `applicant` is the person it is about; an applicant lodges for themself — a register answer about
 * somebody else is that person's data (居民身份證法 art 6, 19). The one exception a type's rule makes: a
 * first ID card for a resident under 16 is applied for through their guardian (居民身份證法 art 7), who
 * must then be the `details.guardian` of the case. Pure: `at` is the lodging instant.
 */
export function lodgingRefusal(who: VerifiedIdentity, input: OpenCaseInput, at: string): string | null {
  if (!who.idNumber && !who.passportNo) {
    return 'your token carries no verified identity (an idNumber or passportNo claim): sign in again through the identity service';
  }
  const { idNumber, passportNo } = input.applicant as { idNumber?: string; passportNo?: string };
  const isSelf = (idNumber !== undefined && idNumber === who.idNumber) || (passportNo !== undefined && passportNo === who.passportNo);
  if (isSelf) return null;
  if (input.type === 'first-id-card') {
    const guardian = (input.details as { guardian?: { idNumber?: string } } | undefined)?.guardian;
    const birthDate = (input.applicant as { birthDate?: string }).birthDate;
    const minor = birthDate !== undefined && ageAt(birthDate, at) < MANDATORY_AGE;
    if (minor && guardian?.idNumber !== undefined && guardian.idNumber === who.idNumber) return null;
    return 'you may apply only for yourself, or as the guardian named in details.guardian for a child under 16 (居民身份證法 art 7): the applicant is not the person your token names';
  }
  return 'you may lodge a case only for yourself: the applicant is not the person your token names';
}
