import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * The registers a residence permit application is read from (docs/domain.md §7.4, 免交證): the police's residence
 * registrations (居住登記), social insurance (the job), property and rental filings (the home) and the student register.
 * Each is asked about one person in one city: the subject is `<ID number>@<city code>`.
 */
export interface ResidenceRegistration {
  /** The day the current residence registration in the city began (ISO date). */
  since: string;
}
export interface InsuranceRecord {
  /** The employer paying contributions for the person in the city. */
  employerCreditCode: string;
  since: string;
}
export interface HomeRecord {
  kind: 'owned' | 'rental-filing';
  since: string;
}
export interface StudentRecord {
  school: string;
  enrolledSince: string;
}

export interface ResidenceRegisters {
  residence(idNumber: string, city: string): Promise<ResidenceRegistration | null>;
  insurance(idNumber: string, city: string): Promise<InsuranceRecord | null>;
  home(idNumber: string, city: string): Promise<HomeRecord | null>;
  student(idNumber: string, city: string): Promise<StudentRecord | null>;
}

/** Registered in the city for two months only: not yet the half year (居住證暫行條例 art 2). */
export const NEW_RESIDENT_ID_NUMBERS: readonly string[] = ['44010619900307001X'];
/** No residence registration, no insurance, no home and no school anywhere: every check contradicts. */
export const UNREGISTERED_RESIDENT_ID_NUMBERS: readonly string[] = ['440106199507080027'];

const ID_NUMBER = /^\d{17}[\dX]$/;
const CITY = /^\d{6}$/;
const DAY_MS = 86_400_000;

export interface LocalResidenceOptions extends SimulationOptions {
  /** The wall clock the "two months ago" of a new resident is read from (tests pin it). */
  now?: () => number;
}

/**
 * Local stand-ins: every well-formed ID number has lived, worked (paying insurance for a local employer), rented (with a
 * filed contract) and studied in every city since 2023, except the numbers listed above. Slow and briefly unavailable
 * now and then, like the other registers.
 */
export function createLocalResidenceRegisters(options: LocalResidenceOptions = {}): ResidenceRegisters {
  const now = options.now ?? Date.now;
  const known = (idNumber: string, city: string) => ID_NUMBER.test(idNumber) && CITY.test(city) && !UNREGISTERED_RESIDENT_ID_NUMBERS.includes(idNumber);
  return {
    residence: (idNumber, city) =>
      simulatedCall('residence-registration', options, () => {
        if (!known(idNumber, city)) return null;
        const since = NEW_RESIDENT_ID_NUMBERS.includes(idNumber) ? new Date(now() - 60 * DAY_MS).toISOString().slice(0, 10) : '2023-03-01';
        return { since };
      }),
    insurance: (idNumber, city) =>
      simulatedCall('social-insurance', options, () => (known(idNumber, city) ? { employerCreditCode: '91440106MA59ABCD1M', since: '2023-04-01' } : null)),
    home: (idNumber, city) =>
      simulatedCall('property', options, () => (known(idNumber, city) ? { kind: 'rental-filing' as const, since: '2023-03-01' } : null)),
    student: (idNumber, city) =>
      simulatedCall('student', options, () => (known(idNumber, city) ? { school: `a school in ${city}`, enrolledSince: '2023-09-01' } : null)),
  };
}

/**
 * Accommodation registrations of foreigners with the police (境外人員住宿登記, 出境入境管理法 art 39): where a passport
 * holder is registered as staying, by county office. Read for a foreigner's residence document (docs/domain.md §7.7).
 */
export interface AccommodationRegistration {
  /** The day the registration at an address in the county began (ISO date). */
  since: string;
}
export interface AccommodationRegistrations {
  lookup(nationality: string, passportNo: string, office: string): Promise<AccommodationRegistration | null>;
}

/** Passports nobody registered as staying anywhere, for demos and tests. */
export const UNREGISTERED_GUEST_PASSPORTS: readonly string[] = ['NOLODGE01'];

/** A local stand-in: every well-formed passport holder registered in every county two days ago, except the list above. */
export function createLocalAccommodationRegistrations(options: LocalResidenceOptions = {}): AccommodationRegistrations {
  const now = options.now ?? Date.now;
  return {
    lookup: (nationality, passportNo, office) =>
      simulatedCall('accommodation-registration', options, () => {
        const known = /^[A-Z]{3}$/.test(nationality) && /^[A-Z0-9]{5,20}$/.test(passportNo) && CITY.test(office);
        if (!known || UNREGISTERED_GUEST_PASSPORTS.includes(passportNo)) return null;
        return { since: new Date(now() - 2 * DAY_MS).toISOString().slice(0, 10) };
      }),
  };
}
