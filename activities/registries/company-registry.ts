import { creditCodeProblem } from '../../domain/registers';
import { simulatedCall, type SimulationOptions } from './simulation';

export interface CompanyRecord {
  creditCode: string;
  status: 'active' | 'revoked';
}

/** The national enterprise credit register, as the case workflows need it. */
export interface CompanyRegistry {
  lookup(creditCode: string): Promise<CompanyRecord | null>;
}

/**
 * Codes the local register treats as revoked (吊销), for demonstrations and tests.
 * Each has a valid GB 32100 check character, so it passes opening and fails only at verification.
 */
export const REVOKED_CREDIT_CODES: readonly string[] = ['91310101MA1FL0000A', '91110101MA01XYZ12J'];

/**
 * A local register: every well-formed code with a correct check character is an active company,
 * except the revoked list; it answers with realistic latency and occasional transient failures.
 */
export function createLocalCompanyRegistry(options: SimulationOptions = {}): CompanyRegistry {
  return {
    lookup: (creditCode) =>
      simulatedCall('company', options, () => {
        if (creditCodeProblem(creditCode)) return null;
        return { creditCode, status: REVOKED_CREDIT_CODES.includes(creditCode) ? 'revoked' : 'active' };
      }),
  };
}
