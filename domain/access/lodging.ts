import type { AnyCaseTypeModule } from '../kernel/case-type';
import type { OpenCaseInput, Representative } from '../kernel/open-schema';
import { isPerson, representationProblem } from '../kernel/representation';

/** Who the person lodging is, as their token's issuer verified it: a resident ID number or a passport number. */
export interface VerifiedIdentity {
  idNumber?: string;
  passportNo?: string;
}

/**
 * Whether an applicant whose verified identity is `who` may open this case, or why not. The case's
 * `applicant` is the person it is about; an applicant lodges for themself — a register answer about
 * somebody else is that person's data (居民身份證法 art 6, 19) — or as the type's `representation` allows
 * (a guardian for a child, an agent with a power of attorney), and then the representative must be the
 * person the token names. Pure: `at` is the lodging instant.
 */
export function lodgingRefusal(who: VerifiedIdentity, input: OpenCaseInput, at: string, module: AnyCaseTypeModule): string | null {
  if (!who.idNumber && !who.passportNo) {
    return 'your token carries no verified identity (an idNumber or passportNo claim): sign in again through the identity service';
  }
  if (isPerson(who, input.applicant)) return null;
  const rules = module.representation ?? [];
  const notYou = rules.length
    ? `you may apply only for yourself, or as ${rules.map((r) => r.who).join(', or as ')}: the applicant is not the person your token names`
    : 'you may lodge a case only for yourself: the applicant is not the person your token names';
  const details = module.details.safeParse(input.details);
  if (!details.success) return notYou;
  const checked = { ...input, details: details.data };
  const representative: Representative | undefined = input.representative ?? module.representativeOf?.(checked);
  if (!representative || !isPerson(who, representative)) return notYou;
  return representationProblem(module.type, rules, representative, checked, at) === null ? null : notYou;
}
