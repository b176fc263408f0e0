import { simulatedCall, type SimulationOptions } from './simulation';

/** The marriage register (civil affairs): is a marriage of these two people registered? */
export interface MarriageRegistry {
  lookup(idNumberA: string, idNumberB: string): Promise<{ married: boolean; registeredOn: string | null }>;
}

/** ID numbers the local register has no marriage for (a non-marital birth in demos and tests). */
export const UNMARRIED_ID_NUMBERS: readonly string[] = ['440106199505050027'];

/** A local register: any two people are married (date unknown locally) unless one of them is listed above. */
export function createLocalMarriageRegistry(options: SimulationOptions = {}): MarriageRegistry {
  return {
    lookup: (a, b) =>
      simulatedCall('marriage', options, () => {
        const married = !UNMARRIED_ID_NUMBERS.includes(a) && !UNMARRIED_ID_NUMBERS.includes(b);
        return { married, registeredOn: null };
      }),
  };
}
