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
  /**
   * How the register records `relativeId` in relation to `personId`: as a parent (親屬關係, as a hukou registration
   * records parents and children), as a guardian other than a parent (監護, 民法典 arts 27–31: by law, by agreement,
   * designated or appointed), or null where it records nothing between them.
   */
  kinship(personId: string, relativeId: string): Promise<Kinship | null>;
}

export type Kinship = 'parent' | 'guardian';

/** A guardianship other than a parent's, as the register records it beside the person's hukou entry. */
export interface Guardianship {
  personId: string;
  guardianId: string;
  /** How the guardian was established, with its source: 民法典 art 27(2) (a grandparent), art 31 (designated), ... */
  basis: string;
}

/**
 * Guardians the local register knows, for demos and tests: a grandmother in Shanghai designated by the residents'
 * committee (民法典 art 31) for a Guangzhou child of 11, whom the parent rule (same division) does not make a parent.
 */
export const GUARDIANSHIPS: readonly Guardianship[] = [
  { personId: '440106201505060022', guardianId: '310101195603120042', basis: '民法典 art 31: designated by the residents’ committee' },
];

/** ID numbers the local register does not know, and ones whose registration was cancelled (注銷), for demos and tests. */
export const UNKNOWN_ID_NUMBERS: readonly string[] = ['440106200001010000', '310101199001010000'];
// The last has a valid GB 11643 check character, so that a new opening may name it (a cancellation certificate).
export const CANCELLED_ID_NUMBERS: readonly string[] = ['440106198001010011', '110101197001010022', '44010619500303001X'];

const ID_NUMBER = /^\d{17}[\dX]$/;

export interface LocalPopulationOptions extends SimulationOptions {
  /** Residents whose hukou moved away from the division in their ID number. */
  hukouOffices?: Record<string, string>;
  /** Guardianships the register records (default: GUARDIANSHIPS). */
  guardianships?: readonly Guardianship[];
}

/**
 * A local register: every well-formed ID number is a registered resident whose hukou sits in the
 * division of its first six digits (the birth-registration place), unless listed otherwise.
 */
export function createLocalPopulationRegistry(options: LocalPopulationOptions = {}): PopulationRegistry {
  return {
    // A stand-in for the register's kinship records: a known resident registered in the same division as the
    // person and born at least 14 years before them is recorded as their parent; a listed guardianship as a guardian.
    kinship: (personId, relativeId) =>
      simulatedCall('population', options, (): Kinship | null => {
        const known = (id: string) => ID_NUMBER.test(id) && !UNKNOWN_ID_NUMBERS.includes(id);
        if (!known(personId) || !known(relativeId)) return null;
        const sameDivision = personId.slice(0, 6) === relativeId.slice(0, 6);
        const yearsOlder = Number(personId.slice(6, 10)) - Number(relativeId.slice(6, 10));
        if (sameDivision && yearsOlder >= 14) return 'parent';
        const guardianships = options.guardianships ?? GUARDIANSHIPS;
        return guardianships.some((g) => g.personId === personId && g.guardianId === relativeId) ? 'guardian' : null;
      }),
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
