import { createLocalBirthCertificateRegistry, type BirthCertificateRegistry } from './birth-certificate-registry';
import { createLocalCompanyRegistry, type CompanyRegistry } from './company-registry';
import { createLocalCriminalRecordRegistry, type CriminalRecordRegistry } from './criminal-record-registry';
import { createLocalEntryExitRegistry, type EntryExitRegistry } from './entry-exit-registry';
import { createLocalMarriageRegistry, type MarriageRegistry } from './marriage-registry';
import { createLocalPopulationRegistry, type PopulationRegistry } from './population-registry';
import { createLocalPowerOfAttorneyRegistry, type PowerOfAttorneyRegistry } from './power-of-attorney-registry';
import {
  createLocalAccommodationRegistrations,
  createLocalResidenceRegisters,
  type AccommodationRegistrations,
  type ResidenceRegisters,
} from './residence-registers';
import { createLocalPermitRecords, type ResidencePermitRecords } from './permit-records';
import { createLocalRequestLog, type RequestLog } from './request-log';
import type { SimulationOptions } from './simulation';
import { createLocalWorkPermitRegistry, type WorkPermitRegistry } from './work-permit-registry';

export interface AllRegistries {
  company: CompanyRegistry;
  population: PopulationRegistry;
  entryExit: EntryExitRegistry;
  residence: ResidenceRegisters;
  birthCertificate: BirthCertificateRegistry;
  marriage: MarriageRegistry;
  criminalRecord: CriminalRecordRegistry;
  powerOfAttorney: PowerOfAttorneyRegistry;
  accommodation: AccommodationRegistrations;
  workPermit: WorkPermitRegistry;
  permits: ResidencePermitRecords;
  requestLog: RequestLog;
}

/** Every register as a local stand-in sharing one latency / failure profile (REGISTRY_LATENCY_MS, REGISTRY_FAILURE_RATE). */
export const createLocalRegistries = (options: SimulationOptions = {}): AllRegistries => ({
  company: createLocalCompanyRegistry(options),
  population: createLocalPopulationRegistry(options),
  entryExit: createLocalEntryExitRegistry(options),
  residence: createLocalResidenceRegisters(options),
  birthCertificate: createLocalBirthCertificateRegistry(options),
  marriage: createLocalMarriageRegistry(options),
  criminalRecord: createLocalCriminalRecordRegistry(options),
  powerOfAttorney: createLocalPowerOfAttorneyRegistry(options),
  accommodation: createLocalAccommodationRegistrations(options),
  workPermit: createLocalWorkPermitRegistry(options),
  permits: createLocalPermitRecords(options),
  requestLog: createLocalRequestLog(options),
});
