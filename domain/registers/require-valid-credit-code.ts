import { ruleBroken } from '../kernel/errors';
import { creditCodeProblem } from './credit-code';

/** Opening rule shared by the visa types: the inviting company's code must be a well-formed GB 32100 code (422). */
export function requireValidCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (!problem) return;
  throw ruleBroken(
    problem === 'shape'
      ? 'the inviting company credit code is not a unified social credit code (GB 32100-2015)'
      : 'the inviting company credit code has a wrong check character (GB 32100-2015): please check it with the invitation letter',
  );
}
