import type { OpenInputOf } from '../kernel/case-type';
import type { RepresentationRule } from '../kernel/representation';
import type { CaseTypeSpec } from '../kernel/types';
import { ageAt, MANDATORY_AGE } from './rules';

/**
 * The one capacity in which somebody lodges a card matter for another: a guardian, for a holder under 16 (居民身份證法
 * arts 7, 11; the temporary card: MPS Order 78 art 9). Each card type says whom it means, why a guardian is refused,
 * and where it reads the holder's birth date (the opening's own field, or the ID number for a holder who has one).
 */
export function guardianOfMinor<S extends CaseTypeSpec>(
  who: string,
  refused: string,
  birthDateOf: (input: OpenInputOf<S>) => string | undefined,
): RepresentationRule<S> {
  return {
    role: 'guardian',
    who,
    refusal: (input, at) => {
      const birthDate = birthDateOf(input);
      return birthDate !== undefined && ageAt(birthDate, at) < MANDATORY_AGE ? null : refused;
    },
  };
}
