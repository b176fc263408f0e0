import type { EventStore } from '../event-store/types';
import { appendEvents } from './append-events';
import { loadCase } from './load-case';
import { checkCardCase } from './card-case';
import { tellCase } from './tell-case';
import { listLostCard } from './list-lost-card';
import { createLocalCardProductionCentre, produceCard, type CardProductionCentre } from './card-production';
import { createInMemoryPhotoStore, lookupPhoto, storePhoto, type PhotoStore } from './photo-store';
import {
  createLocalAccommodationRegistrations,
  createLocalBirthCertificateRegistry,
  createLocalBirthSequenceAllocator,
  createLocalCriminalRecordRegistry,
  createLocalEntryExitRegistry,
  createLocalLostCardList,
  createLocalMarriageRegistry,
  createLocalPopulationRegistry,
  createLocalPowerOfAttorneyRegistry,
  createLocalResidenceRegisters,
  createLocalPermitRecords,
  createLocalRequestLog,
  createLocalWorkPermitRegistry,
  type BirthSequenceAllocator,
  type LostCardList,
  type SimulationOptions,
} from './registries';
import { allocateBirthSequence } from './allocate-birth-sequence';
import type { CaseActivities } from './types';
import { verifyRecord, verifyRecords, type Registries } from './verify-record';

export interface ActivityDeps {
  store: EventStore;
  /** The company register is required; the others default to local stand-ins. */
  registries: Pick<Registries, 'company'> & Partial<Registries>;
  photoStore?: PhotoStore;
  cardProduction?: CardProductionCentre;
  birthSequences?: BirthSequenceAllocator;
  /** The national lost-card list (loss reports); a local stand-in by default. */
  lostCards?: LostCardList;
  /** Latency / failure profile of the local defaults (REGISTRY_LATENCY_MS, REGISTRY_FAILURE_RATE). */
  simulation?: SimulationOptions;
}

export function createActivities(deps: ActivityDeps): CaseActivities {
  const simulation = deps.simulation ?? {};
  const registries: Registries = {
    company: deps.registries.company,
    population: deps.registries.population ?? createLocalPopulationRegistry(simulation),
    entryExit: deps.registries.entryExit ?? createLocalEntryExitRegistry(simulation),
    residence: deps.registries.residence ?? createLocalResidenceRegisters(simulation),
    birthCertificate: deps.registries.birthCertificate ?? createLocalBirthCertificateRegistry(simulation),
    marriage: deps.registries.marriage ?? createLocalMarriageRegistry(simulation),
    criminalRecord: deps.registries.criminalRecord ?? createLocalCriminalRecordRegistry(simulation),
    powerOfAttorney: deps.registries.powerOfAttorney ?? createLocalPowerOfAttorneyRegistry(simulation),
    accommodation: deps.registries.accommodation ?? createLocalAccommodationRegistrations(simulation),
    workPermit: deps.registries.workPermit ?? createLocalWorkPermitRegistry(simulation),
    permits: deps.registries.permits ?? createLocalPermitRecords(simulation),
    requestLog: deps.registries.requestLog ?? createLocalRequestLog(simulation),
  };
  const photos = deps.photoStore ?? createInMemoryPhotoStore([], simulation);
  // Production takes about a second locally, whatever the register latency is.
  const centre = deps.cardProduction ?? createLocalCardProductionCentre({ ...simulation, latencyMs: undefined });
  return {
    appendEvents: appendEvents(deps.store),
    loadCase: loadCase(deps.store),
    verifyRecord: verifyRecord(registries),
    verifyRecords: verifyRecords(registries),
    lookupPhoto: lookupPhoto(photos),
    storePhoto: storePhoto(photos),
    produceCard: produceCard(centre),
    allocateBirthSequence: allocateBirthSequence(deps.birthSequences ?? createLocalBirthSequenceAllocator(simulation)),
    checkCardCase: checkCardCase(deps.store),
    listLostCard: listLostCard(deps.lostCards ?? createLocalLostCardList(simulation)),
    tellCase,
  };
}

export type { CaseActivities } from './types';
export type { Registries } from './verify-record';
