import { caseTypes, type CaseType } from './case-types';
import { localLimitProblem } from './kernel/open';
import type { ReferenceData } from './reference';

/**
 * What is wrong with a per-office policy table beyond its shape: each case type and clock must exist, and each
 * limit must be one the office may commit to (localLimitProblem). As path and message per problem.
 */
export function officePolicyProblems(table: ReferenceData<'office-policies'>): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  for (const [office, entry] of Object.entries(table)) {
    for (const [type, clocks] of Object.entries(entry.clocks)) {
      if (!Object.hasOwn(caseTypes, type)) {
        problems.push({ path: [office, 'clocks', type], message: `no case type ${type} (one of ${Object.keys(caseTypes).join(', ')})` });
        continue;
      }
      const specs: Record<string, Parameters<typeof localLimitProblem>[0]> = caseTypes[type as CaseType].clocks;
      for (const [clock, { limit }] of Object.entries(clocks)) {
        const spec = Object.hasOwn(specs, clock) ? specs[clock] : undefined;
        const problem = spec ? localLimitProblem(spec, limit) : `a ${type} case has no ${clock} clock (one of ${Object.keys(specs).join(', ')})`;
        if (problem) problems.push({ path: [office, 'clocks', type, clock, ...(spec ? ['limit'] : [])], message: problem });
      }
    }
  }
  return problems;
}
