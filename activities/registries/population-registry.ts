import { simulatedCall, type SimulationOptions } from './simulation';

export interface PopulationRecord {
  idNumber: string;
  /** The county-level office (GB/T 2260) where the person's hukou is registered. */
  hukouOffice: string;
  status: 'registered' | 'cancelled';
}

/** The national population register (人口信息系統), as the case workflows need it. */
export interface PopulationRegistry {
  lookup(idNumber: string): Promise<PopulationRecord | null>;
}

/** ID numbers the local register does not know, and ones whose registration was cancelled (注銷), for demos and tests. */
export const UNKNOWN_ID_NUMBERS: readonly string[] = ['440106200001010000', '310101199001010000'];
// The last has a valid GB 11643 check character, so that a new opening may name it (a cancellation certificate).
export const CANCELLED_ID_NUMBERS: readonly string[] = ['440106198001010011', '110101197001010022', '44010619500303001X'];

const ID_NUMBER = /^\d{17}[\dX]$/;

export interface LocalPopulationOptions extends SimulationOptions {
  /** Residents whose hukou moved away from the division in their ID number. */
  hukouOffices?: Record<string, string>;
}

/**
 * A local register: every well-formed ID number is a registered resident whose hukou sits in the
 * division of its first six digits (the birth-registration place), unless listed otherwise.
 */
export function createLocalPopulationRegistry(options: LocalPopulationOptions = {}): PopulationRegistry {
  return {
    lookup: (idNumber) =>
      simulatedCall('population', options, () => {
        if (!ID_NUMBER.test(idNumber) || UNKNOWN_ID_NUMBERS.includes(idNumber)) return null;
        return {
          idNumber,
          hukouOffice: options.hukouOffices?.[idNumber] ?? idNumber.slice(0, 6),
          status: CANCELLED_ID_NUMBERS.includes(idNumber) ? 'cancelled' : 'registered',
        };
      }),
  };
}
