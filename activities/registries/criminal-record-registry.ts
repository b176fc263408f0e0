import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * What the MPS criminal-record platform holds about a person: a court's effective finding of guilt only
 * (《公安機關辦理犯罪記錄查詢工作規定》 arts 2–3). A juvenile record (under 18, sentence ≤ 5 years) is sealed
 * (刑事訴訟法 art 286): it is not disclosed on a no-criminal-record request.
 */
export interface CriminalRecord {
  subject: string;
  findings: { court: string; effectiveOn: string; sealedJuvenile: boolean }[];
}

/** The national criminal-record platform (犯罪記錄查詢平台), asked by ID or passport number. */
export interface CriminalRecordRegistry {
  lookup(subject: string): Promise<CriminalRecord>;
}

/** People the local platform has an effective conviction for, and one with only a sealed juvenile record (demos and tests). */
export const CONVICTED_SUBJECTS: readonly string[] = ['440106198806060021', 'CR0000001'];
export const SEALED_JUVENILE_SUBJECTS: readonly string[] = ['440106196211110035'];

/** A local platform: nobody has a record except the listed subjects. */
export function createLocalCriminalRecordRegistry(options: SimulationOptions = {}): CriminalRecordRegistry {
  return {
    lookup: (subject) =>
      simulatedCall('criminal-record', options, () => {
        if (CONVICTED_SUBJECTS.includes(subject)) {
          return { subject, findings: [{ court: '廣州市天河區人民法院', effectiveOn: '2019-06-20', sealedJuvenile: false }] };
        }
        if (SEALED_JUVENILE_SUBJECTS.includes(subject)) {
          return { subject, findings: [{ court: '廣州市天河區人民法院', effectiveOn: '1978-03-02', sealedJuvenile: true }] };
        }
        return { subject, findings: [] };
      }),
  };
}
