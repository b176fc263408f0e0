import { simulatedCall, type SimulationOptions } from './simulation';

/** A foreigner's work permit (外國人工作許可), as the work-permit register holds it. */
export interface WorkPermitRecord {
  permitNo: string;
  /** The employer's unified social credit code. */
  employerCreditCode: string;
  /** The last day of the permit (ISO date). */
  validUntil: string;
}

/** The work-permit register of the labour authorities: is this passport holder allowed to work, and for whom? */
export interface WorkPermitRegistry {
  lookup(nationality: string, passportNo: string): Promise<WorkPermitRecord | null>;
}

/** Passports the local register holds no work permit for, for demos and tests. */
export const NO_WORK_PERMIT_PASSPORTS: readonly string[] = ['NOWORK001'];

/** The employer of every local work permit. */
export const LOCAL_WORK_PERMIT_EMPLOYER = '91440106MA59ABCD1M';

export interface LocalWorkPermitOptions extends SimulationOptions {
  /** The wall clock the permits' expiry is read from (tests pin it). */
  now?: () => number;
}

const NATIONALITY = /^[A-Z]{3}$/;
const PASSPORT = /^[A-Z0-9]{5,20}$/;
const TWO_YEARS_MS = 730 * 86_400_000;

/**
 * A local stand-in: every well-formed passport holder has a work permit for one local employer, valid two more years,
 * except the list above. Slow and briefly unavailable now and then, like the other registers.
 */
export function createLocalWorkPermitRegistry(options: LocalWorkPermitOptions = {}): WorkPermitRegistry {
  const now = options.now ?? Date.now;
  return {
    lookup: (nationality, passportNo) =>
      simulatedCall('work-permit', options, () => {
        if (!NATIONALITY.test(nationality) || !PASSPORT.test(passportNo) || NO_WORK_PERMIT_PASSPORTS.includes(passportNo)) return null;
        return {
          permitNo: `WP${nationality}${passportNo}`,
          employerCreditCode: LOCAL_WORK_PERMIT_EMPLOYER,
          validUntil: new Date(now() + TWO_YEARS_MS).toISOString().slice(0, 10),
        };
      }),
  };
}
