import { simulatedCall, type SimulationOptions } from './simulation';

export interface EntryRecord {
  passportNo: string;
  /** Date of the latest entry (YYYY-MM-DD), null where the local stand-in has no date. */
  entryDate: string | null;
  port: string | null;
}

/** The exit-entry records system (出入境記錄): was this passport seen entering China? */
export interface EntryExitRegistry {
  lookup(passportNo: string): Promise<EntryRecord | null>;
}

/** Passports the local register has no entry for, for demos and tests. */
export const NO_ENTRY_PASSPORTS: readonly string[] = ['X00000000', 'NOENTRY01'];

export interface LocalEntryExitOptions extends SimulationOptions {
  /** Known entries (date and port) by passport number. */
  records?: Record<string, { entryDate: string; port: string }>;
}

/**
 * A local register: a listed passport has its recorded entry; any other well-formed passport entered
 * (date unknown locally), except the no-entry list.
 */
export function createLocalEntryExitRegistry(options: LocalEntryExitOptions = {}): EntryExitRegistry {
  return {
    lookup: (passportNo) =>
      simulatedCall('entry-exit', options, () => {
        const known = options.records?.[passportNo];
        if (known) return { passportNo, ...known };
        if (!/^[A-Z0-9]{5,20}$/.test(passportNo) || NO_ENTRY_PASSPORTS.includes(passportNo)) return null;
        return { passportNo, entryDate: null, port: null };
      }),
  };
}
