import { simulatedCall, type SimulationOptions } from '../registries/simulation';

/** One ID photo (GA/T 461) in the shared store 一照通用; any department may reuse it while recent enough. */
export interface PhotoRecord {
  /** Whose photo: the resident ID number, or for a foreigner `<nationality>/<passport number>` (photoKey). */
  idNumber: string;
  photoId: string;
  /** ISO instant the photo was taken. */
  takenAt: string;
  /** The document it was taken for (id-card, exit-entry, driving-licence, …). */
  takenFor: string;
  office: string;
}

/** Who a photo is of: a resident by ID number, a foreigner by nationality and passport (docs/domain.md §7.8). */
export type PhotoSubject = { idNumber: string } | { nationality: string; passportNo: string };

/** The store's key of a person: the resident ID number as before, `<nationality>/<passport>` for a foreigner. */
export const photoKey = (who: PhotoSubject): string => ('idNumber' in who ? who.idNumber : `${who.nationality}/${who.passportNo}`);

/** Keyed by photoKey (a resident ID number, or a foreigner's passport); holds the newest photo of each person. */
export interface PhotoStore {
  find(idNumber: string): Promise<PhotoRecord | null>;
  save(photo: PhotoRecord): Promise<void>;
}

/** Where the records live: memory, or a backing file (see json-file-photo-store.ts). */
export interface PhotoBackend {
  load(): Promise<Map<string, PhotoRecord>>;
  persist(photos: Map<string, PhotoRecord>): Promise<void>;
}

export const memoryBackend = (seed: PhotoRecord[] = []): PhotoBackend => ({
  load: async () => new Map(seed.map((p) => [p.idNumber, p])),
  persist: async () => {},
});

/** A shared photo store with register-like latency and transient failures; an older photo never replaces a newer one. */
export function createPhotoStore(backend: PhotoBackend = memoryBackend(), options: SimulationOptions = {}): PhotoStore {
  let photos: Promise<Map<string, PhotoRecord>> | undefined;
  const all = () => (photos ??= backend.load());
  return {
    async find(idNumber) {
      const map = await all();
      return simulatedCall('photo store', options, () => map.get(idNumber) ?? null);
    },
    async save(photo) {
      const map = await all();
      await simulatedCall('photo store', options, () => undefined);
      const current = map.get(photo.idNumber);
      if (current && Date.parse(current.takenAt) >= Date.parse(photo.takenAt)) return;
      map.set(photo.idNumber, photo);
      await backend.persist(map);
    },
  };
}

export const createInMemoryPhotoStore = (seed: PhotoRecord[] = [], options: SimulationOptions = {}) => createPhotoStore(memoryBackend(seed), options);
