import { MAX_SEQUENCE } from '../../domain/newborn-registration/rules';
import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * The population register's allocation of the sequence code of a citizen ID number (GB 11643): per county and birth
 * date, odd numbers for boys and even for girls. Asked again for the same case, it answers the same number.
 */
export interface BirthSequenceAllocator {
  allocate(request: { caseId: string; countyCode: string; birthDate: string; sex: 'male' | 'female' }): Promise<number>;
}

export class SequenceExhausted extends Error {
  constructor() {
    super('no sequence code is left for this county and birth date');
    this.name = 'SequenceExhausted';
  }
}

/** A local allocator in memory (one worker process): realistic latency and transient failures like the registers. */
export function createLocalBirthSequenceAllocator(options: SimulationOptions = {}): BirthSequenceAllocator {
  const byCase = new Map<string, number>();
  const last = new Map<string, number>();
  return {
    allocate: ({ caseId, countyCode, birthDate, sex }) =>
      simulatedCall('population (number allocation)', options, () => {
        const known = byCase.get(caseId);
        if (known !== undefined) return known;
        const series = `${countyCode}/${birthDate}/${sex}`;
        const next = (last.get(series) ?? (sex === 'male' ? -1 : 0)) + 2;
        if (next > MAX_SEQUENCE) throw new SequenceExhausted();
        last.set(series, next);
        byCase.set(caseId, next);
        return next;
      }),
  };
}
